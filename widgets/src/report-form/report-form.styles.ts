import { css } from 'lit';

export const reportFormStyles = css`
  fieldset {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
    margin: 0 0 var(--_space);
    min-width: 0;
  }
  /* The form's own fields, locked while a report waits to be sent. */
  fieldset.content {
    border: 0;
    padding: 0;
    margin: 0;
  }
  .locate {
    width: 100%;
  }
  .or {
    margin: var(--_space) 0 0.25rem;
    color: var(--_muted);
  }
  .implied {
    color: var(--_text);
    font-weight: 600;
  }
  .cascade {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr));
    gap: 0 var(--_space);
  }
  .grids .label {
    font-weight: 600;
    margin: 0 0 0.25rem;
  }
  .grid-option {
    display: flex;
    align-items: flex-start;
    gap: 0.6rem;
    min-height: 44px;
    padding: 0.5rem 0.6rem;
    margin: 0 0 0.5rem;
    font-weight: 400;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-alt);
    cursor: pointer;
  }
  .grid-option:has(input:checked) {
    border: 2px solid var(--_primary);
  }
  .grid-option input {
    flex: none;
    width: 1.25rem;
    height: 1.25rem;
    margin: 0.15rem 0 0;
    accent-color: var(--_primary);
  }
  .grid-name {
    display: block;
    font-weight: 600;
  }
  .grid-covers {
    display: block;
    color: var(--_muted);
    font-size: 0.9em;
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
  /* A 56 × 44 px switch: the track is drawn inside transparent borders, so the whole box takes the tap. */
  .switch input {
    appearance: none;
    flex: none;
    width: 56px;
    height: 44px;
    margin: 0;
    border: 8px solid transparent;
    border-radius: 999px;
    background:
      radial-gradient(circle at 14px 50%, var(--_surface) 9px, transparent 10px) padding-box,
      var(--_border) padding-box;
    cursor: pointer;
  }
  .switch input:checked {
    background:
      radial-gradient(circle at calc(100% - 14px) 50%, var(--_on-primary) 9px, transparent 10px) padding-box,
      var(--_primary) padding-box;
  }
  .switch label {
    margin: 0;
    cursor: pointer;
  }
  .counter {
    text-align: end;
  }
  .chosen {
    margin: 0 0 0.25rem;
    font-weight: 600;
  }
  .chosen + .hint {
    margin-bottom: 0.5rem;
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
  /* One line even at 360 px: 17 monospace characters at 1.35em fit a phone's card. */
  .code {
    margin: 0.25rem 0 0;
    font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    font-size: 1.35em;
    font-weight: 700;
    letter-spacing: 0.02em;
    color: var(--_primary);
    user-select: all;
    white-space: nowrap;
  }
  /* The file input stays focusable for keyboards and screen readers; its label looks like a button. */
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  .photo-add {
    display: inline-flex;
    align-items: center;
    min-height: 44px;
    box-sizing: border-box;
    padding: 0.5rem 0.9rem;
    border: 1px solid var(--_primary);
    border-radius: 6px;
    color: var(--_primary);
    cursor: pointer;
  }
  .photos input:focus-visible + .photo-add {
    outline: 3px solid var(--_primary);
    outline-offset: 2px;
  }
  .photos input:disabled + .photo-add {
    opacity: 0.5;
    cursor: not-allowed;
  }
  .photo-list {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin: 0.5rem 0 0;
    padding: 0;
    list-style: none;
  }
  .photo-list li {
    position: relative;
  }
  .photo-list img {
    width: 72px;
    height: 72px;
    object-fit: cover;
    border-radius: 6px;
    display: block;
  }
  .photo-remove {
    position: absolute;
    top: -0.5rem;
    right: -0.5rem;
    min-width: 1.75rem;
    min-height: 1.75rem;
    border-radius: 50%;
    padding: 0;
  }
`;
