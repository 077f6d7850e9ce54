import { css } from 'lit';

export const reportFormStyles = css`
  fieldset {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
    margin: 0 0 var(--_space);
  }
  .cascade {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr));
    gap: 0 var(--_space);
  }
  .reporter {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr));
    gap: 0 var(--_space);
  }
  .optional {
    font-weight: 400;
    color: var(--_muted);
  }
  .switch {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    margin-bottom: 0;
  }
  .switch input {
    width: 1.25rem;
    height: 1.25rem;
    accent-color: var(--_primary);
  }
  .switch label {
    margin: 0;
  }
  .counter {
    text-align: end;
  }
  .chosen {
    margin: 0 0 0.5rem;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
    margin-top: var(--_space);
  }
  .success {
    outline: none;
  }
  .success > .hint {
    margin-bottom: var(--_space);
  }
  .done-title {
    font-size: 1.1em;
    font-weight: 600;
    color: var(--_success);
    margin: 0 0 var(--_space);
  }
  .code-label {
    margin: 0;
    color: var(--_muted);
  }
  .code {
    margin: 0.25rem 0 0;
    font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    font-size: 1.6em;
    font-weight: 700;
    letter-spacing: 0.08em;
    color: var(--_primary);
    user-select: all;
    overflow-wrap: anywhere;
  }
`;
