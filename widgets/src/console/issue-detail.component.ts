import { css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { Cadre, FollowUpMethod, Issue, IssueAction, IssueStatus, PhotoStage, ReturnReason, Satisfaction } from '@lastmeter/sdk';
import { errorCodeOf } from '../internal/client';
import { call, duplicateCandidates, extensionsOf, type DuplicateCandidate } from '../internal/console-api';
import { ConsoleElement } from '../internal/console-element';
import { MAX_PHOTOS_PER_CALL, REFUSED_PHOTO, attachPhotos } from '../internal/console-photos';
import { session } from '../internal/console-session';
import type { ConsoleStrings } from '../internal/console-i18n';
import { consoleStyles } from '../internal/console-styles';
import { formatDateTime } from '../internal/format';
import { isOffline, keepMove } from '../internal/offline-moves';
import { themeStyles } from '../internal/theme';

/** The moves this console can send. */
const SUPPORTED: ReadonlySet<IssueAction> = new Set([
  'ACCEPT', 'REJECT', 'ASSIGN', 'REASSIGN', 'RETURN', 'REFUSE_RETURN', 'ESCALATE', 'START', 'RESOLVE', 'FOLLOW_UP',
  'CLOSE', 'REOPEN', 'COMMENT', 'REQUEST_EXTENSION', 'DECIDE_EXTENSION', 'URGE', 'SUPERVISE', 'MERGE', 'ADD_PHOTOS',
] satisfies IssueAction[]);

/** The photos section's groups, in the order the work happened. */
const STAGES: PhotoStage[] = ['REPORT', 'BEFORE', 'AFTER'];
type IssuePhoto = Issue['photos'][number];

const METHODS: FollowUpMethod[] = ['PHONE', 'VISIT', 'ONLINE'];
const SATISFACTIONS: Satisfaction[] = ['SATISFIED', 'BASICALLY_SATISFIED', 'UNSATISFIED'];
const RETURN_REASONS: ReturnReason[] = ['NOT_OUR_RESPONSIBILITY', 'WRONG_LOCATION', 'INSUFFICIENT_INFORMATION', 'DUPLICATE', 'OTHER'];

/** The longest extension the API grants in one request (366 days after the current deadline). */
const MAX_EXTENSION_MS = 366 * 86_400_000;

/** The labels of the fields the API may name in a refusal (extensions.field). */
const FIELD_LABELS: Record<string, (c: ConsoleStrings) => string> = {
  note: (c) => c.note,
  reason: (c) => c.reason,
  resolution: (c) => c.resolution,
  publicNote: (c) => c.publicNote,
  cadreId: (c) => c.cadre,
  until: (c) => c.until,
  intoId: (c) => c.intoTrackingCode,
  comment: (c) => c.comment,
};

/**
 * Whether a CONFLICT says the issue moved on since it was read: a stale expectedVersion or a move
 * its new status no longer allows — both carry the issue's currentVersion. Other conflicts (e.g. a
 * merge into a primary that is no longer open, which carries only the primary's currentStatus) are
 * about the move itself: reloading would not help.
 */
function isStale(error: unknown): boolean {
  return typeof extensionsOf(error).currentVersion === 'number';
}

/** A date as the value of an <input type="date">, in the reader's time zone. */
function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The days one may ask an extension until (the form sends 23:59 of the chosen day): after now and the current deadline, within a year of it. */
function extensionDays(issue: Issue, now = new Date()): { min: string; max: string } {
  const due = new Date(issue.resolveDueAt);
  const floor = due > now ? due : now;
  const first = new Date(floor);
  first.setHours(23, 59, 0, 0);
  if (first <= floor) first.setDate(first.getDate() + 1);
  const last = new Date(due.getTime() + MAX_EXTENSION_MS);
  last.setHours(23, 59, 0, 0);
  if (last.getTime() - due.getTime() > MAX_EXTENSION_MS) last.setDate(last.getDate() - 1);
  return { min: localDay(first), max: localDay(last) };
}

/** What a move's form asks for. */
interface MoveFields {
  note?: 'optional' | 'required';
  reason?: boolean;
  resolution?: boolean;
  cadre?: boolean;
  followUp?: boolean;
  until?: boolean;
  returnReason?: boolean;
  decision?: boolean;
  into?: boolean;
  publicNote?: boolean;
  /** A stage and a file input (adding photos). */
  photos?: boolean;
}

const FORMS: Record<string, MoveFields> = {
  ACCEPT: { note: 'optional' },
  REJECT: { reason: true },
  ASSIGN: { cadre: true, note: 'optional' },
  REASSIGN: { cadre: true, note: 'optional' },
  ESCALATE: { cadre: true, note: 'required' },
  RETURN: { returnReason: true, note: 'required' },
  REFUSE_RETURN: { note: 'required' },
  START: { note: 'optional' },
  RESOLVE: { resolution: true, publicNote: true },
  FOLLOW_UP: { followUp: true },
  CLOSE: { note: 'optional' },
  REOPEN: { reason: true },
  COMMENT: { note: 'optional', publicNote: true },
  REQUEST_EXTENSION: { until: true, reason: true },
  DECIDE_EXTENSION: { decision: true, note: 'optional' },
  URGE: { note: 'required' },
  SUPERVISE: { note: 'optional' },
  MERGE: { into: true, note: 'optional' },
  ADD_PHOTOS: { photos: true },
};

/**
 * One issue for staff: description, location, reporter (masked as the API masks
 * it), deadlines with the time left, its photos by stage (reported, before,
 * after; each links to the full size and, for staff who may, shows or hides it on
 * the public tracker), the timeline; and one button per entry of the issue's
 * `availableActions` — nothing else — each opening a small form with what that
 * move needs. Adding photos (and resolving where the category needs an after
 * photo) shrinks big pictures in the browser before uploading them. Every move
 * sends the version it was read at; when someone else moved first (CONFLICT) it
 * shows what changed and offers to reload, never overwriting. A return visit with
 * no signal is kept on the device and sent later.
 *
 * @summary An issue and the moves the viewer may make on it.
 * @tag lm-issue-detail
 *
 * @event {CustomEvent<{ id: string; action: string; status: string; version: number }>} lm-moved - After a move (adding photos included): the issue's id, the action (`ACCEPT`, `ADD_PHOTOS`…), its status and version now.
 * @event {CustomEvent<{ code: string; message: string; reason?: string; attribute?: string }>} lm-error - Something failed (`code`: the API error code or `NETWORK_ERROR`; `reason`: the server's own words). The element also says so in words.
 *
 * @csspart base - Everything the element shows.
 */
export class LmIssueDetail extends ConsoleElement {
  static override styles = [
    themeStyles,
    consoleStyles,
    css`
      dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: 0.25rem 0.75rem;
        margin: 0 0 var(--_space);
      }
      dt {
        font-weight: 600;
      }
      dd {
        margin: 0;
      }
      ol.timeline {
        padding-inline-start: 1.25rem;
      }
      .description {
        white-space: pre-wrap;
      }
      .extension {
        margin: 0 0 var(--_space);
        padding: 0.5rem 0.75rem;
        border-inline-start: 4px solid var(--_primary);
        background: var(--_surface-alt);
        border-radius: var(--_radius);
      }
      .extension h4 {
        margin-top: 0;
      }
      .extension dl {
        margin: 0;
      }
      .candidates li + li {
        margin-top: 0.5rem;
      }
      button.candidate {
        display: block;
        width: 100%;
        text-align: start;
        color: var(--_text);
      }
      button.candidate[aria-pressed='true'] {
        border: 2px solid var(--_primary);
      }
      .cadres {
        max-height: 14rem;
        overflow: auto;
      }
      h4 {
        margin: 0.75rem 0 0.25rem;
        font-size: 1em;
      }
      .photos {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(8.5rem, 1fr));
        gap: 0.75rem;
      }
      .photos figure {
        margin: 0;
      }
      .photos a {
        display: block;
        border-radius: var(--_radius);
      }
      .photos img {
        display: block;
        width: 100%;
        aspect-ratio: 4 / 3;
        object-fit: cover;
        border-radius: var(--_radius);
        background: var(--_surface-alt);
      }
      .photos figcaption {
        font-size: 0.875em;
      }
      .photos .choice {
        font-size: 0.875em;
      }
      input[type='file'] {
        display: block;
        width: 100%;
        min-height: 44px;
        font: inherit;
        color: var(--_text);
      }
    `,
  ];

  /** The issue's id. */
  @property({ attribute: 'issue-id' }) issueId = '';

  @state() private issue: Issue | null = null;
  @state() private error = '';
  @state() private open: IssueAction | null = null;
  /** The issue as it was when the form was opened: the move is sent for that version, even if a live update came since. */
  private openedOn: Issue | null = null;
  @state() private busy = false;
  @state() private formError = '';
  @state() private conflict = '';
  @state() private done = '';
  @state() private cadres: Cadre[] = [];
  @state() private cadreSearch = '';
  /** Open issues nearby or in the same grid, offered as one-click choices in the Merge form. */
  @state() private candidates: DuplicateCandidate[] = [];
  /** What the open form holds (kept across a sign-in after an expired session). */
  @state() private values: Record<string, string> = {};
  /** How far an upload has got, e.g. "Uploading photo 2 of 3…". */
  @state() private progress = '';
  /** Photos whose public flag is being changed, with the value asked for; and the last refusal. */
  @state() private publishing: ReadonlyMap<string, boolean> = new Map();
  @state() private photoError = '';

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('issueId')) {
      this.issue = null;
      this.open = null;
      this.conflict = '';
      this.done = '';
      this.photoError = '';
      void this.load();
    }
  }

  protected override sessionChanged(): void {
    super.sessionChanged();
    if (session.get() && !this.issue) void this.load();
  }

  /** Reloads the issue (e.g. after someone else's move). Keeps an open form's values. */
  async load(): Promise<void> {
    if (!this.issueId || !session.get()) return;
    try {
      this.issue = (await call(() => this.api.issue({ id: this.issueId }))) ?? null;
      this.error = this.issue ? '' : this.t.genericError;
    } catch (error) {
      this.error = this.reportError(error);
    }
  }

  private async openForm(action: IssueAction): Promise<void> {
    this.open = this.open === action ? null : action;
    this.formError = '';
    this.conflict = '';
    this.done = '';
    this.values = {};
    this.cadreSearch = '';
    this.candidates = [];
    this.openedOn = this.issue;
    if (this.open && FORMS[action]?.cadre && this.issue) await this.loadCadres(this.issue);
    if (this.open && FORMS[action]?.into && this.issue) await this.loadCandidates(this.issue);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.move-form input, .move-form select, .move-form textarea, .move-form button')?.focus();
  }

  /** Cadres in scope for this issue: those assigned to its grid and those of its community. */
  private async loadCadres(issue: Issue): Promise<void> {
    const [grid, region] = await Promise.all([
      call(() => this.api.grid({ id: issue.grid.id })).catch(() => null),
      call(() => this.api.cadres({ regionId: issue.grid.region.id })).catch(() => []),
    ]);
    const byId = new Map<string, Cadre>();
    for (const cadre of [...(grid?.cadres ?? []), ...region]) byId.set(cadre.id, cadre);
    this.cadres = [...byId.values()].filter((c) => c.id !== issue.assignee?.id || this.open === 'ASSIGN');
  }

  /** The API's duplicate candidates (within 250 m or in the same grid); none when they cannot be read. */
  private async loadCandidates(issue: Issue): Promise<void> {
    const found = await call(() => duplicateCandidates(this.resolvedEndpoint, issue.id)).catch(() => []);
    if (this.open === 'MERGE' && this.issue?.id === issue.id) this.candidates = found.filter((c) => c.id !== issue.id);
  }

  private value(name: string): string {
    return (this.values[name] ?? '').trim();
  }

  private input(name: string) {
    return (e: Event) => {
      this.values = { ...this.values, [name]: (e.target as HTMLInputElement).value };
    };
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    const issue = this.openedOn ?? this.issue;
    const action = this.open;
    if (!issue || !action) return;
    const c = this.c;
    const fields = FORMS[action];
    const need = (name: string, label: string) => {
      if (!this.value(name)) throw new Error(c.missing(label));
      return this.value(name);
    };
    let send: () => Promise<{ status: string; version: number }>;
    try {
      const id = issue.id;
      const expectedVersion = issue.version;
      const note = fields.note === 'required' ? need('note', c.note) : this.value('note') || null;
      const publicNote = this.value('publicNote') || null;
      switch (action) {
        case 'ACCEPT': send = () => this.api.acceptIssue({ id, note, expectedVersion }); break;
        case 'REJECT': { const reason = need('reason', c.reason); send = () => this.api.rejectIssue({ id, reason, expectedVersion }); break; }
        case 'ASSIGN': { const cadreId = need('cadreId', c.cadre); send = () => this.api.assignIssue({ id, cadreId, note, expectedVersion }); break; }
        case 'REASSIGN': { const cadreId = need('cadreId', c.cadre); send = () => this.api.reassignIssue({ id, cadreId, note, expectedVersion }); break; }
        case 'ESCALATE': { const cadreId = need('cadreId', c.cadre); send = () => this.api.escalateIssue({ id, cadreId, note: note!, expectedVersion }); break; }
        case 'RETURN': { const reason = need('returnReason', c.returnReason) as ReturnReason; send = () => this.api.returnIssue({ id, reason, note: note!, expectedVersion }); break; }
        case 'REFUSE_RETURN': send = () => this.api.refuseReturn({ id, note: note!, expectedVersion }); break;
        case 'START': send = () => this.api.startIssue({ id, note, expectedVersion }); break;
        case 'RESOLVE': {
          const resolution = need('resolution', c.resolution);
          // The category asks for an after photo and none is attached: the form's own go first.
          const after = this.needsAfterPhoto() ? this.chosenPhotos('lm-f-after', c.needsAfterPhotoPick) : [];
          send = async () => {
            if (after.length) await this.attach(id, after, 'AFTER');
            return this.api.resolveIssue({ id, resolution, publicNote, expectedVersion });
          };
          break;
        }
        case 'ADD_PHOTOS': {
          const stage = need('stage', c.stage) as 'BEFORE' | 'AFTER';
          const files = this.chosenPhotos('lm-f-photos', c.noPhotosChosen);
          send = () => this.attach(id, files, stage);
          break;
        }
        case 'FOLLOW_UP': {
          const method = need('method', c.method) as FollowUpMethod;
          const satisfaction = need('satisfaction', c.satisfaction) as Satisfaction;
          const comment = this.value('comment') || null;
          if (!navigator.onLine) {
            await this.keepOffline({ kind: 'followUp', what: c.followUpWhat(issue.title), issueId: id, method, satisfaction, comment, expectedVersion });
            return;
          }
          send = () => this.api.recordFollowUp({ id, input: { method, satisfaction, comment }, expectedVersion });
          break;
        }
        case 'CLOSE': send = () => this.api.closeIssue({ id, note, expectedVersion }); break;
        case 'REOPEN': { const reason = need('reason', c.reason); send = () => this.api.reopenIssue({ id, reason, expectedVersion }); break; }
        case 'COMMENT': send = () => this.api.commentIssue({ id, note, publicNote }); break;
        case 'REQUEST_EXTENSION': {
          const until = need('until', c.until);
          const days = extensionDays(issue);
          if (until < days.min) throw new Error(Date.parse(issue.resolveDueAt) > Date.now() ? c.untilNotAfterDue(formatDateTime(issue.resolveDueAt, this.locale)) : c.untilPast);
          if (until > days.max) throw new Error(c.untilTooFar(formatDateTime(new Date(Date.parse(issue.resolveDueAt) + MAX_EXTENSION_MS).toISOString(), this.locale)));
          const reason = need('reason', c.reason);
          // The end of the chosen day, in the reader's time zone.
          const iso = new Date(`${until}T23:59:00`).toISOString();
          send = () => this.api.requestExtension({ id, until: iso, reason, expectedVersion });
          break;
        }
        case 'DECIDE_EXTENSION': { const approve = need('decision', c.confirm) === 'approve'; send = () => this.api.decideExtension({ id, approve, note, expectedVersion }); break; }
        case 'URGE': send = () => this.api.urgeIssue({ id, note: note! }); break;
        case 'SUPERVISE': send = () => this.api.superviseIssue({ id, supervised: !issue.supervised, note }); break;
        case 'MERGE': {
          const code = need('into', c.intoTrackingCode).toUpperCase();
          if (code === issue.trackingCode) throw new Error(c.mergeIntoSelf);
          const chosen = this.candidates.find((cd) => cd.trackingCode === code);
          send = async () => {
            let intoId = chosen?.id;
            if (!intoId) {
              const page = await this.api.issues({ filter: { search: code }, first: 5 });
              intoId = page.edges.map((e) => e.node).find((n) => n.trackingCode === code)?.id;
            }
            if (!intoId) throw Object.assign(new Error(c.noIssueWithCode(code)), { code: 'NOT_FOUND' });
            return this.api.mergeIssue({ id, intoId, note });
          };
          break;
        }
        default:
          return;
      }
    } catch (error) {
      this.formError = (error as Error).message;
      return;
    }
    this.busy = true;
    this.formError = '';
    try {
      const moved = await call(send);
      this.open = null;
      this.done = c.done(this.actionLabel(action));
      this.announce(this.done);
      this.dispatchEvent(new CustomEvent('lm-moved', { detail: { id: issue.id, action, status: moved.status, version: moved.version }, bubbles: true, composed: true }));
      await this.load();
    } catch (error) {
      if (action === 'FOLLOW_UP' && isOffline(error)) {
        await this.keepOffline({
          kind: 'followUp',
          what: c.followUpWhat(issue.title),
          issueId: issue.id,
          method: this.value('method'),
          satisfaction: this.value('satisfaction'),
          comment: this.value('comment') || null,
          expectedVersion: issue.version,
        });
      } else if (errorCodeOf(error) === 'CONFLICT' && isStale(error)) {
        await this.showConflict(issue);
      } else if (errorCodeOf(error) === 'CONFLICT') {
        // Not a stale version: the move itself is refused (e.g. merging into an issue that is no longer open).
        const status = extensionsOf(error).currentStatus as IssueStatus | undefined;
        const name = status ? this.t.status[status] ?? status : '';
        this.formError = action === 'MERGE' ? c.primaryNotOpen(name) : c.conflictOther(name);
        this.reportError(error);
      } else if (errorCodeOf(error) === 'NOT_FOUND' && action === 'MERGE') {
        this.formError = c.noIssueWithCode(this.value('into').toUpperCase());
      } else if (errorCodeOf(error) === 'FORBIDDEN') {
        this.formError = c.forbidden;
      } else if (REFUSED_PHOTO.has(errorCodeOf(error))) {
        this.formError = this.t.photoRefused;
      } else if (errorCodeOf(error) !== 'UNAUTHENTICATED') {
        // (An expired session keeps the form as typed; the sign-in comes back over it.)
        this.formError = errorCodeOf(error) === 'BAD_USER_INPUT' ? this.badInputMessage(error, issue) : this.reportError(error);
      }
    } finally {
      this.busy = false;
      this.progress = '';
    }
  }

  /**
   * A refused input in the reader's words: the API's messages are English for developers, so the
   * field it names (extensions.field) and the case pick a translated message; the API's text only
   * for an English reader when the case is not one known here.
   */
  private badInputMessage(error: unknown, issue: Issue): string {
    const c = this.c;
    const field = extensionsOf(error).field;
    const message = (error as { message?: string }).message ?? '';
    if (field === 'until') {
      if (/in the past/.test(message)) return c.untilPast;
      if (/more than a year/.test(message)) return c.untilTooFar(formatDateTime(new Date(Date.parse(issue.resolveDueAt) + MAX_EXTENSION_MS).toISOString(), this.locale));
      if (/after the current resolve deadline/.test(message)) return c.untilNotAfterDue(formatDateTime(issue.resolveDueAt, this.locale));
    }
    if (field === 'intoId') return c.mergeIntoSelf;
    const label = typeof field === 'string' ? FIELD_LABELS[field]?.(c) : undefined;
    if (this.locale === 'en' && message) return message;
    return label ? c.invalidField(label) : this.reportError(error);
  }

  /** The pictures chosen in a file input of the open form; an Error in words when there are none or too many. */
  private chosenPhotos(inputId: string, noneMessage: string): File[] {
    const files = [...(this.renderRoot.querySelector<HTMLInputElement>(`#${inputId}`)?.files ?? [])];
    if (!files.length) throw new Error(noneMessage);
    if (files.length > MAX_PHOTOS_PER_CALL) throw new Error(this.t.photoLimit(MAX_PHOTOS_PER_CALL));
    return files;
  }

  /** Shrinks, uploads and attaches photos; the detail shows them as soon as they are attached. */
  private async attach(id: string, files: File[], stage: 'BEFORE' | 'AFTER'): Promise<Issue> {
    const updated = await attachPhotos(this.api, id, files, stage, (done, of) => {
      this.progress = done < of ? this.c.uploading(done + 1, of) : '';
    });
    if (this.issueId === id) this.issue = updated;
    return updated;
  }

  /** The category asks for an after photo before resolving, and the issue has none yet. */
  private needsAfterPhoto(): boolean {
    const issue = this.issue;
    return !!issue && issue.category.requiresAfterPhoto && !issue.photos.some((p) => p.stage === 'AFTER');
  }

  /**
   * Whether to offer the public/private switch: the people who may add photos and any
   * cadre in scope, as the API decides (mayPublishPhotos). The API has the last word:
   * a refusal is shown and the switch goes back.
   */
  private mayPublish(issue: Issue): boolean {
    const user = session.get()?.user;
    if (!user) return false;
    return user.role === 'ADMIN' || user.role === 'CADRE' || (user.role === 'GRID_WORKER' && user.grids.some((g) => g.id === issue.grid.id));
  }

  private async setPublic(photo: IssuePhoto, event: Event): Promise<void> {
    const wanted = (event.target as HTMLInputElement).checked;
    this.photoError = '';
    this.publishing = new Map([...this.publishing, [photo.id, wanted]]);
    try {
      const saved = await call(() => this.api.setPhotoPublic({ id: photo.id, public: wanted }));
      // What shows is the API's answer, not the click.
      if (this.issue) this.issue = { ...this.issue, photos: this.issue.photos.map((p) => (p.id === saved.id ? { ...p, public: saved.public } : p)) };
      this.announce(saved.public ? this.c.photoNowPublic : this.c.photoNowPrivate);
      void this.load(); // the timeline records the change
    } catch (error) {
      const code = errorCodeOf(error);
      if (code === 'FORBIDDEN') this.photoError = this.c.forbidden;
      else if (code !== 'UNAUTHENTICATED') this.photoError = this.reportError(error);
    } finally {
      this.publishing = new Map([...this.publishing].filter(([id]) => id !== photo.id));
    }
  }

  private async keepOffline(move: Parameters<typeof keepMove>[0]): Promise<void> {
    await keepMove(move);
    this.open = null;
    this.done = this.c.savedOffline;
    this.announce(this.done);
  }

  /** Someone else moved first: say what changed, offer to reload; the form stays as typed. */
  private async showConflict(before: Issue): Promise<void> {
    const now = await call(() => this.api.issue({ id: before.id })).catch(() => null);
    const parts = [this.c.conflict];
    if (now) {
      parts.push(this.c.conflictNow(this.t.status[now.status], now.version));
      const news = now.timeline.filter((e) => !before.timeline.some((b) => b.id === e.id));
      for (const e of news) parts.push(`${this.t.event[e.type]}${e.actorName ? ` · ${e.actorName}` : ''}${e.note ? `：${e.note}` : ''}`);
    }
    this.conflict = parts.join(' ');
    this.announce(this.conflict);
  }

  private async reload(): Promise<void> {
    this.conflict = '';
    this.open = null;
    await this.load();
  }

  private renderForm(action: IssueAction) {
    const c = this.c;
    const f = FORMS[action];
    const text = (name: string, label: string, required: boolean, multiline = false) =>
      html`<div class="field">
        <label for="lm-f-${name}">${label}${required ? nothing : html` <span class="muted">(${this.t.optional})</span>`}</label>
        ${multiline
          ? html`<textarea id="lm-f-${name}" ?required=${required} .value=${this.values[name] ?? ''} @input=${this.input(name)}></textarea>`
          : html`<input id="lm-f-${name}" ?required=${required} .value=${this.values[name] ?? ''} @input=${this.input(name)} />`}
      </div>`;
    const radios = (name: string, legend: string, options: [string, string][]) =>
      html`<fieldset>
        <legend>${legend}</legend>
        ${options.map(
          ([value, label]) =>
            html`<label class="choice"><input type="radio" name=${name} value=${value} .checked=${this.values[name] === value} @change=${this.input(name)} />${label}</label>`,
        )}
      </fieldset>`;
    const files = (id: string, label: string) =>
      html`<div class="field">
        <label for=${id}>${label}</label>
        <input id=${id} type="file" accept="image/*" capture="environment" multiple aria-describedby="${id}-hint" />
        <p class="hint" id="${id}-hint">${c.photoHint(MAX_PHOTOS_PER_CALL)}</p>
      </div>`;
    const search = this.cadreSearch.trim().toLowerCase();
    const cadres = this.cadres.filter((cd) => !search || `${cd.name} ${cd.unit}`.toLowerCase().includes(search));
    return html`<form class="move-form" @submit=${this.submit} novalidate aria-label=${this.actionLabel(action)}>
      ${f.cadre
        ? html`<div class="field">
              <label for="lm-f-cadre-search">${c.searchCadre}</label>
              <input id="lm-f-cadre-search" type="search" .value=${this.cadreSearch} @input=${(e: Event) => (this.cadreSearch = (e.target as HTMLInputElement).value)} />
            </div>
            <div class="cadres">
              ${cadres.length ? radios('cadreId', c.cadre, cadres.map((cd) => [cd.id, `${cd.name} · ${cd.unit}`])) : html`<p>${c.noCadres}</p>`}
            </div>`
        : nothing}
      ${f.returnReason ? radios('returnReason', c.returnReason, RETURN_REASONS.map((r) => [r, c.returnReason_[r]])) : nothing}
      ${f.followUp
        ? html`${radios('method', c.method, METHODS.map((m) => [m, c.method_[m]]))}
          ${radios('satisfaction', c.satisfaction, SATISFACTIONS.map((s) => [s, c.satisfaction_[s]]))} ${text('comment', c.comment, false, true)}`
        : nothing}
      ${f.decision && this.issue?.extension?.status === 'PENDING' ? this.renderExtension(this.issue, 'lm-f-extension') : nothing}
      ${f.decision ? radios('decision', c.action.DECIDE_EXTENSION, [['approve', c.approve], ['deny', c.deny]]) : nothing}
      ${f.until && this.issue
        ? html`<div class="field">
            <label for="lm-f-until">${c.until}</label>
            <input
              id="lm-f-until"
              type="date"
              required
              min=${extensionDays(this.issue).min}
              max=${extensionDays(this.issue).max}
              aria-describedby="lm-f-until-hint"
              .value=${this.values.until ?? ''}
              @input=${this.input('until')}
            />
            <p class="hint" id="lm-f-until-hint">${c.currentDue}: ${formatDateTime(this.issue.resolveDueAt, this.locale)}</p>
          </div>`
        : nothing}
      ${f.into ? this.renderCandidates() : nothing}
      ${f.into ? text('into', c.intoTrackingCode, true) : nothing}
      ${f.photos
        ? html`${radios('stage', c.stage, [['BEFORE', c.stage_.BEFORE], ['AFTER', c.stage_.AFTER]])}
          ${this.values.stage === 'AFTER' ? html`<p class="hint">${c.afterIsPublic}</p>` : nothing} ${files('lm-f-photos', c.photoFiles)}`
        : nothing}
      ${f.resolution ? text('resolution', c.resolution, true, true) : nothing}
      ${f.resolution && this.needsAfterPhoto()
        ? this.issue?.availableActions.includes('ADD_PHOTOS')
          ? html`<p class="notice">${c.needsAfterPhoto}</p>
              ${files('lm-f-after', c.afterPhotoFiles)}`
          : html`<p class="notice">${c.needsAfterPhoto} ${c.needsAfterPhotoOther}</p>`
        : nothing}
      ${f.reason ? text('reason', c.reason, true, true) : nothing}
      ${f.note ? text('note', c.note, f.note === 'required', true) : nothing}
      ${f.publicNote ? text('publicNote', c.publicNote, false) : nothing}
      ${action === 'SUPERVISE' ? html`<p>${this.issue?.supervised ? c.supervisedOff : c.supervisedOn}</p>` : nothing}
      <p class="field-error" role="alert">${this.formError}</p>
      <div class="actions">
        <button class="primary" type="submit" ?disabled=${this.busy}>${this.busy ? this.progress || c.sending : c.confirm}</button>
        <button type="button" @click=${() => (this.open = null)}>${c.cancel}</button>
      </div>
    </form>`;
  }

  /** The label of a move's button (and form): Supervise reads "End supervision" on a supervised issue. */
  private actionLabel(action: IssueAction): string {
    return action === 'SUPERVISE' && this.issue?.supervised ? this.c.supervisedOff : this.c.action[action];
  }

  /** The extension request: the deadline asked for (in the reader's time zone), why, who asked and when; the decision once made. */
  private renderExtension(issue: Issue, id: string) {
    const c = this.c;
    const x = issue.extension;
    if (!x) return nothing;
    return html`<section class="extension" aria-labelledby=${id}>
      <h4 id=${id}>${c.extension} · <span class="badge ${x.status === 'PENDING' ? 'danger' : 'primary'}">${c.extensionStatus_[x.status]}</span></h4>
      <dl>
        <dt>${c.requestedDueAt}</dt>
        <dd class="requested-due">${formatDateTime(x.requestedDueAt, this.locale)}</dd>
        <dt>${c.currentDue}</dt>
        <dd>${formatDateTime(issue.resolveDueAt, this.locale)}</dd>
        <dt>${c.reason}</dt>
        <dd class="description">${x.reason}</dd>
        <dt>${c.requestedBy}</dt>
        <dd>${c.requestedByAt(x.requestedBy, formatDateTime(x.requestedAt, this.locale))}</dd>
        ${x.status !== 'PENDING' && x.decidedBy && x.decidedAt
          ? html`<dt>${c.extensionStatus_[x.status]}</dt>
              <dd>${c.decisionBy(x.decidedBy, formatDateTime(x.decidedAt, this.locale))}${x.decisionNote ? html`<div>${x.decisionNote}</div>` : nothing}</dd>`
          : nothing}
      </dl>
    </section>`;
  }

  /** The API's duplicate candidates as one-click choices: choosing one fills in its tracking code. */
  private renderCandidates() {
    const c = this.c;
    if (!this.candidates.length) return html`<p class="hint">${c.noDuplicateCandidates}</p>`;
    const chosen = this.value('into').toUpperCase();
    return html`<fieldset>
      <legend>${c.duplicateCandidates}</legend>
      <ul class="plain candidates">
        ${this.candidates.map(
          (cd) => html`<li>
            <button
              type="button"
              class="candidate"
              aria-pressed=${chosen === cd.trackingCode ? 'true' : 'false'}
              @click=${() => {
                this.values = { ...this.values, into: cd.trackingCode };
                this.formError = '';
              }}
            >
              <span class="code">${cd.trackingCode}</span> · ${cd.title}
              <span class="muted">(${this.t.status[cd.status]} · ${cd.grid.name} · ${formatDateTime(cd.createdAt, this.locale)})</span>
            </button>
          </li>`,
        )}
      </ul>
    </fieldset>`;
  }

  /** The photos by stage, each linking to its full size, with the public switch for staff who may use it. */
  private renderPhotos(issue: Issue) {
    const c = this.c;
    if (!issue.photos.length) return nothing;
    const mayPublish = this.mayPublish(issue);
    return html`<h3>${c.photos}</h3>
      ${STAGES.map((stage) => {
        const photos = issue.photos.filter((p) => p.stage === stage);
        if (!photos.length) return nothing;
        return html`<h4 id="lm-photos-${stage}">${c.stage_[stage]}</h4>
          <ul class="plain photos" aria-labelledby="lm-photos-${stage}">
            ${photos.map((photo, i) => {
              const name = c.photoLink(c.stage_[stage], i + 1);
              return html`<li>
                <figure>
                  <a href=${photo.url} target="_blank" rel="noopener noreferrer"><img src=${photo.thumbnailUrl} alt=${name} loading="lazy" /></a>
                  <figcaption>
                    ${mayPublish
                      ? html`<label class="choice"
                          ><input
                            type="checkbox"
                            .checked=${live(this.publishing.get(photo.id) ?? photo.public)}
                            ?disabled=${this.publishing.has(photo.id)}
                            @change=${(e: Event) => this.setPublic(photo, e)}
                          />${c.photoPublic}<span class="sr-only"> (${name})</span></label
                        >`
                      : html`<span class="muted">${photo.public ? c.photoIsPublic : c.photoIsPrivate}</span>`}
                  </figcaption>
                </figure>
              </li>`;
            })}
          </ul>`;
      })}
      <p class="field-error" role="alert">${this.photoError}</p>`;
  }

  protected override render() {
    return html`<div part="base">${this.renderIssue()}${this.renderAnnouncer()}</div>`;
  }

  private renderIssue() {
    const c = this.c;
    const issue = this.issue;
    if (!this.issueId) return html`<p class="muted">${c.chooseIssue}</p>`;
    if (!issue) return this.error ? html`<p class="error" role="alert">${this.error}</p>` : html`<p>${this.t.loading}</p>`;
    const actions = issue.availableActions.filter((a) => SUPPORTED.has(a));
    const reporter = issue.reporter.anonymous
      ? c.anonymous
      : [issue.reporter.name, issue.reporter.phone].filter(Boolean).join(' · ') || c.anonymous;
    return html`<article aria-labelledby="lm-issue-title">
      <h2 id="lm-issue-title">${issue.title}</h2>
      <p class="row">
        <span class="badge primary">${this.t.status[issue.status]}</span>
        ${issue.supervised ? html`<span class="badge danger">${c.supervised}</span>` : nothing}
        ${issue.overdue ? html`<span class="badge danger">${c.overdue}</span>` : nothing}
        ${issue.urgeCount ? html`<span class="badge danger">${c.urged(issue.urgeCount)}</span>` : nothing}
        <span class="muted">${issue.trackingCode} · ${c.version(issue.version)}</span>
      </p>
      <p class="description">${issue.description}</p>
      <dl>
        <dt>${c.category}</dt>
        <dd>${this.locale === 'en' ? issue.category.nameEn : issue.category.name}</dd>
        <dt>${c.location}</dt>
        <dd>${issue.grid.name}${issue.location?.address ? ` · ${issue.location.address}` : ''}</dd>
        <dt>${c.reporter}</dt>
        <dd>${reporter}</dd>
        <dt>${c.assignee}</dt>
        <dd>${issue.assignee ? `${issue.assignee.name} · ${issue.assignee.unit}` : '—'}</dd>
        <dt>${c.responseDue}</dt>
        <dd>${formatDateTime(issue.responseDueAt, this.locale)}</dd>
        <dt>${c.due}</dt>
        <dd>
          ${formatDateTime(issue.resolveDueAt, this.locale)}
          ${['RESOLVED', 'FOLLOWED_UP', 'CLOSED', 'REJECTED', 'MERGED'].includes(issue.status) ? nothing : html`(${this.timeLeft(issue.resolveDueAt)})`}
        </dd>
        ${issue.mergedInto
          ? html`<dt>${c.mergedInto}</dt>
              <dd class="merged-into"><span class="code">${issue.mergedInto.trackingCode}</span> (${this.t.status[issue.mergedInto.status]})</dd>`
          : nothing}
        ${issue.duplicates.length
          ? html`<dt>${c.duplicates}</dt>
              <dd>
                <ul class="plain duplicates">
                  ${issue.duplicates.map((d) => html`<li><span class="code">${d.trackingCode}</span> (${this.t.status[d.status]})</li>`)}
                </ul>
              </dd>`
          : nothing}
      </dl>
      ${this.renderExtension(issue, 'lm-extension')}
      ${this.renderPhotos(issue)}
      <h3>${c.actions}</h3>
      ${actions.length
        ? html`<div class="actions">
            ${actions.map(
              (a) => html`<button type="button" aria-expanded=${this.open === a ? 'true' : 'false'} @click=${() => this.openForm(a)}>${this.actionLabel(a)}</button>`,
            )}
          </div>`
        : html`<p class="muted">${c.noActions}</p>`}
      ${this.open ? this.renderForm(this.open) : nothing}
      ${this.conflict
        ? html`<div class="notice" role="alert"><p>${this.conflict}</p><button type="button" @click=${this.reload}>${c.reload}</button></div>`
        : nothing}
      ${this.done ? html`<p class="notice">${this.done}</p>` : nothing}
      <h3>${c.timeline}</h3>
      <ol class="timeline">
        ${issue.timeline.map(
          (e) => html`<li>
            <strong>${this.t.event[e.type]}</strong> <span class="muted">${formatDateTime(e.at, this.locale)}${e.actorName ? ` · ${e.actorName}` : ''}</span>
            ${e.note ? html`<div>${e.note}</div>` : nothing}
          </li>`,
        )}
      </ol>
    </article>`;
  }
}
