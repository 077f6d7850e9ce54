import { css } from 'lit';

export const statsStyles = css`
  .figures {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(8rem, 1fr));
    gap: var(--_space);
    margin: 0;
  }
  .figure {
    display: flex;
    flex-direction: column-reverse;
    padding: var(--_space);
    background: var(--_surface-alt);
    border-radius: var(--_radius);
    text-align: center;
  }
  dt {
    color: var(--_muted);
    font-size: 0.9em;
  }
  dd {
    margin: 0;
    font-size: 1.8em;
    font-weight: 700;
    color: var(--_primary);
    font-variant-numeric: tabular-nums;
  }
  .none {
    font-size: 0.5em;
    font-weight: 400;
    color: var(--_muted);
  }
`;
