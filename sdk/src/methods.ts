/**
 * The client's methods: one per Query and Mutation field of the contract,
 * named after the field, each bound to its generated typed document.
 * test/unit/sdk-methods.test.ts checks this table against the contract.
 */
import * as documents from './generated/graphql.ts';

/**
 * A typed GraphQL document: its text, plus phantom types for its result and
 * variables. The generated `…Document` constants are such documents.
 */
export interface TypedDocument<TResult, TVariables> {
  /** Phantom: carries the types, never set at run time. */
  __apiType?: (variables: TVariables) => TResult;
  toString(): string;
}

/** The result type of a typed document. */
export type ResultOf<D> = D extends TypedDocument<infer R, any> ? R : never;
/** The variables type of a typed document. */
export type VariablesOf<D> = D extends TypedDocument<any, infer V> ? V : never;

/** Arguments are optional when every variable is. */
export type ArgsParameter<V> = {} extends V ? [args?: V] : [args: V];

/** Queries: each answers with the field of the same name. Retried on network failures and 5xx. */
export const queryDocuments = {
  /** The signed-in user, or null without a token. */
  me: documents.MeDocument,
  /** Every issue category with its deadlines (public). */
  categories: documents.CategoriesDocument,
  /** Top-level regions when `parentId` is omitted; otherwise the children of that region (public). */
  regions: documents.RegionsDocument,
  /** One region with its children and grids, or null (public). */
  region: documents.RegionDocument,
  /** One grid with its cadres and workers, or null (public). */
  grid: documents.GridDocument,
  /** The grid whose boundary contains the point, or null (public). */
  gridAt: documents.GridAtDocument,
  /** One cadre with its grids, or null. */
  cadre: documents.CadreDocument,
  /** Cadres, optionally of one region and one level. */
  cadres: documents.CadresDocument,
  /** One issue with its timeline, or null when unknown or out of the caller's scope (staff). */
  issue: documents.IssueDocument,
  /** One page of issues in the caller's scope (staff); see also `iterateIssues`. */
  issues: documents.IssuesDocument,
  /** What the public may see of an issue, by tracking code; null for an unknown code. */
  trackIssue: documents.TrackIssueDocument,
  /** Aggregate figures for a region (with its subtree) or a grid, optionally within dates (public). */
  issueStats: documents.IssueStatsDocument,
  /** ADMIN: the audit log, newest first, optionally of one action (e.g. `readReporterContact`). */
  auditLog: documents.AuditLogDocument,
  /** Holidays and make-up working days of a year (staff). */
  workCalendar: documents.WorkCalendarDocument,
  /** 考核: one row per cadre, unit or region over a period, with rates, score and rank (admins; cadres within their scope region). */
  performance: documents.PerformanceDocument,
  /** Administration (ADMIN): every webhook with its latest deliveries. */
  webhooks: documents.WebhooksDocument,
  /** Administration (ADMIN): accounts by username, optionally matching `search` (username or display name). */
  users: documents.UsersDocument,
  /** Administration (ADMIN): every portal key with its allowed origins (never the key itself). */
  portalKeys: documents.PortalKeysDocument,
} as const;

/** Mutations: each answers with the field of the same name. Never retried, except the idempotent ones. */
export const mutationDocuments = {
  /** Signs a staff user in; the client keeps the token for every later call. */
  login: documents.LoginDocument,
  /** Files a resident's report (public with a portal key). Creates an idempotency key when none is given. */
  reportIssue: documents.ReportIssueDocument,
  /** SUBMITTED → ACCEPTED. */
  acceptIssue: documents.AcceptIssueDocument,
  /** SUBMITTED → REJECTED, with a reason. */
  rejectIssue: documents.RejectIssueDocument,
  /** Assigns the issue to a cadre (→ ASSIGNED). */
  assignIssue: documents.AssignIssueDocument,
  /** Hands the issue to a cadre of a higher level (ESCALATED). */
  escalateIssue: documents.EscalateIssueDocument,
  /** ASSIGNED → IN_PROGRESS (the assignee). */
  startIssue: documents.StartIssueDocument,
  /** Adds a staff `note` and/or a `publicNote` for the tracker; no status change. */
  commentIssue: documents.CommentIssueDocument,
  /** → RESOLVED, with the resolution (and an optional public note). */
  resolveIssue: documents.ResolveIssueDocument,
  /** Records the return visit: satisfied → FOLLOWED_UP; unsatisfied → back to ASSIGNED. */
  recordFollowUp: documents.RecordFollowUpDocument,
  /** FOLLOWED_UP → CLOSED. */
  closeIssue: documents.CloseIssueDocument,
  /** RESOLVED, FOLLOWED_UP or CLOSED → ASSIGNED, with a reason. */
  reopenIssue: documents.ReopenIssueDocument,
  /** Attaches your own uploads (uploadPhoto) as BEFORE or AFTER photos; the assignee or a grid worker of the issue. */
  addIssuePhotos: documents.AddIssuePhotosDocument,
  /** Shows a photo on the public tracker, or takes it off. */
  setPhotoPublic: documents.SetPhotoPublicDocument,
  /** 退单: the assignee sends the issue back to dispatch (→ RETURNED), with a reason and a note. */
  returnIssue: documents.ReturnIssueDocument,
  /** 改派: a dispatcher in scope hands the issue to another cadre (→ ASSIGNED). */
  reassignIssue: documents.ReassignIssueDocument,
  /** A dispatcher refuses a return: RETURNED → ASSIGNED to the same assignee. */
  refuseReturn: documents.RefuseReturnDocument,
  /** 延期: the assignee asks, before the resolve deadline, for a later one. */
  requestExtension: documents.RequestExtensionDocument,
  /** A supervisor in scope (not the requester) approves or denies the pending extension. */
  decideExtension: documents.DecideExtensionDocument,
  /** 催办: chase the assignee (no new version). */
  urgeIssue: documents.UrgeIssueDocument,
  /** 督办: put an issue under (or take it off) supervision (no new version). */
  superviseIssue: documents.SuperviseIssueDocument,
  /** 合并: the duplicate becomes MERGED and follows the primary. */
  mergeIssue: documents.MergeIssueDocument,
  /** Administration (ADMIN): holidays and make-up working days. */
  setWorkCalendar: documents.SetWorkCalendarDocument,
  /** Administration (ADMIN): rename a category or change its time limits (for issues reported afterwards). */
  updateCategory: documents.UpdateCategoryDocument,
  /** Records a cadre's or grid worker's visit to a grid. */
  recordVisit: documents.RecordVisitDocument,
  /** Administration (ADMIN): creates a region. */
  createRegion: documents.CreateRegionDocument,
  /** Administration (ADMIN): creates a grid. */
  createGrid: documents.CreateGridDocument,
  /** Administration (ADMIN): creates a cadre. */
  createCadre: documents.CreateCadreDocument,
  /** Administration (ADMIN): assigns a cadre to a grid. */
  assignCadre: documents.AssignCadreDocument,
  /** Administration (ADMIN): removes a cadre from a grid. */
  unassignCadre: documents.UnassignCadreDocument,
  /** Administration (ADMIN): creates a grid worker. */
  createGridWorker: documents.CreateGridWorkerDocument,
  /** Administration (ADMIN): creates a user account. */
  createUser: documents.CreateUserDocument,
  /** Administration (ADMIN): creates a portal key; its `key` is shown only in this answer. */
  createPortalKey: documents.CreatePortalKeyDocument,
  /** Administration (ADMIN): a webhook for issue events; its signing `secret` is shown only in this answer. */
  createWebhook: documents.CreateWebhookDocument,
  /** Administration (ADMIN): switches a webhook on (held deliveries go out) or off. */
  setWebhookActive: documents.SetWebhookActiveDocument,
  /** Administration (ADMIN): sends a delivery again, under the same id. */
  redeliver: documents.RedeliverDocument,
  /** Administration (ADMIN): changes a grid's name, kind, boundary or description (only the fields given). */
  updateGrid: documents.UpdateGridDocument,
  /** Administration (ADMIN): deactivates (its tokens stop working at once) or reactivates an account. */
  setUserActive: documents.SetUserActiveDocument,
  /** Administration (ADMIN): a new one-time password for a user, shown only in this answer. */
  resetPassword: documents.ResetPasswordDocument,
  /** The signed-in user replaces its password; after a one-time password, nothing else works until this is called. */
  changePassword: documents.ChangePasswordDocument,
} as const;

/** Mutations that are safe to send twice, so the client may retry them. */
export const IDEMPOTENT_MUTATIONS: ReadonlySet<string> = new Set<keyof typeof mutationDocuments>(['login', 'reportIssue']);

type QueryDocuments = typeof queryDocuments;
type MutationDocuments = typeof mutationDocuments;

/** A method for root field `K` of document `D`: the field's arguments in, the field's value out. */
export type FieldMethod<D, K extends PropertyKey> = (
  ...args: ArgsParameter<VariablesOf<D>>
) => Promise<ResultOf<D> extends Record<K, infer T> ? T : never>;

/** One method per contract Query field. */
export type QueryMethods = { [K in keyof QueryDocuments]: FieldMethod<QueryDocuments[K], K> };

/** The input of `reportIssue` as the SDK takes it: the idempotency key is optional (one is made when missing). */
export type ReportIssueArgs = {
  input: Omit<documents.ReportIssueInput, 'idempotencyKey'> & {
    /** Same key, same issue. Omit it and the client makes one (reused by its own retries). */
    idempotencyKey?: string | null;
  };
};

/** One method per contract Mutation field. */
export type MutationMethods = { [K in Exclude<keyof MutationDocuments, 'reportIssue'>]: FieldMethod<MutationDocuments[K], K> } & {
  /** Files a resident's report (public with a portal key). Creates an idempotency key when none is given. */
  reportIssue(args: ReportIssueArgs): Promise<documents.ReportIssueMutation['reportIssue']>;
};
