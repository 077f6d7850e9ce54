/**
 * `npm run bench [-- --scale small|city|province] [--keep]`: generates a city
 * into a fresh PostgreSQL database, serves it with Lastmeter, PostGraphile 5
 * and a hand-written raw-SQL floor, measures them side by side in rounds
 * (medians), and prints one Markdown table with each target beside its figure.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { postgraphileServer, startChild, type Child } from './children';
import { measureColdStarts } from './cold-start';
import { BENCH_ADMIN_PASSWORD, createBenchDatabase, dropBenchDatabase, existing, generate, hotPathTrackingCode } from './datagen';
import { deliveryOf, SubscriberCrowd, wallNow, type SubscriberSpec } from './fanout';
import { median, percentile, post, runLoad, type LoadResult } from './http-load';
import { postgresCpu, postgresCpuSince } from './postgres-cpu';
import {
  CREATE_USER,
  ISSUE_STATS,
  LASTMETER_FEW,
  LASTMETER_PAGE,
  LOGIN,
  PAGE_SIZE,
  PLAIN_STATS_SQL,
  plainStatsTotals,
  PERFORMANCE,
  PLAIN_PERFORMANCE_SQL,
  POSTGRAPHILE_FEW,
  POSTGRAPHILE_PAGE,
  REPORT_ISSUE,
  TRACK_ISSUE,
  TYPENAME,
} from './queries';
import { regionSubjects, rolledUpStatsStatement } from '../../api/src/modules/stats/stats.service';
import { performanceStatement, type PerformanceSource } from '../../api/src/modules/performance/performance.service';
import type { PerformanceGroup } from '../../api/src/domain/enums';
import { SCALES, totals, type ScaleName } from './scale';
import { sql } from '../../api/src/db/sql';
import { photoBench } from './photos';

const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const CONCURRENCY = 32;
/**
 * Load each contender gets before the measured rounds. A fresh Lastmeter spends about twice the CPU per list page in
 * its first 6–9 s under load as from then on (V8 compiling its hot paths), where the floors, with a few functions,
 * are warm at once; servers run for days, so the rounds measure them warm, every contender alike.
 */
const WARM_UP_MS = Number(process.env.BENCH_WARMUP_MS ?? 10_000);
const ROOT = path.resolve(__dirname, '../..');

interface Row {
  measure: string;
  figure: string;
  target: string;
  met: boolean | null;
}

/** The steps, in the order they run; --skip names some of them. */
const STEPS = ['list', 'cadre', 'hot', 'stats', 'performance', 'report', 'webhooks', 'photos', 'fanout', 'cold'];

function parseArgs(argv: string[]) {
  let scale: ScaleName = 'small';
  let keep = false;
  let reuse = false;
  const skip = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--scale') scale = argv[++i] as ScaleName;
    else if (argv[i].startsWith('--scale=')) scale = argv[i].slice(8) as ScaleName;
    else if (argv[i] === '--keep') keep = true;
    else if (argv[i] === '--reuse') reuse = keep = true;
    else if (argv[i] === '--skip') {
      for (const s of argv[++i].split(',')) {
        if (!STEPS.includes(s)) throw new Error(`--skip: unknown step ${s} (the steps: ${STEPS.join(',')})`);
        skip.add(s);
      }
    } else throw new Error(`unknown argument ${argv[i]} (use --scale small|city|province, --keep, --reuse, --skip ${STEPS.join(',')})`);
  }
  if (!SCALES[scale]) throw new Error(`--scale must be small, city or province, not ${scale}`);
  return { scale: SCALES[scale], keep, reuse, skip };
}

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
const ms = (n: number) => `${fmt(n, n < 10 ? 1 : 0)} ms`;
const log = (line: string) => console.log(line);

async function gql(url: string, query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) {
  const agent = new http.Agent({ keepAlive: false });
  const res = await post(agent, new URL(url), JSON.stringify({ query, variables }), headers);
  return JSON.parse(res.text) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
}

/**
 * Statements a server sends per request, over `n` sequential requests, less what
 * it sends on its own meanwhile (e.g. the realtime tail's safety poll).
 */
async function statementsPer(child: Child, send: () => Promise<unknown>, n = 10): Promise<number> {
  await send();
  let before = (await child.stats()).statements;
  let t0 = performance.now();
  await new Promise((r) => setTimeout(r, 2000));
  const idlePerMs = ((await child.stats()).statements - before) / (performance.now() - t0);
  before = (await child.stats()).statements;
  t0 = performance.now();
  for (let i = 0; i < n; i++) await send();
  const sent = (await child.stats()).statements - before - idlePerMs * (performance.now() - t0);
  return Math.round((sent / n) * 10) / 10;
}

interface Contender {
  child: Child;
  body: string | (() => string);
  headers?: Record<string, string>;
  /** Path appended to the child's URL (the floor's `/report`). */
  path?: string;
}

interface SideBySide {
  results: Map<Child, LoadResult[]>;
  /** Server CPU per request over every measured round, in ms. */
  cpuPerRequest: Map<Child, number>;
  /** PostgreSQL's CPU per request (all its processes, postgres-cpu.ts) over every measured round, in ms. */
  databaseCpuPerRequest: Map<Child, number>;
  /** The load generator's own CPU per request (median over rounds), in ms. */
  clientCpuPerRequest: Map<Child, number>;
  /** Median over rounds of a's req/s ÷ b's in the same round (b: the fastest of several in that round). */
  ratio(a: Child, b: Child | Child[]): number;
  summary(child: Child): { rps: number; p50: number; p99: number };
}

/**
 * Runs the contenders in rounds under the same load: each warmed up first, the order rotated every round so that no
 * one always runs first or last, server CPU counted around each run.
 */
async function sideBySide(title: string, contenders: Contender[], rounds: number, durationMs: number): Promise<SideBySide> {
  const results = new Map<Child, LoadResult[]>(contenders.map((c) => [c.child, []]));
  const cpu = new Map<Child, { ms: number; databaseMs: number; requests: number }>(contenders.map((c) => [c.child, { ms: 0, databaseMs: 0, requests: 0 }]));
  const url = (c: Contender) => `${c.child.url}${c.path ?? ''}`;
  for (const c of contenders) await runLoad({ url: url(c), body: c.body, headers: c.headers, concurrency: CONCURRENCY, durationMs: WARM_UP_MS });
  for (let round = 1; round <= rounds; round++) {
    const order = contenders.map((_, i) => contenders[(i + round) % contenders.length]);
    for (const c of order) {
      const before = (await c.child.stats()).cpuMs;
      const databaseBefore = postgresCpu();
      const r = await runLoad({ url: url(c), body: c.body, headers: c.headers, concurrency: CONCURRENCY, durationMs });
      const databaseSpent = postgresCpuSince(databaseBefore);
      const spent = (await c.child.stats()).cpuMs - before;
      const total = cpu.get(c.child)!;
      total.ms += spent;
      total.databaseMs += databaseSpent;
      total.requests += r.requests;
      results.get(c.child)!.push(r);
      const per = (x: number) => fmt(x / Math.max(1, r.requests), 2);
      log(`  ${title} round ${round} ${c.child.name}: ${fmt(r.rps)} req/s, p50 ${ms(r.p50)}, p99 ${ms(r.p99)}, ${per(spent)} ms CPU/request (PostgreSQL ${per(databaseSpent)} ms)${r.errors ? `, ${r.errors} errors` : ''}`);
    }
  }
  return {
    results,
    cpuPerRequest: new Map([...cpu].map(([child, t]) => [child, t.ms / Math.max(1, t.requests)])),
    databaseCpuPerRequest: new Map([...cpu].map(([child, t]) => [child, t.databaseMs / Math.max(1, t.requests)])),
    clientCpuPerRequest: new Map([...results].map(([child, list]) => [child, median(list.map((r) => r.clientCpuPerRequest))])),
    ratio: (a, b) => median(results.get(a)!.map((r, i) => r.rps / Math.max(...[b].flat().map((c) => results.get(c)![i].rps)))),
    summary: (child) => {
      const list = results.get(child)!;
      return { rps: median(list.map((r) => r.rps)), p50: median(list.map((r) => r.p50)), p99: median(list.map((r) => r.p99)) };
    },
  };
}

async function main() {
  const { scale, keep, reuse, skip } = parseArgs(process.argv.slice(2));
  const t = totals(scale);
  // BENCH_DATABASE: a name of its own when others run the bench on the same PostgreSQL (a shared machine).
  const dbName = process.env.BENCH_DATABASE ?? `lm_bench_${scale.name}`;
  log(`# Lastmeter benchmark — scale ${scale.name}: ${t.cities} city, ${t.counties} counties, ${t.townships} townships, ${t.communities} communities, ${t.grids} grids, ${t.cadres} cadres, ${t.issues} issues`);
  const loadAtStart = os.loadavg()[0];
  log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);

  log('\n## generating data');
  // --reuse (development only): keep measuring the database a previous --keep run left.
  const city = reuse ? await existing(ADMIN_URL, dbName) : await generate(await createBenchDatabase(ADMIN_URL, dbName), scale, log);
  const databaseUrl = city.databaseUrl;
  log(`generated ${city.issues} issues and ${city.events} events in ${fmt(city.seconds, 1)} s`);

  const rows: Row[] = [];
  const children: Child[] = [];
  const env = {
    DATABASE_URL: databaseUrl,
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
    ADMIN_PASSWORD: BENCH_ADMIN_PASSWORD,
    REPORT_RATE_LIMIT: '1000000',
    // The load generator and every subscriber share one address.
    MAX_CONNECTIONS: '100000',
    MAX_CONNECTIONS_PER_ADDRESS: '100000',
    OVERDUE_SWEEP_SECONDS: '0',
    // As deployed: graphql-js and Express skip their development-only checks.
    NODE_ENV: 'production',
    // The webhook receivers of the intake measure listen on this machine.
    WEBHOOK_ALLOW_PRIVATE: '1',
  };
  try {
    log('\n## starting servers');
    const lastmeter = await startChild('Lastmeter', 'lastmeter-server.ts', env);
    children.push(lastmeter);
    const postgraphile = await startChild('PostGraphile 5', postgraphileServer(), { DATABASE_URL: databaseUrl, NODE_ENV: 'production' }, { node22: true });
    children.push(postgraphile);
    const floor = await startChild('raw SQL floor', 'raw-floor-server.ts', { DATABASE_URL: databaseUrl });
    children.push(floor);
    // Is the floor the floor? A second one that sends PostgreSQL's JSON text as it is (issue 15).
    const jsonFloor = await startChild('raw floor, JSON through', 'raw-floor-server.ts', { DATABASE_URL: databaseUrl, FLOOR_JSON: '1' });
    children.push(jsonFloor);
    const login = await gql(lastmeter.url, LOGIN, { username: 'admin', password: BENCH_ADMIN_PASSWORD });
    const token = login.data?.login?.token as string;
    if (!token) throw new Error(`admin login failed: ${JSON.stringify(login.errors)}`);
    const auth = { authorization: `Bearer ${token}` };

    // Generating the data leaves autovacuum a city's tables to go through.
    await quietMachine(databaseUrl);
    if (!skip.has('list')) await listPage(rows, scale.rounds, scale.roundSeconds * 1000, { lastmeter, postgraphile, floors: [floor, jsonFloor], auth });
    if (!skip.has('cadre')) await cadrePage(rows, scale.rounds, scale.roundSeconds * 1000, { lastmeter, floors: [floor, jsonFloor], auth, databaseUrl });
    if (!skip.has('hot')) await publicHotPath(rows, scale.rounds, scale.roundSeconds * 1000, { lastmeter, databaseUrl });
    if (!skip.has('stats')) await statistics(rows, scale.statsSamples, { lastmeter, databaseUrl, cityId: city.cityId, auth });
    if (!skip.has('performance')) await assessment(rows, scale.statsSamples, { lastmeter, databaseUrl, auth });
    if (!skip.has('report')) await reports(rows, scale.rounds, scale.roundSeconds * 1000, { lastmeter, floor, databaseUrl, auth });
    if (!skip.has('webhooks')) await reportsWithWebhooks(rows, scale.rounds, scale.roundSeconds * 1000, { lastmeter, databaseUrl, auth });
    if (!skip.has('photos')) {
      const client = new Client({ connectionString: databaseUrl });
      await client.connect();
      const gridId = (await client.query<{ id: string }>('select id from grid order by code limit 1')).rows[0]!.id;
      await client.end();
      await photoBench(rows, { lastmeter, auth, gridId, log });
    }
    if (!skip.has('fanout')) await fanOut(rows, { databaseUrl, env });
  } finally {
    for (const child of children) await child.stop();
  }
  if (!skip.has('cold')) {
    log('\n## cold start (embedded default)');
    const cold = await measureColdStarts(scale.name === 'small' ? 2 : 3);
    log(`  first start ${cold.first.map(ms).join(', ')}; restart ${cold.restart.map(ms).join(', ')}`);
    rows.push({ measure: 'cold start, restart on existing data (median)', figure: ms(median(cold.restart)), target: '≤ 2 s', met: median(cold.restart) <= 2000 });
    rows.push({ measure: 'cold start, first start (migrations + demo seed)', figure: ms(median(cold.first)), target: '≤ 3 s', met: median(cold.first) <= 3000 });
  }
  if (!keep) await dropBenchDatabase(ADMIN_URL, dbName);

  const table = [
    `| measure | figure | target | met |`,
    `|---|---|---|---|`,
    ...rows.map((r) => `| ${r.measure} | ${r.figure} | ${r.target} | ${r.met === null ? '—' : r.met ? 'yes' : '**no**'} |`),
  ].join('\n');
  const header = `Scale \`${scale.name}\` (${t.issues.toLocaleString('en')} issues, ${city.events.toLocaleString('en')} events, ${t.grids.toLocaleString('en')} grids), ` +
    `${os.cpus().length} × ${os.cpus()[0]?.model?.trim() ?? 'cpu'}, Node ${process.version} (PostGraphile on Node 22), PostgreSQL on 127.0.0.1, ` +
    `${scale.rounds} rounds × ${scale.roundSeconds} s, medians; ${new Date().toISOString().slice(0, 16)}Z; ` +
    // A shared machine's figures mean little without its load.
    `load average (1 min) ${loadAtStart.toFixed(1)} at the start, ${os.loadavg()[0].toFixed(1)} at the end.`;
  log(`\n## results\n\n${header}\n\n${table}\n`);
  const out = path.join(ROOT, 'test/bench/results');
  fs.mkdirSync(out, { recursive: true });
  // A run of some steps only (--skip) keeps its table beside the full one rather than over it.
  const ran = STEPS.filter((s) => !skip.has(s));
  const file = ran.length === STEPS.length ? `${scale.name}.md` : `${scale.name}-${ran.join('-')}.md`;
  fs.writeFileSync(path.join(out, file), `${header}\n\n${table}\n`);
}

async function listPage(
  rows: Row[],
  rounds: number,
  durationMs: number,
  { lastmeter, postgraphile, floors, auth }: { lastmeter: Child; postgraphile: Child; floors: [Child, Child]; auth: Record<string, string> },
) {
  log('\n## issue list page');
  const [floor, jsonFloor] = floors;
  const contenders = [
    { child: lastmeter, body: JSON.stringify({ query: LASTMETER_PAGE, variables: { first: PAGE_SIZE } }), headers: auth },
    { child: postgraphile, body: JSON.stringify({ query: POSTGRAPHILE_PAGE, variables: { first: PAGE_SIZE } }), headers: {} },
    { child: floor, body: '{}', headers: {} },
    { child: jsonFloor, body: '{}', headers: {} },
  ];
  // The same page from all three: same first and last issue, 50 edges, timelines present.
  const firstIds: string[] = [];
  for (const c of contenders) {
    const res = JSON.parse((await post(new http.Agent(), new URL(c.child.url), c.body, c.headers)).text);
    if (res.errors) throw new Error(`${c.child.name}: ${JSON.stringify(res.errors).slice(0, 500)}`);
    const conn = res.data.issues ?? res.data.allIssues;
    if (conn.edges.length !== PAGE_SIZE) throw new Error(`${c.child.name} answered ${conn.edges.length} edges`);
    const idOf = (edge: any) => edge.node.rowId ?? edge.node.id;
    firstIds.push(`${idOf(conn.edges[0])}…${idOf(conn.edges[PAGE_SIZE - 1])}`);
  }
  if (new Set(firstIds).size !== 1) throw new Error(`the contenders answered different pages: ${firstIds.join(' / ')}`);

  // Statements per page, and that it does not grow with the page size.
  const lmStatements: Record<number, number> = {};
  for (const first of [5, 50, 100]) {
    const body = JSON.stringify({ query: LASTMETER_PAGE, variables: { first } });
    lmStatements[first] = await statementsPer(lastmeter, () => post(new http.Agent(), new URL(lastmeter.url), body, auth));
  }
  const pgStatements = await statementsPer(postgraphile, () => post(new http.Agent(), new URL(postgraphile.url), contenders[1].body, {}));
  const floorStatements = await statementsPer(floor, () => post(new http.Agent(), new URL(floor.url), '{}', {}));

  // The load generator's own ceiling, on an answer of the same size.
  const size = Buffer.byteLength((await post(new http.Agent(), new URL(lastmeter.url), contenders[0].body, auth)).text);
  const echo = await startChild('echo', 'echo-server.ts', { ECHO_BYTES: String(size) });
  const ceiling = await runLoad({ url: echo.url, body: '{}', concurrency: CONCURRENCY, durationMs: Math.min(durationMs, 4000) });
  await echo.stop();
  log(`  load generator ceiling (fixed ${size}-byte answers, no work): ${fmt(ceiling.rps)} req/s`);

  const page = await sideBySide('list page', contenders, rounds, durationMs);
  const lm = page.summary(lastmeter);
  const pgl = page.summary(postgraphile);
  const raw = page.summary(floor);
  const rawJson = page.summary(jsonFloor);
  const vsPg = page.ratio(lastmeter, postgraphile);
  // Against the faster of the two floors in each round.
  const vsFloor = page.ratio(lastmeter, floors);
  const line = (s: { rps: number; p50: number; p99: number }) => `${fmt(s.rps)} req/s, p50 ${ms(s.p50)}, p99 ${ms(s.p99)}`;

  // Few fields: the same page asked for id, trackingCode and status only.
  const few = await sideBySide(
    'few fields',
    [
      { child: lastmeter, body: JSON.stringify({ query: LASTMETER_FEW, variables: { first: PAGE_SIZE } }), headers: auth },
      { child: postgraphile, body: JSON.stringify({ query: POSTGRAPHILE_FEW, variables: { first: PAGE_SIZE } }) },
    ],
    rounds,
    durationMs,
  );
  const fewVsPg = few.ratio(lastmeter, postgraphile);
  const memory = await Promise.all([lastmeter, postgraphile, floor, jsonFloor].map(async (child) => (await child.stats(true)).rss / 2 ** 20));
  rows.push({ measure: `list page (issues(first: 50) + category, grid → region, assignee, timeline), ${CONCURRENCY} clients — Lastmeter`, figure: line(lm), target: '—', met: null });
  rows.push({ measure: 'list page — PostGraphile 5 (same fields)', figure: line(pgl), target: '—', met: null });
  rows.push({ measure: 'list page — raw SQL floor (one statement + JSON.stringify)', figure: line(raw), target: '—', met: null });
  rows.push({ measure: "list page — raw floor passing PostgreSQL's JSON through (one statement writes the response)", figure: line(rawJson), target: '—', met: null });
  rows.push({ measure: 'list page: Lastmeter ÷ PostGraphile (median of per-round ratios)', figure: `${fmt(vsPg, 2)}×`, target: '≥ 1.5×', met: vsPg >= 1.5 });
  rows.push({ measure: 'list page: Lastmeter ÷ raw floor (the faster of the two, per round)', figure: `${fmt(vsFloor * 100)} %`, target: '≥ 90 %', met: vsFloor >= 0.9 });
  /** A per-request figure of one contender (a SideBySide map), as the table writes it. */
  const msOf = (figures: Map<Child, number>) => (child: Child) => `${fmt(figures.get(child)!, 2)} ms`;
  /** A figure per request of each list-page contender, in the table's order. */
  const eachContender = (what: string, figures: Map<Child, number>) =>
    rows.push({
      measure: `list page: ${what} — Lastmeter / PostGraphile / raw floor / JSON-through floor`,
      figure: [lastmeter, postgraphile, floor, jsonFloor].map(msOf(figures)).join(' / '),
      target: '—',
      met: null,
    });
  eachContender('server CPU per request', page.cpuPerRequest);
  eachContender("PostgreSQL's CPU per request (all its processes)", page.databaseCpuPerRequest);
  rows.push({ measure: 'memory per process after the list page (RSS after GC) — Lastmeter / PostGraphile / raw floor / JSON-through floor', figure: memory.map((m) => `${fmt(m)} MiB`).join(' / '), target: '—', met: null });
  rows.push({ measure: 'few fields (issues(first: 50) { edges { node { id trackingCode status } } }) — Lastmeter', figure: line(few.summary(lastmeter)), target: '—', met: null });
  rows.push({ measure: 'few fields — PostGraphile 5', figure: line(few.summary(postgraphile)), target: '—', met: null });
  rows.push({ measure: 'few fields: Lastmeter ÷ PostGraphile', figure: `${fmt(fewVsPg, 2)}×`, target: '≥ 2×', met: fewVsPg >= 2 });
  // Where each few-fields request's CPU goes: what a 2-core machine shared by all three can give each contender.
  const split = (child: Child) => [few.cpuPerRequest, few.databaseCpuPerRequest, few.clientCpuPerRequest].map((figures) => msOf(figures)(child)).join(' + ');
  rows.push({
    measure: 'few fields: CPU per request, server + PostgreSQL + load generator — Lastmeter / PostGraphile',
    figure: `${split(lastmeter)} / ${split(postgraphile)}`,
    target: '—',
    met: null,
  });
  rows.push({
    measure: 'SQL statements per list page (Lastmeter, first = 5 / 50 / 100; incl. the token\'s user)',
    figure: `${lmStatements[5]} / ${lmStatements[50]} / ${lmStatements[100]}`,
    target: '≤ 2, any page size',
    // Counted against the server's own background statements (the event tail's poll): compare whole statements.
    met: Math.round(Math.max(...Object.values(lmStatements))) <= 2 && Math.round(lmStatements[5]) === Math.round(lmStatements[100]),
  });
  rows.push({ measure: 'SQL statements per list page (PostGraphile / raw floor)', figure: `${pgStatements} / ${floorStatements}`, target: '—', met: null });
  rows.push({ measure: 'load generator ceiling (same-size answers, no work)', figure: `${fmt(ceiling.rps)} req/s`, target: '—', met: null });
}

/** The list page as a cadre sees it: a scope condition (assigned grids, its duties, a township) in the page's statement. */
async function cadrePage(
  rows: Row[],
  rounds: number,
  durationMs: number,
  { lastmeter, floors, auth, databaseUrl }: { lastmeter: Child; floors: [Child, Child]; auth: Record<string, string>; databaseUrl: string },
) {
  log("\n## a cadre's list page");
  const [floor, jsonFloor] = floors;
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  // A cadre with assigned grids, scoped to the township above its first grid's community.
  const { rows: [picked] } = await client.query<{ cadre_id: string; township_id: string; township_path: string }>(
    `select a.cadre_id, t.id as township_id, t.path as township_path
       from cadre_assignment a join grid g on g.id = a.grid_id join region r on r.id = g.region_id join region t on t.id = r.parent_id
      order by a.assigned_at, a.id limit 1`,
  );
  const gridIds = (await client.query<{ grid_id: string }>('select grid_id from cadre_assignment where cadre_id = $1', [picked.cadre_id])).rows.map((r) => r.grid_id);
  await client.end();
  const username = `bench-cadre-${randomUUID().slice(0, 8)}`;
  const password = 'bench-cadre-password';
  const created = await gql(
    lastmeter.url,
    CREATE_USER,
    { input: { username, password, displayName: '包联干部', role: 'CADRE', cadreId: picked.cadre_id, scopeRegionId: picked.township_id } },
    auth,
  );
  if (created.errors) throw new Error(`createUser: ${JSON.stringify(created.errors)}`);
  const login = await gql(lastmeter.url, LOGIN, { username, password });
  const token = login.data?.login?.token as string;
  if (!token) throw new Error(`cadre login failed: ${JSON.stringify(login.errors)}`);
  const contenders: Contender[] = [
    { child: lastmeter, body: JSON.stringify({ query: LASTMETER_PAGE, variables: { first: PAGE_SIZE } }), headers: { authorization: `Bearer ${token}` } },
    { child: floor, body: JSON.stringify({ gridIds, cadreId: picked.cadre_id, regionPath: picked.township_path }), path: '/scoped' },
    { child: jsonFloor, body: JSON.stringify({ gridIds, cadreId: picked.cadre_id, regionPath: picked.township_path }), path: '/scoped' },
  ];
  const pages: string[] = [];
  for (const c of contenders) {
    const res = JSON.parse((await post(new http.Agent(), new URL(`${c.child.url}${c.path ?? ''}`), c.body as string, c.headers ?? {})).text);
    if (res.errors) throw new Error(`${c.child.name}: ${JSON.stringify(res.errors).slice(0, 500)}`);
    const edges = res.data.issues.edges;
    pages.push(`${edges.length}:${edges[0]?.node.id}…${edges.at(-1)?.node.id}`);
  }
  if (new Set(pages).size !== 1) throw new Error(`the cadre's pages differ: ${pages.join(' / ')}`);
  const run = await sideBySide("cadre's page", contenders, rounds, durationMs);
  const share = run.ratio(lastmeter, floors);
  const line = (child: Child) => `${fmt(run.summary(child).rps)} req/s, p99 ${ms(run.summary(child).p99)}, ${fmt(run.cpuPerRequest.get(child)!, 2)} ms CPU/request`;
  rows.push({ measure: `a cadre's list page (${gridIds.length} assigned grids, a township in scope) — Lastmeter`, figure: line(lastmeter), target: '—', met: null });
  rows.push({ measure: "a cadre's list page — raw SQL floor (the same scope in its statement)", figure: line(floor), target: '—', met: null });
  rows.push({ measure: "a cadre's list page — raw floor passing PostgreSQL's JSON through", figure: line(jsonFloor), target: '—', met: null });
  rows.push({ measure: "a cadre's list page: Lastmeter ÷ raw floor (the faster of the two, per round)", figure: `${fmt(share * 100)} %`, target: '≥ 90 %', met: share >= 0.9 });
}

/**
 * The public hot path: `trackIssue` with its timeline (every open tracker and portal page) and `{ __typename }`
 * without a token (the per-request pipeline alone: CORS, limits, logging, metrics, context), each beside a bare
 * node:http server answering Lastmeter's very bytes from memory.
 */
async function publicHotPath(rows: Row[], rounds: number, durationMs: number, { lastmeter, databaseUrl }: { lastmeter: Child; databaseUrl: string }) {
  log('\n## public hot path');
  const code = await hotPathTrackingCode(databaseUrl);
  const cases = [
    { name: 'trackIssue with its timeline', body: JSON.stringify({ query: TRACK_ISSUE, variables: { code } }), target: 0.25 },
    { name: '{ __typename } without a token', body: JSON.stringify({ query: TYPENAME }), target: 0.5 },
  ];
  for (const c of cases) {
    const answer = await post(new http.Agent(), new URL(lastmeter.url), c.body, {});
    if (answer.status !== 200 || answer.text.includes('"errors"')) throw new Error(`${c.name}: ${answer.text.slice(0, 300)}`);
    const file = path.join(os.tmpdir(), `lm-bench-${process.pid}-${randomUUID()}.json`);
    fs.writeFileSync(file, answer.text);
    const bare = await startChild(`bare node:http (${c.name})`, 'echo-server.ts', { ECHO_BODY_FILE: file });
    try {
      const run = await sideBySide(c.name, [{ child: lastmeter, body: c.body }, { child: bare, body: c.body }], rounds, durationMs);
      const share = run.ratio(lastmeter, bare);
      const figure = (child: Child) => `${fmt(run.summary(child).rps)} req/s, p99 ${ms(run.summary(child).p99)}, ${fmt(run.cpuPerRequest.get(child)!, 2)} ms CPU/request`;
      rows.push({ measure: `${c.name}, ${CONCURRENCY} clients — Lastmeter (${Buffer.byteLength(answer.text)} bytes)`, figure: figure(lastmeter), target: '—', met: null });
      rows.push({ measure: `${c.name} — bare node:http answering the same bytes from memory`, figure: figure(bare), target: '—', met: null });
      rows.push({ measure: `${c.name}: Lastmeter ÷ bare node:http`, figure: `${fmt(share * 100)} %`, target: `≥ ${c.target * 100} %`, met: share >= c.target });
    } finally {
      await bare.stop();
      fs.rmSync(file, { force: true });
    }
  }
}

async function statistics(
  rows: Row[],
  samples: number,
  { lastmeter, databaseUrl, cityId, auth }: { lastmeter: Child; databaseUrl: string; cityId: string; auth: Record<string, string> },
) {
  log('\n## city-wide statistics');
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows: [region] } = await client.query<{ path: string }>('select path from region where id = $1', [cityId]);
  const body = JSON.stringify({ query: ISSUE_STATS, variables: { regionId: cityId } });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const url = new URL(lastmeter.url);
  const api: number[] = [];
  const plain: number[] = [];
  const rollup: number[] = [];
  // The very statement stats.service sends, with pg's $n placeholders.
  const { rollup: cityRows, subtree } = regionSubjects(region.path);
  const statement = sql.compile(rolledUpStatsStatement(cityRows, subtree));
  let answer: any;
  for (let i = 0; i < samples + 3; i++) {
    let t0 = performance.now();
    await client.query(statement);
    const rollupMs = performance.now() - t0;
    t0 = performance.now();
    const res = await post(agent, url, body, auth);
    const apiMs = performance.now() - t0;
    answer = JSON.parse(res.text);
    if (answer.errors) throw new Error(`issueStats: ${JSON.stringify(answer.errors)}`);
    t0 = performance.now();
    for (const sql of PLAIN_STATS_SQL) await client.query(sql, [`${region.path}%`]);
    const plainMs = performance.now() - t0;
    if (i >= 3) {
      rollup.push(rollupMs);
      api.push(apiMs);
      plain.push(plainMs);
    }
  }
  // The figures must be right, not just fast. Deadlines keep passing while the bench runs, so `overdue` is compared
  // at one instant: the roll-up statement the API sends and the plain aggregate in one snapshot, both given the same
  // `now` as a value (the roll-up statement takes it from the API's clock; now() itself has microseconds, a
  // JavaScript Date milliseconds); and the API's own answer must lie between the plain aggregate just before and
  // just after it (overdue only grows while nothing is written).
  const plainNow = async () => (await client.query(PLAIN_STATS_SQL[0], [`${region.path}%`])).rows[0];
  await client.query('begin isolation level repeatable read');
  const { rows: [{ at }] } = await client.query<{ at: Date }>('select now() as at');
  const rolled = (await client.query(sql.compile(rolledUpStatsStatement(cityRows, subtree, at)))).rows;
  const truth = (await client.query(plainStatsTotals('$2::timestamptz'), [`${region.path}%`, at])).rows[0];
  await client.query('commit');
  const rolledTotal = rolled.reduce((sum, row) => sum + Number(row.issues ?? 0), 0);
  const rolledOverdue = Number(rolled[0]?.overdue ?? 0);
  if (rolledTotal !== Number(truth.total) || rolledOverdue !== Number(truth.overdue)) {
    throw new Error(`the roll-up disagrees with the plain aggregate at one instant: total ${rolledTotal} vs ${truth.total}, overdue ${rolledOverdue} vs ${truth.overdue}`);
  }
  const before = await plainNow();
  const checked = JSON.parse((await post(agent, url, body, auth)).text);
  const after = await plainNow();
  const s = checked.data.issueStats;
  if (s.total !== Number(before.total) || s.open !== Number(before.open) || s.overdue < Number(before.overdue) || s.overdue > Number(after.overdue)) {
    throw new Error(
      `issueStats disagrees with the plain aggregate: ${JSON.stringify(s).slice(0, 300)} vs ${JSON.stringify(before)} … overdue ${after.overdue} just after`,
    );
  }
  await client.end();
  agent.destroy();
  api.sort((a, b) => a - b);
  plain.sort((a, b) => a - b);
  log(`  Lastmeter issueStats p50 ${ms(percentile(api, 50))} p95 ${ms(percentile(api, 95))}; plain SQL aggregate p50 ${ms(percentile(plain, 50))} p95 ${ms(percentile(plain, 95))}`);
  rows.push({
    measure: `issueStats(regionId: city) over ${s.total.toLocaleString('en')} issues — Lastmeter p50 / p95`,
    figure: `${ms(percentile(api, 50))} / ${ms(percentile(api, 95))}`,
    target: 'p95 ≤ 50 ms',
    met: percentile(api, 95) <= 50,
  });
  rollup.sort((a, b) => a - b);
  rows.push({ measure: '… of which the roll-up statement alone (through pg), p50 / p95', figure: `${ms(percentile(rollup, 50))} / ${ms(percentile(rollup, 95))}`, target: '—', met: null });
  rows.push({ measure: 'the plain SQL aggregate over the issue table, p50 / p95', figure: `${ms(percentile(plain, 50))} / ${ms(percentile(plain, 95))}`, target: '—', met: null });
}

/** A performance statement's counts, keyed by group, in one canonical form. */
function countsByKey(rows: Record<string, unknown>[]): Map<string, string> {
  const fields = ['assigned', 'responded_on_time', 'resolved', 'resolved_on_time', 'returned', 'overdue', 'followed_up', 'satisfied', 'reopened'];
  return new Map(rows.map((r) => [String(r.key), fields.map((f) => Number(r[f])).join(',')]));
}

/**
 * 考核 for the whole city over the last month: by cadre and by region, beside the plain aggregate per assignee and
 * the statement computing the same figures straight from the ledger (what the roll-ups replace), all in one run.
 */
async function assessment(rows: Row[], samples: number, { lastmeter, databaseUrl, auth }: { lastmeter: Child; databaseUrl: string; auth: Record<string, string> }) {
  log('\n## performance assessment (考核)');
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const to = new Date();
  const from = new Date(to.getTime() - 30 * 86_400_000);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const url = new URL(lastmeter.url);
  const groups = ['CADRE', 'REGION'] as const;
  const timings: Record<string, number[]> = { plain: [], ledgerCADRE: [], ledgerREGION: [], rollupCADRE: [], rollupREGION: [], CADRE: [], REGION: [] };
  const statement = (source: PerformanceSource, groupBy: (typeof groups)[number], now: Date) =>
    sql.compile(performanceStatement(source, groupBy as PerformanceGroup, null, from, to, now));
  const timed = async (label: string, i: number, run: () => Promise<unknown>) => {
    const t0 = performance.now();
    const out = await run();
    if (i >= 3) timings[label].push(performance.now() - t0);
    return out;
  };
  let rowsSeen = 0;
  // Each kind in a block of its own: the ledger's and the plain aggregate's statements read a gigabyte of the
  // issue table and the ledger, and interleaved they pushed the roll-ups out of PostgreSQL's shared buffers
  // before every request (as a page asking 考核 again and again would not see).
  for (let i = 0; i < samples + 3; i++) {
    for (const groupBy of groups) {
      const body = JSON.stringify({ query: PERFORMANCE, variables: { groupBy, from: from.toISOString(), to: to.toISOString() } });
      // Until the answer's last byte arrived, as load tools time a request (decoding 4 MB is the client's work).
      const t0 = performance.now();
      const answer = await post(agent, url, body, auth);
      if (i >= 3) timings[groupBy].push(answer.receivedAt - t0);
      const res = JSON.parse(answer.text);
      if (res.errors) throw new Error(`performance(${groupBy}): ${JSON.stringify(res.errors)}`);
      if (groupBy === 'CADRE') rowsSeen = res.data.performance.length;
    }
  }
  for (const source of ['rollup', 'ledger'] as const) {
    for (let i = 0; i < samples + 3; i++) {
      for (const groupBy of groups) {
        const s = statement(source, groupBy, new Date());
        await timed(`${source}${groupBy}`, i, () => client.query(s));
      }
    }
  }
  for (let i = 0; i < samples + 3; i++) await timed('plain', i, () => client.query(PLAIN_PERFORMANCE_SQL, [from, to]));
  // Right, not just fast: at one instant the roll-up statement gives exactly the ledger's rows, and the API's answer
  // equals the ledger's just before it but for `overdue`, which only grows meanwhile (deadlines pass).
  for (const groupBy of groups) {
    const now = new Date();
    const [rolled, direct] = await Promise.all((['rollup', 'ledger'] as const).map(async (source) => countsByKey((await client.query(statement(source, groupBy, now))).rows)));
    if (JSON.stringify([...rolled].sort()) !== JSON.stringify([...direct].sort())) {
      const differing = [...direct].filter(([k, v]) => rolled.get(k) !== v).slice(0, 3);
      throw new Error(`performance(${groupBy}): the roll-up disagrees with the ledger (${rolled.size} vs ${direct.size} rows), e.g. ${JSON.stringify(differing.map(([k, v]) => [k, v, rolled.get(k)]))}`);
    }
    const before = countsByKey((await client.query(statement('ledger', groupBy, new Date()))).rows);
    const body = JSON.stringify({ query: PERFORMANCE, variables: { groupBy, from: from.toISOString(), to: to.toISOString() } });
    const answer = JSON.parse((await post(agent, url, body, auth)).text).data.performance as Record<string, number | string>[];
    const after = countsByKey((await client.query(statement('ledger', groupBy, new Date()))).rows);
    const counts = (r: Record<string, number | string>) => [r.assigned, r.respondedOnTime, r.resolved, r.resolvedOnTime, r.returned, r.overdue, r.followedUp, r.satisfied, r.reopened].map(Number);
    for (const r of answer) {
      const low = before.get(String(r.key))?.split(',').map(Number);
      const high = after.get(String(r.key))?.split(',').map(Number);
      const got = counts(r);
      const ok = low && high && got.every((v, j) => (j === 5 ? v >= low[j] && v <= high[j] : v === low[j]));
      if (!ok) throw new Error(`performance(${groupBy}) row ${r.key}: ${got} vs the ledger's ${low} … ${high}`);
    }
    if (answer.length !== before.size) throw new Error(`performance(${groupBy}): ${answer.length} rows vs the ledger's ${before.size}`);
    log(`  performance(${groupBy}): ${answer.length} rows, equal to the ledger's (the roll-up statement exactly, at one instant)`);
  }
  await client.end();
  agent.destroy();
  for (const list of Object.values(timings)) list.sort((a, b) => a - b);
  const p = (label: string) => `${ms(percentile(timings[label], 50))} / ${ms(percentile(timings[label], 95))}`;
  for (const [label, list] of Object.entries(timings)) log(`  ${label}: p50 ${ms(percentile(list, 50))} p95 ${ms(percentile(list, 95))}`);
  rows.push({
    measure: `performance(groupBy: CADRE), whole city, one month (${rowsSeen} cadres) — Lastmeter p50 / p95 to the last byte`,
    figure: p('CADRE'),
    target: 'p95 ≤ 200 ms',
    met: percentile(timings.CADRE, 95) <= 200,
  });
  rows.push({
    measure: 'performance(groupBy: REGION), whole city, one month — Lastmeter p50 / p95 to the last byte',
    figure: p('REGION'),
    target: 'p95 ≤ 100 ms',
    met: percentile(timings.REGION, 95) <= 100,
  });
  rows.push({ measure: '… of which the roll-up statement alone (through pg), CADRE / REGION, p50 / p95', figure: `${p('rollupCADRE')}; ${p('rollupREGION')}`, target: '—', met: null });
  rows.push({ measure: '… the same figures straight from the ledger (no roll-up; through pg), CADRE / REGION, p50 / p95', figure: `${p('ledgerCADRE')}; ${p('ledgerREGION')}`, target: '—', met: null });
  rows.push({ measure: '… the plain SQL aggregate per assignee over the issue table, p50 / p95', figure: p('plain'), target: '—', met: null });
}

async function reports(
  rows: Row[],
  rounds: number,
  durationMs: number,
  { lastmeter, floor, databaseUrl, auth }: { lastmeter: Child; floor: Child; databaseUrl: string; auth: Record<string, string> },
) {
  log('\n## report intake');
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const grids = (await client.query<{ id: string }>('select id from grid order by code limit 200')).rows.map((r) => r.id);
  await client.end();
  const reportBody = () =>
    JSON.stringify({
      query: REPORT_ISSUE,
      variables: {
        input: {
          categoryCode: 'GARBAGE',
          gridId: grids[Math.floor(Math.random() * grids.length)],
          description: '楼下垃圾桶已经满了两天，没有人清理，气味很大。',
          reporterName: '王女士',
          reporterPhone: '13800138000',
          idempotencyKey: randomUUID(),
        },
      },
    });
  const probe = await gql(lastmeter.url, REPORT_ISSUE, JSON.parse(reportBody()).variables, auth);
  if (probe.errors) {
    const why = probe.errors[0].message;
    log(`  reportIssue is not available: ${why}`);
    rows.push({ measure: 'reportIssue throughput vs raw INSERTs', figure: `not measured: reportIssue answers "${why.slice(0, 80)}"`, target: '≥ 60 % of floor', met: null });
    return;
  }
  const apiStatements = await statementsPer(lastmeter, () => post(new http.Agent(), new URL(lastmeter.url), reportBody(), auth));
  const floorStatements = await statementsPer(floor, () => post(new http.Agent(), new URL(`${floor.url}/report`), reportBody(), {}));
  // Both send the same two-statement script in one round trip (the floor without GraphQL, auth and checks).
  const intake = await sideBySide(
    'report intake',
    [
      { child: lastmeter, body: reportBody, headers: auth },
      { child: floor, body: reportBody, path: '/report' },
    ],
    rounds,
    durationMs,
  );
  const api = intake.results.get(lastmeter)!;
  const raw = intake.results.get(floor)!;
  const share = intake.ratio(lastmeter, floor);
  rows.push({ measure: `reportIssue (issue + SUBMITTED event), ${CONCURRENCY} clients — Lastmeter`, figure: `${fmt(median(api.map((r) => r.rps)))} req/s, p99 ${ms(median(api.map((r) => r.p99)))}`, target: '—', met: null });
  rows.push({ measure: 'report intake — raw floor (the API\'s own two-statement script, one round trip, through pg)', figure: `${fmt(median(raw.map((r) => r.rps)))} req/s`, target: '—', met: null });
  rows.push({ measure: 'report intake: Lastmeter ÷ raw floor', figure: `${fmt(share * 100)} %`, target: '≥ 60 %', met: share >= 0.6 });
  rows.push({ measure: 'SQL statements per report (Lastmeter / raw floor, incl. begin and commit)', figure: `${apiStatements} / ${floorStatements}`, target: '—', met: null });
}

/**
 * Report intake while two JSON webhooks are active (each report's SUBMITTED
 * event goes out twice, signed, to a receiver on this machine) beside intake
 * with the same webhooks switched off, in alternating rounds. Deliveries are
 * not free: the worker shares the server's CPU and database; how far it kept
 * up is reported too.
 */
async function reportsWithWebhooks(
  rows: Row[],
  rounds: number,
  durationMs: number,
  { lastmeter, databaseUrl, auth }: { lastmeter: Child; databaseUrl: string; auth: Record<string, string> },
) {
  log('\n## report intake with two active webhooks');
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const grids = (await client.query<{ id: string }>('select id from grid order by code limit 200')).rows.map((r) => r.id);
  const receiver = await startChild('webhook receiver', 'echo-server.ts', { ECHO_BYTES: '16' });
  const hooks: string[] = [];
  try {
    for (let i = 0; i < 2; i++) {
      const created = await gql(lastmeter.url, 'mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { id } }', {
        input: { url: `${receiver.url}/hook-${i}`, events: ['SUBMITTED'] },
      }, auth);
      if (created.errors) throw new Error(`createWebhook: ${JSON.stringify(created.errors)}`);
      hooks.push(created.data.createWebhook.id);
    }
    const setActive = (active: boolean) =>
      Promise.all(hooks.map((id) => gql(lastmeter.url, 'mutation($id: ID!, $a: Boolean!) { setWebhookActive(id: $id, active: $a) { id } }', { id, a: active }, auth)));
    const reportBody = () =>
      JSON.stringify({
        query: REPORT_ISSUE,
        variables: {
          input: {
            categoryCode: 'GARBAGE',
            gridId: grids[Math.floor(Math.random() * grids.length)],
            description: '樓下垃圾桶已經滿了兩天，沒有人清理，氣味很大。',
            reporterName: '王女士',
            reporterPhone: '13800138000',
            idempotencyKey: randomUUID(),
          },
        },
      });
    const delivered = async () =>
      Number((await client.query<{ n: string }>(`select count(*) as n from webhook_delivery where status = 'SUCCEEDED'`)).rows[0].n);
    const without: LoadResult[] = [];
    const withHooks: LoadResult[] = [];
    const keptUp: number[] = [];
    const drains: number[] = [];
    const measureOff = async () => {
      await setActive(false);
      return runLoad({ url: lastmeter.url, body: reportBody, headers: auth, concurrency: CONCURRENCY, durationMs });
    };
    /** A round with the webhooks on, then the wait until its backlog is delivered (so the next round starts clean). */
    const measureOn = async () => {
      await setActive(true);
      const before = await delivered();
      const result = await runLoad({ url: lastmeter.url, body: reportBody, headers: auth, concurrency: CONCURRENCY, durationMs });
      const during = (await delivered()) - before;
      const expected = result.requests * 2;
      const t0 = performance.now();
      while ((await delivered()) - before < expected && performance.now() - t0 < 60_000) await new Promise((r) => setTimeout(r, 100));
      drains.push(performance.now() - t0);
      keptUp.push(expected ? during / expected : 1);
      return { result, during, expected };
    };
    // A warm-up of each kind, then rounds that rotate which kind runs first.
    await measureOff();
    await measureOn();
    drains.length = 0;
    keptUp.length = 0;
    for (let round = 1; round <= rounds; round++) {
      let off: LoadResult;
      let onRound: Awaited<ReturnType<typeof measureOn>>;
      if (round % 2 === 1) {
        off = await measureOff();
        onRound = await measureOn();
      } else {
        onRound = await measureOn();
        off = await measureOff();
      }
      const { result: on, during, expected } = onRound;
      without.push(off);
      withHooks.push(on);
      log(`  round ${round}: without ${fmt(off.rps)} req/s, with two webhooks ${fmt(on.rps)} req/s (p99 ${ms(on.p99)}); ${fmt((during / Math.max(expected, 1)) * 100)} % delivered during the round, the rest ${ms(drains[drains.length - 1])} after`);
    }
    await setActive(false);
    const share = median(withHooks.map((w, i) => w.rps / without[i].rps));
    rows.push({ measure: `reportIssue with two active JSON webhooks, ${CONCURRENCY} clients — Lastmeter`, figure: `${fmt(median(withHooks.map((r) => r.rps)))} req/s, p99 ${ms(median(withHooks.map((r) => r.p99)))}`, target: '—', met: null });
    rows.push({ measure: 'report intake with two active webhooks ÷ without (alternating rounds)', figure: `${fmt(share * 100)} %`, target: '≥ 90 %', met: share >= 0.9 });
    rows.push({ measure: '… deliveries made during the round / backlog drained after it (median)', figure: `${fmt(median(keptUp) * 100)} % / ${ms(median(drains))}`, target: '—', met: null });
  } finally {
    await receiver.stop();
    await client.end();
  }
}

const TRACKER = `subscription Tracker($code: String!) { issueTracked(trackingCode: $code) { trackingCode status updatedAt timeline { type toStatus at } } }`;
const FEED = `subscription Feed($gridId: ID!) { issueEvents(filter: { gridId: $gridId }) { cursor type fromStatus toStatus at issue { id title status } } }`;
const ACCEPT = `mutation Accept($id: ID!) { acceptIssue(id: $id) { id status } }`;
const COMMENT = `mutation Comment($id: ID!, $note: String!) { commentIssue(id: $id, publicNote: $note) { id } }`;
/** Warm-up before each measured event: events to subscribers on each replica (see warmUp). */
const WARM_UP_EVENTS = 10;
const WARM_UP_SUBSCRIBERS = 1_000;

/** Share of the machine's CPU time that was idle over `ms` milliseconds (all cores). */
async function idleShare(ms: number): Promise<number> {
  const sum = () => os.cpus().reduce((t, cpu) => ({ idle: t.idle + cpu.times.idle, all: t.all + Object.values(cpu.times).reduce((a, b) => a + b, 0) }), { idle: 0, all: 0 });
  const before = sum();
  await new Promise((r) => setTimeout(r, ms));
  const after = sum();
  return (after.idle - before.idle) / Math.max(1, after.all - before.all);
}

/**
 * Waits (up to two minutes) until the machine is quiet: PostgreSQL has no autovacuum worker running and the CPU was
 * at least 90 % idle over a second. The steps that write (reports, webhooks) leave tables for autovacuum, which at
 * city scale spends a core on them for a while, and a webhook backlog or a photo's re-encoding may still be finishing;
 * a latency measured meanwhile measures those. Logs how long it waited and the load average after.
 */
async function quietMachine(databaseUrl: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const started = performance.now();
  let idle = 0;
  try {
    while (performance.now() - started < 120_000) {
      const { rows } = await client.query<{ n: number }>(`select count(*)::int as n from pg_stat_activity where backend_type = 'autovacuum worker'`);
      idle = await idleShare(1000);
      if (rows[0].n === 0 && idle >= 0.9) break;
    }
  } finally {
    await client.end();
  }
  log(`  (waited ${ms(performance.now() - started)} for a quiet machine: ${fmt(idle * 100)} % idle over the last second; load average ${os.loadavg()[0].toFixed(1)})`);
}

async function fanOut(rows: Row[], { databaseUrl, env }: { databaseUrl: string; env: Record<string, string> }) {
  const total = Number(process.env.BENCH_SUBSCRIBERS ?? 10_000);
  // Client processes of the load generator (see fanout.ts): as many as the machine has cores.
  const clientProcesses = Number(process.env.BENCH_FANOUT_CLIENTS ?? Math.max(2, os.cpus().length));
  log(
    `\n## subscription fan-out: ${total} subscribers (half trackers of one issue, half staff feeds of its grid), ${clientProcesses} client processes;` +
      ` each replica warmed up first by ${WARM_UP_EVENTS} events to ${WARM_UP_SUBSCRIBERS} subscribers`,
  );
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const issues = (
    await client.query<{ id: string; tracking_code: string; grid_id: string }>(
      // Generated issues first; once earlier runs have accepted those, ones reported through the API (the raw floor's
      // have no real tracking code).
      `select id, tracking_code, grid_id from issue where status = 'SUBMITTED' and idempotency_scope is distinct from 'floor'
        order by idempotency_scope = 'bench' desc, created_at desc limit 4`,
    )
  ).rows;
  await client.end();
  if (issues.length < 4) throw new Error('fan-out needs four SUBMITTED issues');
  // A warm-up event and a measured one for each setting.
  const [warmOne, measuredOne, warmTwo, measuredTwo] = issues;

  /** Trackers of the issue and feeds of its grid, in turn. The awaited message: the issue's acceptance (or, warming up, any change). */
  const specs = (issue: (typeof issues)[number], token: string, anyChange = false) => {
    const tracker: SubscriberSpec = {
      connectionParams: {},
      query: TRACKER,
      variables: { code: issue.tracking_code },
      snapshotFirst: true,
      awaited: { issueTracked: anyChange ? { trackingCode: issue.tracking_code } : { trackingCode: issue.tracking_code, status: 'ACCEPTED' } },
    };
    const feed: SubscriberSpec = {
      connectionParams: { authorization: `Bearer ${token}` },
      query: FEED,
      variables: { gridId: issue.grid_id },
      snapshotFirst: false,
      awaited: { issueEvents: anyChange ? { issue: { id: issue.id } } : { type: 'ACCEPTED', issue: { id: issue.id } } },
    };
    return (i: number) => (i % 2 === 0 ? tracker : feed);
  };
  const wsUrl = (child: Child) => child.url.replace(/^http/, 'ws');
  const adminToken = async (child: Child) => {
    const res = await gql(child.url, LOGIN, { username: 'admin', password: BENCH_ADMIN_PASSWORD });
    if (!res.data?.login?.token) throw new Error(`login failed: ${JSON.stringify(res.errors)}`);
    return res.data.login.token as string;
  };
  /** Sends the transition; delivery delays count from this moment (so they include the mutation's own commit). */
  const accept = async (child: Child, token: string, id: string) => {
    const sentAt = wallNow();
    const res = await gql(child.url, ACCEPT, { id }, { authorization: `Bearer ${token}` });
    if (res.errors) throw new Error(`acceptIssue: ${JSON.stringify(res.errors)}`);
    log(`  the acceptIssue mutation itself answered in ${ms(wallNow() - sentAt)}`);
    return sentAt;
  };
  /** Opens subscribers on each replica (an equal share of the client processes each), all at once. */
  const crowds = (replicas: Child[], count: number, specFor: (i: number) => SubscriberSpec) => {
    const share = Math.floor(count / replicas.length);
    const processes = Math.max(1, Math.floor(clientProcesses / replicas.length));
    return Promise.all(
      replicas.map((replica, r) => SubscriberCrowd.open(wsUrl(replica), r === replicas.length - 1 ? count - share * r : share, specFor, processes)),
    );
  };
  /** Sends an event on the first replica (`send` returns when it did); the delivery over all crowds, and each crowd's. */
  const measure = async (open: SubscriberCrowd[], send: () => Promise<number>) => {
    await Promise.all(open.map((crowd) => crowd.reset()));
    const sentAt = await send();
    const arrivals = await Promise.all(open.map((crowd) => crowd.awaitArrivals()));
    return { all: deliveryOf(arrivals.flat(), sentAt), each: arrivals.map((a) => deliveryOf(a, sentAt)) };
  };
  /**
   * Events to subscribers on each replica before the measured one (the issue's acceptance, then public comments), so
   * that the measured event meets warm code — JIT-compiled delivery, ORM metadata, the transition's statements — as
   * in a server that has been up for a while, rather than measuring the replica's first event.
   */
  const warmUp = async (replicas: Child[], token: string, issue: (typeof issues)[number]) => {
    const warm = await crowds(replicas, WARM_UP_SUBSCRIBERS * replicas.length, specs(issue, token, true));
    try {
      for (let i = 0; i < WARM_UP_EVENTS; i++) {
        const [mutation, variables] = i === 0 ? [ACCEPT, { id: issue.id }] : [COMMENT, { id: issue.id, note: `warm-up ${i}` }];
        const send = async () => {
          const sentAt = wallNow();
          const res = await gql(replicas[0].url, mutation, variables, { authorization: `Bearer ${token}` });
          if (res.errors) throw new Error(`warm-up: ${JSON.stringify(res.errors)}`);
          return sentAt;
        };
        const { all } = await measure(warm, send);
        if (all.missing) throw new Error(`warm-up: ${all.missing} subscribers missed event ${i + 1}`);
      }
    } finally {
      await Promise.all(warm.map((crowd) => crowd.close()));
    }
  };

  // One replica, in-process fan-out.
  await quietMachine(databaseUrl);
  {
    const replica = await startChild('Lastmeter (fan-out)', 'lastmeter-server.ts', env, { execArgv: ['--expose-gc'] });
    let open: SubscriberCrowd[] = [];
    try {
      const token = await adminToken(replica);
      await warmUp([replica], token, warmOne);
      await new Promise((r) => setTimeout(r, 1000));
      const before = await replica.stats(true);
      const t0 = performance.now();
      open = await crowds([replica], total, specs(measuredOne, token));
      log(`  ${total} subscribed in ${fmt((performance.now() - t0) / 1000, 1)} s`);
      await new Promise((r) => setTimeout(r, 2000));
      const idle = await replica.stats(true);
      const heapPer = (idle.heapUsed - before.heapUsed) / total;
      const rssPer = (idle.rss - before.rss) / total;
      const { all: delivery } = await measure(open, () => accept(replica, token, measuredOne.id));
      const done = await replica.stats();
      const statements = done.statements - idle.statements;
      const cpuMs = done.cpuMs - idle.cpuMs;
      log(`  one replica: delivered ${delivery.delivered}/${total}, p50 ${ms(delivery.p50)}, p99 ${ms(delivery.p99)}, max ${ms(delivery.max)}; idle memory ${fmt(heapPer / 1024, 1)} KB heap, ${fmt(rssPer / 1024, 1)} KB RSS per subscription; ${statements} SQL statements and ${ms(cpuMs)} of server CPU from the mutation to the last delivery`);
      rows.push({
        measure: `fan-out, one replica: ${total.toLocaleString('en')} subscribers, one event — delivery p50 / p99 from sending the mutation (${delivery.missing} missed)`,
        figure: `${ms(delivery.p50)} / ${ms(delivery.p99)}`,
        target: 'p99 ≤ 250 ms',
        met: delivery.missing === 0 && delivery.p99 <= 250,
      });
      rows.push({ measure: 'SQL statements on the replica from the mutation to the last delivery', figure: String(statements), target: '—', met: null });
      rows.push({
        measure: 'server CPU time from the mutation to the last delivery (less noisy than latency on a shared machine)',
        figure: `${ms(cpuMs)}, ${fmt((cpuMs * 1000) / total, 1)} µs per subscriber`,
        target: '—',
        met: null,
      });
      rows.push({
        measure: 'server memory per idle subscription (heap after GC; RSS)',
        figure: `${fmt(heapPer / 1024, 1)} KB; ${fmt(rssPer / 1024, 1)} KB`,
        target: '≤ 20 KB',
        met: Math.max(heapPer, rssPer) <= 20 * 1024,
      });
    } finally {
      await Promise.all(open.map((crowd) => crowd.close()));
      await replica.stop();
    }
  }

  // Two replicas through Redis: the event is written on A, half the subscribers sit on B.
  await quietMachine(databaseUrl);
  const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const a = await startChild('Lastmeter A', 'lastmeter-server.ts', { ...env, REDIS_URL: redisUrl });
  const b = await startChild('Lastmeter B', 'lastmeter-server.ts', { ...env, REDIS_URL: redisUrl }).catch(async (error) => {
    await a.stop();
    throw error;
  });
  let open: SubscriberCrowd[] = [];
  try {
    const token = await adminToken(a);
    await warmUp([a, b], token, warmTwo);
    open = await crowds([a, b], total, specs(measuredTwo, token));
    await new Promise((r) => setTimeout(r, 1000));
    const cpuBefore = await Promise.all([a.stats(), b.stats()]);
    const { all: delivery, each } = await measure(open, () => accept(a, token, measuredTwo.id));
    const cpuAfter = await Promise.all([a.stats(), b.stats()]);
    const cpuMs = cpuAfter.map((after, i) => after.cpuMs - cpuBefore[i].cpuMs);
    log(`  two replicas via Redis: delivered ${delivery.delivered}/${total}, p50 ${ms(delivery.p50)}, p99 ${ms(delivery.p99)} (replica B alone p99 ${ms(each[1].p99)}); server CPU A ${ms(cpuMs[0])}, B ${ms(cpuMs[1])}`);
    rows.push({
      measure: `fan-out, two replicas through Redis (${open[0].size} + ${open[1].size}), event written on A — delivery p50 / p99 (${delivery.missing} missed)`,
      figure: `${ms(delivery.p50)} / ${ms(delivery.p99)}`,
      target: 'p99 ≤ 250 ms',
      met: delivery.missing === 0 && delivery.p99 <= 250,
    });
  } finally {
    await Promise.all(open.map((crowd) => crowd.close()));
    await a.stop();
    await b.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
