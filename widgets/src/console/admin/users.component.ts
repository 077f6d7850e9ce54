import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type { Role, UserFieldsFragment } from '@lastmeter/sdk';
import { AdminSection, adminStyles, valueOf } from '../../internal/admin-section';
import { gridsOf, regionTree } from '../../internal/admin-api';
import { session } from '../../internal/console-session';

const ROLES: Role[] = ['ADMIN', 'CADRE', 'GRID_WORKER'];

/**
 * Users: the accounts (searchable), each deactivated or reactivated and given a
 * new one-time password (shown once); and a form for a new account, linked to
 * its cadre or grid worker.
 *
 * @summary Staff accounts.
 * @tag lm-admin-users
 *
 * @csspart base - The section's content.
 */
export class LmAdminUsers extends AdminSection {
  static override styles = adminStyles;

  @state() private users: UserFieldsFragment[] = [];
  @state() private search = '';
  @state() private newRole: Role = 'GRID_WORKER';
  /** Whom a new CADRE or GRID_WORKER account may stand for. */
  @state() private people: { id: string; name: string }[] = [];
  @state() private form = { username: '', displayName: '', password: '', personId: '' };

  async load(): Promise<void> {
    this.users = await this.api.users({ search: this.search || null, first: 500 });
  }

  private async loadPeople(role: Role): Promise<void> {
    this.people = [];
    if (role === 'CADRE') this.people = (await this.api.cadres()).map((c) => ({ id: c.id, name: `${c.name}（${c.unit}）` }));
    if (role === 'GRID_WORKER')
      this.people = gridsOf(await regionTree(this.resolvedEndpoint)).flatMap((g) => g.workers.map((w) => ({ id: w.id, name: `${w.name}（${g.name}）` })));
  }

  private async setActive(user: UserFieldsFragment, active: boolean): Promise<void> {
    if (await this.attempt(() => this.api.setUserActive({ id: user.id, active }))) {
      this.say((active ? this.a.reactivated : this.a.deactivated)(user.username));
      await this.attempt(() => this.load());
    }
  }

  private async reset(user: UserFieldsFragment): Promise<void> {
    const otp = await this.attempt(() => this.api.resetPassword({ id: user.id }));
    if (otp) this.say(this.a.newPassword(otp.username, otp.password));
  }

  private async create(e: Event): Promise<void> {
    e.preventDefault();
    const f = this.form;
    const input = {
      username: f.username.trim(),
      displayName: f.displayName.trim(),
      password: f.password,
      role: this.newRole,
      cadreId: this.newRole === 'CADRE' ? f.personId || null : null,
      gridWorkerId: this.newRole === 'GRID_WORKER' ? f.personId || null : null,
    };
    const user = await this.attempt(() => this.api.createUser({ input }));
    if (user) {
      this.form = { username: '', displayName: '', password: '', personId: '' };
      this.say(this.a.created(user.username));
      await this.attempt(() => this.load());
    }
  }

  private field(key: keyof LmAdminUsers['form'], label: string, type = 'text') {
    return html`<div class="field">
      <label for="lm-u-${key}">${label}</label>
      <input id="lm-u-${key}" type=${type} autocomplete="off" .value=${this.form[key]} @input=${(e: Event) => (this.form = { ...this.form, [key]: valueOf(e) })} />
    </div>`;
  }

  protected renderSection() {
    const a = this.a;
    const me = session.get()?.user.id;
    return html`<form class="card" aria-labelledby="lm-u-new" @submit=${this.create}>
        <h3 id="lm-u-new">${a.createUser}</h3>
        <div class="grid2">
          ${this.field('username', a.username)} ${this.field('displayName', a.displayName)} ${this.field('password', a.password, 'password')}
          <div class="field">
            <label for="lm-u-role">${a.role}</label>
            <select id="lm-u-role" @change=${(e: Event) => ((this.newRole = valueOf(e) as Role), void this.attempt(() => this.loadPeople(this.newRole)))}>
              ${ROLES.map((r) => html`<option value=${r} ?selected=${r === this.newRole}>${a.role_[r]}</option>`)}
            </select>
          </div>
          ${this.newRole !== 'ADMIN'
            ? html`<div class="field">
                <label for="lm-u-person">${this.newRole === 'CADRE' ? a.cadre : a.gridWorker}</label>
                <select id="lm-u-person" @focus=${() => !this.people.length && this.attempt(() => this.loadPeople(this.newRole))} @change=${(e: Event) => (this.form = { ...this.form, personId: valueOf(e) })}>
                  <option value="">${a.none}</option>
                  ${this.people.map((p) => html`<option value=${p.id} ?selected=${p.id === this.form.personId}>${p.name}</option>`)}
                </select>
              </div>`
            : nothing}
        </div>
        <button class="primary" type="submit" ?disabled=${this.busy}>${a.create}</button>
      </form>
      <div class="field">
        <label for="lm-u-search">${a.search}</label>
        <input id="lm-u-search" type="search" .value=${this.search} @input=${(e: Event) => ((this.search = valueOf(e)), void this.attempt(() => this.load()))} />
      </div>
      ${this.renderStatus()}
      <div class="scroll">
        <table>
          <caption class="sr-only">${a.section.users}</caption>
          <thead>
            <tr><th scope="col">${a.username}</th><th scope="col">${a.displayName}</th><th scope="col">${a.role}</th><th scope="col">${a.state}</th><th scope="col">${a.action}</th></tr>
          </thead>
          <tbody>
            ${this.users.map(
              (u) => html`<tr>
                <th scope="row">${u.username}</th>
                <td>${u.displayName}</td>
                <td>${a.role_[u.role]}${u.cadre ? html`<br /><span class="muted">${u.cadre.name}</span>` : u.gridWorker ? html`<br /><span class="muted">${u.gridWorker.grid.name}</span>` : nothing}</td>
                <td>${u.active ? a.active : html`<span class="badge danger">${a.inactive}</span>`}</td>
                <td class="actions">
                  ${u.id === me
                    ? nothing
                    : html`<button type="button" aria-label="${u.active ? a.deactivate : a.reactivate} ${u.username}" ?disabled=${this.busy} @click=${() => this.setActive(u, !u.active)}>
                        ${u.active ? a.deactivate : a.reactivate}
                      </button>`}
                  <button type="button" aria-label="${a.resetPassword} ${u.username}" ?disabled=${this.busy} @click=${() => this.reset(u)}>${a.resetPassword}</button>
                </td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  }
}
