/**
 * A strict TypeScript consumer of @lastmeter/sdk, never run, only compiled
 * (test/sdk-types/sdk-types.test.ts). The first function uses every method as
 * an integrator would; the second holds mistakes that must NOT compile, each
 * marked `// @ts-expect-error` (tsc fails on a marker whose line compiles).
 */
import {
  AcceptIssueDocument,
  CadreDutiesDocument,
  createClient,
  isLastmeterError,
  LastmeterError,
  paginate,
  type Issue,
  type IssueEvent,
  type IssueEventType,
  type IssueStatus,
  type IssueSummary,
  type LastmeterClient,
  type TrackedIssue,
} from '../../sdk/src/index.ts';

/** Every Query, Mutation and Subscription of the contract, used with the types an integrator relies on. */
export async function everyMethodTypeChecks(id: string, cadreId: string, gridId: string, regionId: string): Promise<void> {
  const lm = createClient({
    url: 'https://lastmeter.example.gov.cn/graphql',
    token: async () => 'a-refreshed-token',
    portalKey: 'portal-key',
    headers: { 'x-request-id': 'r-1' },
    retry: { retries: 2, minDelayMs: 100 },
  });

  // Queries
  const me = await lm.me();
  const role: 'ADMIN' | 'CADRE' | 'GRID_WORKER' | undefined = me?.role;
  const hours: number | undefined = (await lm.categories())[0]?.resolveHours;
  const cities = await lm.regions();
  const children = await lm.regions({ parentId: cities[0]?.id ?? null });
  const region = await lm.region({ id: regionId });
  const grid = await lm.grid({ id: gridId });
  const here = await lm.gridAt({ latitude: 30.585, longitude: 114.305 });
  const cadre = await lm.cadre({ id: cadreId });
  const cityCadres = await lm.cadres({ level: 'CITY', regionId });
  const issue: Issue | null = await lm.issue({ id });
  const page = await lm.issues({ filter: { status: ['ACCEPTED', 'ASSIGNED'], overdue: true, gridId }, first: 50, after: null });
  const firstOnPage: IssueSummary | undefined = page.edges[0]?.node;
  const tracked: TrackedIssue | null = await lm.trackIssue({ trackingCode: 'LM-ABCD-EFGH-JKMN' });
  const stats = await lm.issueStats({ regionId, from: '2026-01-01T00:00:00.000Z' });
  const rate: number | null = stats.satisfactionRate;
  void [role, hours, children, region?.grids, grid?.workers, here?.code, cadre?.grids, cityCadres, issue, firstOnPage, tracked, rate];

  // Mutations: the life cycle
  const { token, user } = await lm.login({ username: 'worker.lin', password: 'secret' });
  const report = await lm.reportIssue({ input: { categoryCode: 'GARBAGE', description: '垃圾未清运', gridId, channel: 'WECHAT_MINIPROGRAM' } });
  const keyed = await lm.reportIssue({ input: { categoryCode: 'GARBAGE', description: '…', location: { latitude: 30.5, longitude: 114.3 }, idempotencyKey: 'k-1' } });
  let current: Issue = await lm.acceptIssue({ id, note: '受理', expectedVersion: 1 });
  current = await lm.rejectIssue({ id, reason: '不属实', expectedVersion: current.version });
  current = await lm.assignIssue({ id, cadreId, expectedVersion: current.version });
  current = await lm.escalateIssue({ id, cadreId, note: '需要协调' });
  current = await lm.startIssue({ id });
  current = await lm.commentIssue({ id, publicNote: '处理中' });
  current = await lm.resolveIssue({ id, resolution: '已清运', publicNote: '已处理' });
  current = await lm.recordFollowUp({ id, input: { method: 'PHONE', satisfaction: 'BASICALLY_SATISFIED' } });
  current = await lm.closeIssue({ id });
  current = await lm.reopenIssue({ id, reason: '仍未解决' });
  const status: IssueStatus = current.status;
  const visit = await lm.recordVisit({ input: { gridId, kind: 'CHECK_IN', households: 2 } });
  void [token, user.role, report.trackingCode, keyed.issue.status, status, visit.at];

  // Mutations: administration
  const newRegion = await lm.createRegion({ input: { name: '新区', level: 'COUNTY', parentId: regionId } });
  const newGrid = await lm.createGrid({ input: { regionId: newRegion.id, code: 'X-1', name: '新网格', kind: 'RURAL', boundary: [{ latitude: 1, longitude: 2 }] } });
  const newCadre = await lm.createCadre({ input: { name: '干部', level: 'TOWNSHIP', unit: '镇政府' } });
  await lm.assignCadre({ cadreId: newCadre.id, gridId: newGrid.id });
  await lm.unassignCadre({ cadreId: newCadre.id, gridId: newGrid.id });
  const worker = await lm.createGridWorker({ input: { name: '网格员', gridId: newGrid.id } });
  await lm.createUser({ input: { username: 'u', password: 'p', displayName: 'U', role: 'GRID_WORKER', gridWorkerId: worker.id } });
  const key: string | null = (await lm.createPortalKey({ name: '门户', allowedOrigins: ['https://portal.example.gov.cn'] })).key;
  void key;

  // Subscriptions, paging, any document, errors
  for await (const event of lm.issueEvents({ filter: { gridId }, after: null })) {
    const type: IssueEventType = event.type;
    const cursor: string = event.cursor;
    void [type, cursor, event.issue.title];
    break;
  }
  for await (const live of lm.issueTracked({ trackingCode: report.trackingCode })) {
    if (live.status === 'CLOSED') break;
  }
  for await (const each of lm.iterateIssues({ filter: { status: ['SUBMITTED'] } }, { pageSize: 100 })) void each.trackingCode;
  const duties = (first: number) => (after: string | null) => lm.request(CadreDutiesDocument, { id: cadreId, first, after }).then((d) => d.cadre!.duties);
  for await (const duty of paginate(duties(20))) void duty.resolveDueAt;
  const accepted = await lm.request(AcceptIssueDocument, { id });
  void accepted.acceptIssue.version;
  try {
    await lm.acceptIssue({ id });
  } catch (error) {
    if (error instanceof LastmeterError && error.code === 'CONFLICT') void error.graphQLErrors;
    if (isLastmeterError(error) && error.code === 'NETWORK_ERROR') void error.status;
  }
  await lm.dispose();
}

/** Mistakes the types must catch: each marked line has to fail to compile. */
export async function mistakesDoNotCompile(lm: LastmeterClient, event: IssueEvent): Promise<void> {
  // @ts-expect-error a misspelt argument name
  await lm.acceptIssue({ id: 'i', expectedVesion: 2 });
  // @ts-expect-error a status that does not exist
  await lm.issues({ filter: { status: ['DONE'] } });
  // @ts-expect-error a misspelt filter field
  await lm.issues({ filter: { gridID: 'g' } });
  // @ts-expect-error a required argument left out
  await lm.trackIssue({});
  // @ts-expect-error no arguments where one is required
  await lm.issue();
  // @ts-expect-error a misspelt input field (and the required description missing)
  await lm.reportIssue({ input: { categoryCode: 'GARBAGE', descripton: '…' } });
  // @ts-expect-error a follow-up method that does not exist
  await lm.recordFollowUp({ id: 'i', input: { method: 'EMAIL', satisfaction: 'SATISFIED' } });
  // @ts-expect-error a satisfaction that does not exist
  await lm.recordFollowUp({ id: 'i', input: { method: 'PHONE', satisfaction: 'HAPPY' } });
  // @ts-expect-error a region level that does not exist
  await lm.createRegion({ input: { name: '省', level: 'PROVINCE' } });
  // @ts-expect-error a string where a number is required
  await lm.gridAt({ latitude: '30.5', longitude: 114.3 });
  // @ts-expect-error a method the contract does not have
  await lm.deleteIssue({ id: 'i' });
  // @ts-expect-error a misspelt field of the result
  void (await lm.acceptIssue({ id: 'i' })).stauts;
  // @ts-expect-error a misspelt subscription argument
  void lm.issueTracked({ code: 'LM-ABCD' });
  // @ts-expect-error wrong variables for a typed document
  await lm.request(AcceptIssueDocument, { id: 'i', version: 1 });
  // @ts-expect-error an event type that does not exist
  const type: IssueEventType = 'DELETED';
  // @ts-expect-error comparing a status with a value it can never have
  if (event.toStatus === 'OPEN') void type;
}
