import { html } from 'lit';
import { state } from 'lit/decorators.js';
import type { CalendarDayFieldsFragment } from '@lastmeter/sdk';
import { AdminSection, adminStyles, valueOf } from '../../internal/admin-section';

/**
 * The working calendar: a year's holidays and make-up working days (the days
 * that differ from Monday–Friday), and a form to add or change one day.
 *
 * @summary Holidays and make-up working days.
 * @tag lm-admin-calendar
 *
 * @csspart base - The section's content.
 */
export class LmAdminCalendar extends AdminSection {
  static override styles = adminStyles;

  @state() private year = new Date().getFullYear();
  @state() private days: CalendarDayFieldsFragment[] = [];
  @state() private day = { date: '', name: '', workday: false };

  async load(): Promise<void> {
    this.days = await this.api.workCalendar({ year: this.year });
  }

  private async add(e: Event): Promise<void> {
    e.preventDefault();
    const { date, name, workday } = this.day;
    if (await this.attempt(() => this.api.setWorkCalendar({ days: [{ date, name: name.trim() || null, workday }] }))) {
      this.say(this.a.saved);
      this.year = Number(date.slice(0, 4)) || this.year;
      this.day = { date: '', name: '', workday: false };
      await this.attempt(() => this.load());
    }
  }

  protected renderSection() {
    const a = this.a;
    return html`<form class="card" aria-labelledby="lm-cal-h" @submit=${this.add}>
        <h3 id="lm-cal-h">${a.addDayTitle}</h3>
        <p class="hint">${a.calendarHint}</p>
        <div class="grid2">
          <div class="field">
            <label for="lm-cal-date">${a.date}</label>
            <input id="lm-cal-date" type="date" required .value=${this.day.date} @input=${(e: Event) => (this.day = { ...this.day, date: valueOf(e) })} />
          </div>
          <div class="field">
            <label for="lm-cal-name">${a.dayName}</label>
            <input id="lm-cal-name" .value=${this.day.name} @input=${(e: Event) => (this.day = { ...this.day, name: valueOf(e) })} />
          </div>
        </div>
        <fieldset>
          <legend>${a.state}</legend>
          <label class="choice"><input type="radio" name="lm-cal-kind" .checked=${!this.day.workday} @change=${() => (this.day = { ...this.day, workday: false })} />${a.holiday}</label>
          <label class="choice"><input type="radio" name="lm-cal-kind" .checked=${this.day.workday} @change=${() => (this.day = { ...this.day, workday: true })} />${a.workday}</label>
        </fieldset>
        <button class="primary" type="submit" ?disabled=${this.busy || !this.day.date}>${a.addDay}</button>
        ${this.renderStatus()}
      </form>
      <div class="field">
        <label for="lm-cal-year">${a.year}</label>
        <input id="lm-cal-year" type="number" min="2000" max="2100" .value=${String(this.year)} @change=${(e: Event) => ((this.year = Number(valueOf(e))), void this.attempt(() => this.load()))} />
      </div>
      <div class="scroll">
        <table>
          <caption class="sr-only">${a.section.calendar} ${this.year}</caption>
          <thead><tr><th scope="col">${a.date}</th><th scope="col">${a.name}</th><th scope="col">${a.state}</th></tr></thead>
          <tbody>
            ${this.days.map((d) => html`<tr><td class="code">${d.date}</td><td>${d.name ?? ''}</td><td>${d.workday ? a.workday : a.holiday}</td></tr>`)}
          </tbody>
        </table>
      </div>
      ${this.days.length ? '' : html`<p class="muted">${a.noRows}</p>`}`;
  }
}
