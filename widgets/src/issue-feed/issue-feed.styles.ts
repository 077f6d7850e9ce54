import { css } from 'lit';

export const issueFeedStyles = css`
  .live {
    font-size: 0.7em;
    font-weight: 600;
    color: var(--_success);
    border: 1px solid currentColor;
    border-radius: 999px;
    padding: 0 0.5em;
    vertical-align: middle;
  }
  .events {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.5rem;
  }
  .event {
    padding: 0.5rem 0.75rem;
    border-radius: var(--_radius);
    background: var(--_surface-alt);
    border-inline-start: 4px solid var(--_primary);
  }
  .event.overdue {
    border-inline-start-color: var(--_warning);
  }
  .top {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.5rem;
  }
  .type {
    font-weight: 700;
  }
  .badge {
    font-size: 0.8em;
    font-weight: 700;
    color: var(--_warning);
    border: 1px solid currentColor;
    border-radius: 999px;
    padding: 0 0.5em;
  }
  time {
    margin-inline-start: auto;
    color: var(--_muted);
    font-size: 0.875em;
  }
  .headline {
    margin: 0.2rem 0 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .note {
    margin: 0.2rem 0 0;
    padding-inline-start: 0.5rem;
    border-inline-start: 3px solid var(--_danger);
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .grid {
    margin: 0.1rem 0 0;
    color: var(--_muted);
    font-size: 0.875em;
  }
`;
