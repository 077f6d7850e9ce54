import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { adminStringsFor, type AdminStrings } from '../internal/admin-strings';
import { ConsoleElement } from '../internal/console-element';
import { session } from '../internal/console-session';
import { consoleStyles } from '../internal/console-styles';
import { themeStyles } from '../internal/theme';

type Section = keyof AdminStrings['section'];
const SECTIONS: Section[] = ['imports', 'users', 'audit', 'categories', 'calendar', 'portalKeys', 'regions', 'people'];

/**
 * The administration area of the console (ADMIN only; nothing for anyone
 * else): a list of sections — imports, users, audit log, categories, working
 * calendar, portal keys, regions and grids, cadres and grid workers — and the
 * chosen one, each its own element.
 *
 * @summary The console's administration pages.
 * @tag lm-admin
 *
 * @csspart base - The area: its list of sections and the chosen one.
 */
export class LmAdmin extends ConsoleElement {
  static override styles = [
    themeStyles,
    consoleStyles,
    css`
      .admin {
        display: grid;
        gap: var(--_space);
      }
      nav ul {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        list-style: none;
        margin: 0;
        padding: 0;
      }
      nav button[aria-current='page'] {
        background: var(--_primary);
        color: var(--_on-primary);
        font-weight: 600;
      }
      @media (min-width: 960px) {
        .admin {
          grid-template-columns: 13rem 1fr;
          align-items: start;
        }
        nav ul {
          flex-direction: column;
        }
        nav button {
          width: 100%;
          text-align: start;
        }
      }
    `,
  ];

  @state() private section: Section = 'imports';

  protected override render() {
    if (session.get()?.user.role !== 'ADMIN') return nothing;
    const a = adminStringsFor(this.locale);
    const lang = this.lang || nothing;
    const endpoint = this.endpoint || nothing;
    const s = this.section;
    return html`<div class="admin" part="base">
      <nav aria-label=${a.sections}>
        <ul>
          ${SECTIONS.map(
            (key) => html`<li><button type="button" aria-current=${key === s ? 'page' : nothing} @click=${() => (this.section = key)}>${a.section[key]}</button></li>`,
          )}
        </ul>
      </nav>
      <section aria-labelledby="lm-admin-h">
        <h2 id="lm-admin-h">${a.section[s]}</h2>
        ${s === 'imports'
          ? html`<lm-admin-import kind="regions-grids" lang=${lang} endpoint=${endpoint}></lm-admin-import>
              <lm-admin-import kind="people" lang=${lang} endpoint=${endpoint}></lm-admin-import>`
          : s === 'users'
            ? html`<lm-admin-users lang=${lang} endpoint=${endpoint}></lm-admin-users>`
            : s === 'audit'
              ? html`<lm-admin-audit lang=${lang} endpoint=${endpoint}></lm-admin-audit>`
              : s === 'categories'
                ? html`<lm-admin-categories lang=${lang} endpoint=${endpoint}></lm-admin-categories>`
                : s === 'calendar'
                  ? html`<lm-admin-calendar lang=${lang} endpoint=${endpoint}></lm-admin-calendar>`
                  : s === 'portalKeys'
                    ? html`<lm-admin-portal-keys lang=${lang} endpoint=${endpoint}></lm-admin-portal-keys>`
                    : s === 'regions'
                      ? html`<lm-admin-regions lang=${lang} endpoint=${endpoint}></lm-admin-regions>`
                      : html`<lm-admin-people lang=${lang} endpoint=${endpoint}></lm-admin-people>`}
      </section>
    </div>`;
  }
}
