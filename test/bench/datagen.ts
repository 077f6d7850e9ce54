/**
 * Fills a fresh PostgreSQL database with a realistic city (or province) in a
 * few set-based SQL statements: `insert … select … from generate_series`, the
 * fastest way to make rows (no client round trip per row, no COPY parsing).
 * Ids are md5-derived uuids of each row's number, so a row's ancestors follow
 * from arithmetic and no lookup is needed while generating.
 */
import { Client } from 'pg';
import { loadConfig } from '../../api/src/config';
import { bootstrap } from '../../api/src/db/bootstrap';
import { openDatabase } from '../../api/src/db/orm';
import { CATEGORIES } from '../../api/src/modules/categories/category.catalog';
import { createLogger } from '../../api/src/server/logger';
import { totals, type Scale } from './scale';

export const BENCH_ADMIN_PASSWORD = 'bench-admin-password';

/** The tracking code the public hot path follows: a generated issue with a full timeline, as a resident follows it. */
export async function hotPathTrackingCode(databaseUrl: string): Promise<string> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows: [issue] } = await client.query<{ tracking_code: string }>(
      `select i.tracking_code from issue i where i.idempotency_scope = 'bench' and (select count(*) from issue_event e where e.issue_id = i.id) >= 4
        order by i.created_at desc limit 1`,
    );
    if (!issue) throw new Error('no issue with a timeline of four events to track');
    return issue.tracking_code;
  } finally {
    await client.end();
  }
}

/** uuid of row `expr` of a kind. */
const uid = (kind: string, expr: string) => `md5('lmb-${kind}-' || (${expr}))::uuid`;

/**
 * A tracking code in the API's own format (`LM-XXXX-XXXX-XXXX`, Crockford base 32) for issue `n`:
 * n times an odd constant modulo 2^60 is a bijection, so codes are unique and look random.
 */
function trackingCode(n: string): string {
  const bits = `((${n})::bigint * 2654435761 % 1152921504606846976)`;
  const symbol = (j: number) => `substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((${bits} >> ${5 * (11 - j)}) & 31)::int + 1, 1)`;
  const group = (g: number) => [0, 1, 2, 3].map((k) => symbol(g * 4 + k)).join(' || ');
  return `'LM-' || ${group(0)} || '-' || ${group(1)} || '-' || ${group(2)}`;
}

/** Categories in order of popularity: garbage and parking dominate, employment is rare. */
const BY_POPULARITY = [
  'GARBAGE', 'DISORDERLY_PARKING', 'PROPERTY_SERVICE', 'UTILITIES', 'STREET_VENDING', 'DOG_KEEPING', 'ILLEGAL_FLYERS',
  'PUBLIC_FACILITY', 'DISPUTE', 'RURAL_ROAD', 'ILLEGAL_CONSTRUCTION', 'MEDICAL_CARE', 'FAMILY_HARDSHIP', 'BENEFITS', 'EMPLOYMENT', 'OTHER',
];

export interface GeneratedCity {
  databaseUrl: string;
  /** The first generated city: the subject of the city-wide statistics. */
  cityId: string;
  issues: number;
  events: number;
  seconds: number;
}

export async function createBenchDatabase(adminUrl: string, name: string): Promise<string> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists "${name}" with (force)`);
  await admin.query(`create database "${name}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropBenchDatabase(adminUrl: string, name: string): Promise<void> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists "${name}" with (force)`);
  await admin.end();
}

/** Migrations, categories and the admin account, exactly as the API makes them on first start. */
async function prepareSchema(databaseUrl: string): Promise<void> {
  const config = loadConfig({ DATABASE_URL: databaseUrl, SEED_DEMO: '0', ADMIN_PASSWORD: BENCH_ADMIN_PASSWORD, LOG_LEVEL: 'silent' });
  const db = await openDatabase({ databaseUrl, dataDir: '/tmp/lastmeter-bench' });
  try {
    await bootstrap(db.orm.em.fork() as never, config, false, createLogger('silent'));
  } finally {
    await db.close();
  }
}

export async function generate(databaseUrl: string, scale: Scale, log: (line: string) => void): Promise<GeneratedCity> {
  const started = Date.now();
  await prepareSchema(databaseUrl);
  const t = totals(scale);
  const CC = scale.countiesPerCity;
  const TC = scale.townshipsPerCounty;
  const MC = scale.communitiesPerTownship;
  const GC = scale.gridsPerCommunity;
  const CPG = scale.cadresPerGrid;
  const cityOfCounty = (k: string) => `((${k} - 1) / ${CC} + 1)`;
  const countyOfTownship = (x: string) => `((${x} - 1) / ${TC} + 1)`;
  const townshipOfCommunity = (m: string) => `((${m} - 1) / ${MC} + 1)`;
  const communityOfGrid = (g: string) => `((${g} - 1) / ${GC} + 1)`;
  const seg = (kind: string, expr: string) => `${uid(kind, expr)}::text || '/'`;
  const countyPath = (k: string) => `'/' || ${seg('city', cityOfCounty(k))} || ${seg('county', k)}`;
  const townshipPath = (x: string) => `${countyPath(countyOfTownship(x))} || ${seg('township', x)}`;
  const communityPath = (m: string) => `${townshipPath(townshipOfCommunity(m))} || ${seg('community', m)}`;
  const gridPath = (g: string) => communityPath(communityOfGrid(g));

  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const step = async (label: string, sql: string, params: unknown[] = []) => {
    const t0 = Date.now();
    const res = await client.query(sql, params);
    log(`  ${label}: ${res.rowCount ?? 0} rows in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  };
  try {
    // Bulk load: no FK checks, no triggers (roll-ups are rebuilt once at the end), no fsync wait.
    await client.query(`set session_replication_role = replica`);
    await client.query(`set synchronous_commit = off`);
    // The planner's row estimates for these statements are huge: JIT would spend far longer compiling than running.
    await client.query(`set jit = off`);
    await client.query(`set maintenance_work_mem = '256MB'`);
    const now = new Date();
    await step(
      'regions',
      `insert into region (id, name, level, parent_id, path, created_at)
       select ${uid('city', 'n')}, '基准市' || n, 'CITY', null, '/' || ${seg('city', 'n')}, $1::timestamptz from generate_series(1, ${t.cities}) n
       union all
       select ${uid('county', 'n')}, '第' || n || '县区', 'COUNTY', ${uid('city', cityOfCounty('n'))}, ${countyPath('n')}, $1::timestamptz from generate_series(1, ${t.counties}) n
       union all
       select ${uid('township', 'n')}, '第' || n || '街道乡镇', 'TOWNSHIP', ${uid('county', countyOfTownship('n'))}, ${townshipPath('n')}, $1::timestamptz from generate_series(1, ${t.townships}) n
       union all
       select ${uid('community', 'n')}, '第' || n || '社区村', 'COMMUNITY', ${uid('township', townshipOfCommunity('n'))}, ${communityPath('n')}, $1::timestamptz from generate_series(1, ${t.communities}) n`,
      [now],
    );
    await step(
      'grids',
      `insert into grid (id, code, name, kind, region_id, region_path, boundary, created_at)
       select ${uid('grid', 'n')}, 'BG-' || lpad(n::text, 6, '0'), '第' || n || '号网格',
              case when n % 3 = 0 then 'RURAL' else 'URBAN_COMMUNITY' end,
              ${uid('community', communityOfGrid('n'))}, ${gridPath('n')}, null, $1::timestamptz
       from generate_series(1, ${t.grids}) n`,
      [now],
    );
    await step(
      'grid workers',
      `insert into grid_worker (id, name, grid_id, created_at)
       select ${uid('worker', 'n')}, '网格员' || n, ${uid('grid', 'n')}, $1::timestamptz from generate_series(1, ${t.grids}) n`,
      [now],
    );
    const gridOfCadre = `((n - 1) / ${CPG} + 1)`;
    const community = communityOfGrid(gridOfCadre);
    const township = townshipOfCommunity(community);
    const county = countyOfTownship(township);
    await step(
      'cadres',
      `insert into cadre (id, name, level, unit, region_id, created_at)
       select ${uid('cadre', 'n')}, '干部' || n,
              (array['CITY', 'COUNTY', 'TOWNSHIP', 'VILLAGE'])[1 + n % 4],
              (array['民政局', '住房和城乡建设局', '城市管理局', '卫生健康委员会', '人力资源和社会保障局', '水务局'])[1 + (n / 4) % 6],
              case n % 4 when 0 then ${uid('city', cityOfCounty(county))} when 1 then ${uid('county', county)}
                         when 2 then ${uid('township', township)} else ${uid('community', community)} end,
              $1::timestamptz
       from generate_series(1, ${t.cadres}) n`,
      [now],
    );
    await step(
      'cadre assignments',
      `insert into cadre_assignment (id, cadre_id, grid_id, assigned_at)
       select ${uid('assignment', 'n')}, ${uid('cadre', 'n')}, ${uid('grid', gridOfCadre)}, $1::timestamptz from generate_series(1, ${t.cadres}) n`,
      [now],
    );

    // Secondary indexes are rebuilt once after the load: a sorted build is far faster than a million incremental inserts.
    const secondary = await client.query<{ indexname: string; indexdef: string }>(
      `select indexname, indexdef from pg_indexes
       where schemaname = current_schema() and tablename in ('issue', 'issue_event')
         and indexname not in (select conname from pg_constraint)`,
    );
    for (const index of secondary.rows) await client.query(`drop index "${index.indexname}"`);

    const categories = `array[${BY_POPULARITY.map((c) => `'${c}'`).join(', ')}]`;
    if (BY_POPULARITY.length !== CATEGORIES.length) throw new Error('the popularity list must name every category');
    const chunk = 250_000;
    let events = 0;
    for (let from = 1; from <= t.issues; from += chunk) {
      const to = Math.min(t.issues, from + chunk - 1);
      const t0 = Date.now();
      const res = await client.query<{ events: string }>(
        `with s as (
           select n, random() r1, random() r2, random() r3, random() r4, random() r5, random() r6 from generate_series(${from}, ${to}) n
         ), k as (
           select s.*, 1 + least(${t.grids - 1}, floor(${t.grids} * power(r2, 1.3))::int) as g,
                  (${categories})[1 + least(15, floor(16 * power(r1, 2.2))::int)] as code,
                  r3 * 365 as age_days
           from s
         ), t as (
           -- Young issues are still being worked on; old ones are mostly closed, a few left behind (missed deadlines).
           select k.*, c.name as cname, c.response_hours, c.resolve_hours,
                  case when age_days < 3 then
                         case when r6 < 0.15 then 'SUBMITTED' when r6 < 0.30 then 'ACCEPTED' when r6 < 0.50 then 'ASSIGNED'
                              when r6 < 0.75 then 'IN_PROGRESS' when r6 < 0.95 then 'RESOLVED' else 'REJECTED' end
                       when age_days < 15 then
                         case when r6 < 0.02 then 'SUBMITTED' when r6 < 0.05 then 'ACCEPTED' when r6 < 0.10 then 'ASSIGNED'
                              when r6 < 0.20 then 'IN_PROGRESS' when r6 < 0.50 then 'RESOLVED' when r6 < 0.75 then 'FOLLOWED_UP'
                              when r6 < 0.95 then 'CLOSED' else 'REJECTED' end
                       else
                         case when r6 < 0.005 then 'ASSIGNED' when r6 < 0.01 then 'IN_PROGRESS' when r6 < 0.03 then 'RESOLVED'
                              when r6 < 0.10 then 'FOLLOWED_UP' when r6 < 0.95 then 'CLOSED' else 'REJECTED' end
                  end as status,
                  date_trunc('milliseconds', $1::timestamptz - age_days * interval '1 day') as created
           from k join category c on c.code = k.code
         ), t2 as (
           select t.*,
                  -- Three in four are assigned straight away and resolved without a separate start (a shorter timeline).
                  case when n % 4 <> 0 and t.status in ('ASSIGNED', 'RESOLVED', 'FOLLOWED_UP', 'CLOSED') then
                         case t.status when 'ASSIGNED' then 2 when 'RESOLVED' then 3 when 'FOLLOWED_UP' then 4 else 5 end
                       else
                         case t.status when 'SUBMITTED' then 1 when 'ACCEPTED' then 2 when 'ASSIGNED' then 3 when 'IN_PROGRESS' then 4
                              when 'RESOLVED' then 5 when 'FOLLOWED_UP' then 6 when 'CLOSED' then 7 else 2 end
                  end as steps
           from t
         ), u as (
           select t2.*,
                  case when status not in ('SUBMITTED', 'REJECTED') then least($1::timestamptz, date_trunc('milliseconds', created + response_hours * (0.05 + 0.9 * r5) * interval '1 hour')) end as accepted,
                  case when status in ('RESOLVED', 'FOLLOWED_UP', 'CLOSED') then least($1::timestamptz, date_trunc('milliseconds', created + resolve_hours * (0.1 + 1.4 * r4) * interval '1 hour')) end as resolved
           from t2
         ), v as (
           select u.*,
                  case when status in ('FOLLOWED_UP', 'CLOSED') then least($1::timestamptz, resolved + interval '1 day') end as followed,
                  case when status in ('FOLLOWED_UP', 'CLOSED') then
                    case when n % 100 < 75 then 'SATISFIED' when n % 100 < 92 then 'BASICALLY_SATISFIED' else 'UNSATISFIED' end end as satisfaction
           from u
         ), inserted as (
           insert into issue (id, tracking_code, title, description, category_code, status, channel, grid_id, region_path,
                              latitude, longitude, address, reporter_anonymous, reporter_name, reporter_phone, assignee_id, version,
                              created_at, updated_at, response_due_at, resolve_due_at, accepted_at, resolved_at, resolution,
                              follow_up_method, follow_up_satisfaction, follow_up_comment, follow_up_at, follow_up_by,
                              idempotency_scope, idempotency_key)
           select ${uid('issue', 'n')}, ${trackingCode('n')}, cname || '：第' || n || '号诉求',
                  '居民反映' || cname || '的问题，地点在第' || g || '号网格附近，希望尽快处理。编号' || n,
                  code, status,
                  (array['WIDGET', 'WECHAT_MINIPROGRAM', 'GOV_APP', 'RESIDENT_GROUP', 'HOUSEHOLD_VISIT', 'PHONE', 'PATROL', 'OPEN311'])[1 + floor(r5 * 7.99)::int],
                  ${uid('grid', 'g')}, ${gridPath('g')},
                  30.5 + r1 * 0.2, 114.2 + r2 * 0.2, '第' || g || '号网格' || (n % 50) || '号楼',
                  n % 10 = 0, case when n % 10 <> 0 then '居民' || n end, case when n % 10 <> 0 then '138' || lpad((n % 100000000)::text, 8, '0') end,
                  case when status in ('ASSIGNED', 'IN_PROGRESS', 'RESOLVED', 'FOLLOWED_UP', 'CLOSED') then ${uid('cadre', `(g - 1) * ${CPG} + 1 + n % ${CPG}`)} end,
                  steps, created,
                  least($1::timestamptz, coalesce(followed + interval '1 hour', resolved, accepted, created)),
                  created + response_hours * interval '1 hour', created + resolve_hours * interval '1 hour',
                  accepted, resolved, case when resolved is not null then '已处理：' || cname end,
                  case when followed is not null then (array['PHONE', 'VISIT', 'ONLINE'])[1 + n % 3] end, satisfaction,
                  case when satisfaction = 'UNSATISFIED' then '处理不彻底' end, followed, case when followed is not null then '回访员' end,
                  'bench', n::text
           from v
           returning id, status, version, created_at, updated_at,
                     idempotency_key::int % 4 <> 0 and status in ('ASSIGNED', 'RESOLVED', 'FOLLOWED_UP', 'CLOSED') as short
         ), evented as (
           insert into issue_event (issue_id, type, from_status, to_status, note, public_note, actor_name, at)
           select i.id,
                  case when i.status = 'REJECTED' and k = 2 then 'REJECTED'
                       when i.short then (array['SUBMITTED', 'ASSIGNED', 'RESOLVED', 'FOLLOWED_UP', 'CLOSED'])[k]
                       else (array['SUBMITTED', 'ACCEPTED', 'ASSIGNED', 'STARTED', 'RESOLVED', 'FOLLOWED_UP', 'CLOSED'])[k] end,
                  case when k = 1 then null when i.status = 'REJECTED' then 'SUBMITTED'
                       when i.short then (array['SUBMITTED', 'ASSIGNED', 'RESOLVED', 'FOLLOWED_UP', 'CLOSED'])[k - 1]
                       else (array['SUBMITTED', 'ACCEPTED', 'ASSIGNED', 'IN_PROGRESS', 'RESOLVED', 'FOLLOWED_UP', 'CLOSED'])[k - 1] end,
                  case when i.status = 'REJECTED' and k = 2 then 'REJECTED'
                       when i.short then (array['SUBMITTED', 'ASSIGNED', 'RESOLVED', 'FOLLOWED_UP', 'CLOSED'])[k]
                       else (array['SUBMITTED', 'ACCEPTED', 'ASSIGNED', 'IN_PROGRESS', 'RESOLVED', 'FOLLOWED_UP', 'CLOSED'])[k] end,
                  case when k = 2 then '请尽快到现场核实' end,
                  case when k = i.version and i.status = 'RESOLVED' then '问题已处理完毕' end,
                  case when k > 1 then '网格员' end,
                  date_trunc('milliseconds', i.created_at + (i.updated_at - i.created_at) * ((k - 1)::float8 / greatest(i.version - 1, 1)))
           from inserted i cross join lateral generate_series(1, i.version) k
           returning 1
         )
         select count(*) as events from evented`,
        [now],
      );
      events += Number(res.rows[0].events);
      log(`  issues ${from}..${to} with ${res.rows[0].events} events in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }
    const t1 = Date.now();
    for (const index of secondary.rows) await client.query(index.indexdef);
    log(`  ${secondary.rows.length} secondary indexes rebuilt in ${((Date.now() - t1) / 1000).toFixed(1)} s`);
    await client.query(`reset session_replication_role`);
    const rollup = await client.query(`select 1 from pg_proc where proname = 'lastmeter_rebuild_issue_rollup'`);
    if (rollup.rowCount) await step('statistics roll-up rebuilt', `select lastmeter_rebuild_issue_rollup()`);
    await fillLedger(client, CPG, now, step);
    await step('vacuum analyze', `vacuum analyze`);
    return { databaseUrl, cityId: (await client.query(`select ${uid('city', '1')} as id`)).rows[0].id, issues: t.issues, events, seconds: (Date.now() - started) / 1000 };
  } finally {
    await client.end();
  }
}

/**
 * 考核 reads the assignment ledger the workflow keeps: every assigned issue's handings. One in twelve was first
 * given to another cadre of its grid, who returned it (退单) before dispatch handed it to its present assignee.
 * Filled with triggers off, in the order of the handings, and its roll-ups rebuilt once, like the issues.
 */
export async function fillLedger(client: Client, cadresPerGrid: number, now: Date, step: (label: string, sql: string, params?: unknown[]) => Promise<void>): Promise<void> {
  const CPG = cadresPerGrid;
  const ledger = await client.query(`select 1 from pg_class where relname = 'issue_assignment'`);
  if (ledger.rowCount) {
    await client.query(`set session_replication_role = replica`);
    await step(
      'assignment ledger filled',
      `with a as (
         select i.*, i.idempotency_key::int as n, substr(g.code, 4)::int as gn, coalesce(i.accepted_at, i.created_at) as first_at,
                i.response_due_at - i.created_at as response_window
         from issue i join grid g on g.id = i.grid_id
         where i.assignee_id is not null and not exists (select 1 from issue_assignment x where x.issue_id = i.id)
       ), b as (
         select a.*, n % 12 = 5 as returned_once,
                case when n % 12 = 5 then date_trunc('milliseconds', first_at + (coalesce(resolved_at, $1::timestamptz) - first_at) * 0.3) else first_at end as present_at
         from a
       )
       insert into issue_assignment (id, issue_id, cadre_id, region_path, assigned_at, response_due_at, responded_at, returns, held,
                                     resolved_at, resolved_on_time, followed_up, satisfied)
       select * from (
       select gen_random_uuid(), id, ${uid('cadre', `(gn - 1) * ${CPG} + 1 + (n + 1) % ${CPG}`)}, region_path, first_at, first_at + response_window,
              date_trunc('milliseconds', first_at + (present_at - first_at) * 0.5), 1, false, null, null, 0, 0
       from b where returned_once
       union all
       select gen_random_uuid(), id, assignee_id, region_path, present_at, present_at + response_window,
              case when status <> 'ASSIGNED' then greatest(present_at, coalesce(resolved_at, updated_at)) end, 0, true,
              resolved_at, case when resolved_at is not null then resolved_at <= resolve_due_at end,
              (follow_up_satisfaction is not null)::int, coalesce(follow_up_satisfaction in ('SATISFIED', 'BASICALLY_SATISFIED'), false)::int
       from b
       ) handing (id, issue_id, cadre_id, region_path, assigned_at, response_due_at, responded_at, returns, held, resolved_at, resolved_on_time, followed_up, satisfied)
       -- In the order handings happen, as the workflow appends them: a day's handings lie together on disk.
       order by assigned_at`,
      [now],
    );
    await client.query(`reset session_replication_role`);
    const rollup = await client.query(`select 1 from pg_proc where proname = 'lastmeter_rebuild_performance_rollup'`);
    if (rollup.rowCount) await step('performance roll-up rebuilt', `select lastmeter_rebuild_performance_rollup()`);
  }
}

/** A database generated earlier (kept with --keep). */
export async function existing(adminUrl: string, name: string): Promise<GeneratedCity> {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const { rows: [r] } = await client.query(
      `select ${uid('city', '1')} as id, (select count(*) from issue) as issues, (select count(*) from issue_event) as events`,
    );
    return { databaseUrl: url.toString(), cityId: r.id, issues: Number(r.issues), events: Number(r.events), seconds: 0 };
  } finally {
    await client.end();
  }
}
