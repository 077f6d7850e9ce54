import { css } from 'lit';

export const statusTrackerStyles = css`
  .row {
    display: flex;
    gap: 0.5rem;
  }
  .row input {
    flex: 1;
    font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    letter-spacing: 0.05em;
  }
  .facts {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr));
    gap: 0.5rem var(--_space);
    margin: var(--_space) 0;
  }
  .facts .wide {
    grid-column: 1 / -1;
  }
  .facts dt {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .facts dd {
    margin: 0;
    font-weight: 600;
  }
  .code {
    font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    white-space: nowrap;
  }
  .recent ul {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    list-style: none;
    margin: 0.25rem 0 0.5rem;
    padding: 0;
  }
  .recent button.code {
    padding: 0.5rem 0.6rem;
    font-size: 0.9em;
  }
  .recent button[aria-current='true'] {
    background: var(--_surface-alt);
    font-weight: 700;
  }
  .forget {
    border-color: var(--_border);
    color: var(--_muted);
  }
  .status {
    font-weight: 700;
    color: var(--_primary);
  }
  .rejected {
    color: var(--_danger);
  }
  .steps {
    display: flex;
    flex-wrap: wrap;
    list-style: none;
    padding: 0;
    margin: var(--_space) 0;
    gap: 0.5rem 0.375rem;
  }
  /* Each step at least as wide as its longest word: on a phone the steps wrap onto a second row rather than run into each other. */
  .step {
    flex: 1 1 3.5rem;
    min-width: min-content;
    overflow-wrap: normal;
    hyphens: manual;
    display: flex;
    flex-direction: column;
    align-items: center;
    text-align: center;
    font-size: 0.875em;
    color: var(--_muted);
    border-top: 4px solid var(--_border);
    padding-top: 0.4rem;
  }
  .step .dot {
    width: 0.9rem;
    height: 0.9rem;
    border-radius: 50%;
    border: 2px solid var(--_border);
    background: var(--_surface);
    margin-bottom: 0.2rem;
  }
  .step.done,
  .step.current {
    color: var(--_text);
    border-top-color: var(--_primary);
  }
  .step.done .dot,
  .step.current .dot {
    background: var(--_primary);
    border-color: var(--_primary);
  }
  .step.current {
    font-weight: 700;
  }
  h3 {
    font-size: 1em;
    margin: var(--_space) 0 0.25rem;
  }
  .timeline {
    list-style: none;
    margin: 0;
    padding: 0 0 0 var(--_space);
    border-inline-start: 2px solid var(--_border);
  }
  .timeline li {
    margin: 0 0 0.5rem;
  }
  .timeline time {
    color: var(--_muted);
    font-size: 0.875em;
    margin-inline-end: 0.5rem;
  }
  .event {
    font-weight: 600;
  }
  .note {
    margin: 0.1rem 0 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  /* Before and after side by side (two columns from a phone's width up). */
  .photos {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(140px, 1fr));
    gap: 0.75rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .photos figure {
    margin: 0;
  }
  .photos img {
    width: 100%;
    aspect-ratio: 4 / 3;
    object-fit: cover;
    border-radius: 6px;
    display: block;
  }
  .photos figcaption {
    font-size: 0.875em;
    color: var(--_muted);
  }
`;
