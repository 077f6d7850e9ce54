/** Styles the console's elements share: lists of tappable rows, badges, small forms. */
import { css } from 'lit';

export const consoleStyles = css`
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
  }
  .badge {
    display: inline-block;
    padding: 0 0.5em;
    border-radius: 999px;
    font-size: 0.8em;
    font-weight: 600;
    border: 1px solid currentColor;
  }
  .badge.danger {
    color: var(--_danger);
  }
  .badge.primary {
    color: var(--_primary);
  }
  .muted {
    color: var(--_muted);
  }
  ul.plain {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  /* The file picker's button looks like the console's other secondary buttons (issue photos, admin imports). */
  input[type='file']::file-selector-button {
    min-height: 44px;
    margin-inline-end: 0.75rem;
    padding: 0.5rem 1rem;
    font: inherit;
    color: var(--_primary);
    background: var(--_surface);
    border: 1px solid var(--_primary);
    border-radius: var(--_radius);
    cursor: pointer;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .move-form {
    margin-top: var(--_space);
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-alt);
  }
  fieldset {
    border: 0;
    margin: 0 0 var(--_space);
    padding: 0;
  }
  .choice {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    min-height: 44px;
    font-weight: 400;
  }
  .choice input {
    width: 1.25rem;
    height: 1.25rem;
  }
`;
