/**
 * `npm run bench:import [-- --scale small|city]`: the onboarding imports at the
 * issue's reference size. Generates the city's files (city: 1,500 communities
 * under 10 counties and 100 townships, 3,000 grids with 50-vertex boundaries,
 * 12,000 cadres each with an account), then, against a fresh PostgreSQL
 * database served by Lastmeter in a child process: a dry run of each file, the
 * import itself, and a second run (which must change nothing). Prints each
 * call's time, the server's peak RSS (VmHWM) beside the file sizes, and the
 * machine's load average (the machine may be shared).
 *
 * `--export N` then adds N issues to the imported city and streams
 * GET /exports/issues.csv and .xlsx of all of them (as the admin) from a fresh
 * server process, printing time, size and that process's peak RSS, with a
 * profile of its RSS, V8 heap and Buffers sampled every 250 ms. That server
 * runs api/dist as production does (`--export-server source`: the sources
 * through the TypeScript loader, ≈ 75 MB more).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { startChild, type Child } from './children';
import { BENCH_ADMIN_PASSWORD, createBenchDatabase, dropBenchDatabase } from './datagen';
import { SCALES, type ScaleName } from './scale';

const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = 'lastmeter_bench_import';
const VERTICES = 50;
/** Each grid is a 50-gon inside its own lattice cell: no two overlap (the overlap check still compares neighbours). */
const CELL = 0.01;

function parseExport(argv: string[]): number {
  const at = argv.indexOf('--export');
  if (at < 0) return 0;
  const n = Number(argv[at + 1]);
  if (!Number.isInteger(n) || n < 1) throw new Error('--export takes a number of issues, e.g. --export 1000000');
  return n;
}

function parseScale(argv: string[]): ScaleName {
  const at = argv.indexOf('--scale');
  const value = at >= 0 ? argv[at + 1] : (argv.find((a) => a.startsWith('--scale='))?.slice(8) ?? 'city');
  if (value !== 'small' && value !== 'city') throw new Error('--scale is small or city');
  return value;
}

function generateFiles(dir: string, scaleName: ScaleName) {
  const s = SCALES[scaleName];
  const features: unknown[] = [];
  const region = (code: string, name: string, level: string, parentCode?: string) =>
    features.push({ type: 'Feature', geometry: null, properties: { code, name, level, ...(parentCode ? { parentCode } : {}) } });
  const gridCodes: string[] = [];
  const perRow = Math.ceil(Math.sqrt(s.countiesPerCity * s.townshipsPerCounty * s.communitiesPerTownship * s.gridsPerCommunity));
  let cell = 0;
  region('B100000', '基准市', 'CITY');
  for (let c = 1; c <= s.countiesPerCity; c++) {
    const county = `B1${String(c).padStart(2, '0')}`;
    region(county, `基准第${c}区`, 'COUNTY', 'B100000');
    for (let t = 1; t <= s.townshipsPerCounty; t++) {
      const township = `${county}${String(t).padStart(3, '0')}`;
      region(township, `第${c}区第${t}街道`, 'TOWNSHIP', county);
      for (let m = 1; m <= s.communitiesPerTownship; m++) {
        const community = `${township}${String(m).padStart(3, '0')}`;
        region(community, `第${c}区第${t}街道第${m}社区`, 'COMMUNITY', township);
        for (let g = 1; g <= s.gridsPerCommunity; g++) {
          const code = `BG-${community}-${g}`;
          gridCodes.push(code);
          const west = 114 + (cell % perRow) * CELL;
          const south = 30 + Math.floor(cell / perRow) * CELL;
          cell++;
          const ring: [number, number][] = [];
          for (let v = 0; v < VERTICES; v++) {
            const angle = (2 * Math.PI * v) / VERTICES;
            ring.push([+(west + CELL / 2 + 0.45 * CELL * Math.cos(angle)).toFixed(7), +(south + CELL / 2 + 0.45 * CELL * Math.sin(angle)).toFixed(7)]);
          }
          ring.push(ring[0]);
          features.push({
            type: 'Feature',
            geometry: { type: 'Polygon', coordinates: [ring] },
            properties: { code, name: `${community}社区第${g}网格`, kind: g % 2 ? 'URBAN_COMMUNITY' : 'RURAL', regionCode: community },
          });
        }
      }
    }
  }
  const geoFile = path.join(dir, 'regions-grids.geojson');
  fs.writeFileSync(geoFile, JSON.stringify({ type: 'FeatureCollection', features }));
  const lines = ['姓名,类型,层级,单位,区划代码,网格编码,用户名,手机'];
  let n = 0;
  gridCodes.forEach((code, index) => {
    for (let k = 0; k < s.cadresPerGrid; k++) {
      n++;
      // Each cadre covers its grid and the next one: assignments overlap as in a real city.
      const grids = [code, gridCodes[(index + 1) % gridCodes.length]].join('；');
      lines.push(`干部${n},干部,村级,第${index}网格联系单位,,${grids},bench.cadre.${n},139${String(n).padStart(8, '0')}`);
    }
  });
  const peopleFile = path.join(dir, 'people.csv');
  fs.writeFileSync(peopleFile, lines.join('\n'));
  return { geoFile, peopleFile, grids: gridCodes.length, people: n, regions: features.length - gridCodes.length };
}

// The compiled API the export's server runs (rebuilt first when a source is newer).
const buildApi = require('../../api/scripts/build.js') as { build(): number; isStale(): boolean };

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;

function exportServer(argv: string[]): 'dist' | 'source' {
  const at = argv.indexOf('--export-server');
  const value = at >= 0 ? argv[at + 1] : 'dist';
  if (value !== 'dist' && value !== 'source') throw new Error('--export-server is dist (api/dist, as in production: the default) or source');
  return value;
}

interface Sample {
  bytes: number;
  /** VmRSS from /proc: read by the bench, so it does not wait for a busy server. */
  rss: number;
  heapUsed?: number;
  external?: number;
  arrayBuffers?: number;
}

function currentRss(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
}

/** Every 250 ms: the server's RSS, its V8 heap and what it holds outside it (Buffers), beside the bytes received so far. */
function sampleMemory(server: Child, received: () => number, samples: Sample[]) {
  let asking = false;
  const timer = setInterval(() => {
    const sample: Sample = { bytes: received(), rss: currentRss(server.process.pid!) };
    samples.push(sample);
    if (asking) return;
    asking = true;
    void server.stats().then((s) => {
      Object.assign(sample, { heapUsed: s.heapUsed, external: s.external, arrayBuffers: s.arrayBuffers });
      asking = false;
    });
  }, 250);
  return {
    async stop() {
      clearInterval(timer);
      while (asking) await new Promise((resolve) => setTimeout(resolve, 50));
    },
  };
}

/**
 * The memory at a few points of the download: before the first byte, and where
 * 100k, 500k and all rows had been received (rows estimated from the bytes:
 * every row is of the same size), and the highest sample.
 */
function printProfile(samples: Sample[], total: number, rows: number) {
  if (samples.length === 0) return;
  const at = (s: Sample) =>
    `RSS ${mb(s.rss)}, heap ${s.heapUsed === undefined ? '?' : mb(s.heapUsed)}, external ${s.external === undefined ? '?' : mb(s.external)} (arrayBuffers ${s.arrayBuffers === undefined ? '?' : mb(s.arrayBuffers)})`;
  const first = samples.filter((s) => s.bytes === 0).pop() ?? samples[0];
  console.log(`  before the first byte: ${at(first)}`);
  for (const mark of [100_000, 500_000, rows].filter((m, k, all) => m <= rows && all.indexOf(m) === k)) {
    const sample = samples.find((s) => s.bytes >= (total * mark) / rows) ?? samples[samples.length - 1];
    console.log(`  ≈ ${mark.toLocaleString('en')} rows: ${at(sample)}`);
  }
  const top = samples.reduce((a, b) => (b.rss > a.rss ? b : a));
  console.log(`  highest sample (≈ ${Math.round((rows * top.bytes) / total).toLocaleString('en')} rows): ${at(top)}`);
}

function peakRss(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb * 1024;
}

async function main() {
  const scale = parseScale(process.argv.slice(2));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lastmeter-import-bench-'));
  console.log(`## generating the ${scale} files`);
  const files = generateFiles(dir, scale);
  const geoBytes = fs.statSync(files.geoFile).size;
  const peopleBytes = fs.statSync(files.peopleFile).size;
  console.log(`${files.regions} regions and ${files.grids} grids (${VERTICES} vertices): ${mb(geoBytes)}; ${files.people} cadres: ${mb(peopleBytes)}`);

  const databaseUrl = await createBenchDatabase(ADMIN_URL, DB_NAME);
  const serverEnv = {
    DATABASE_URL: databaseUrl,
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
    ADMIN_PASSWORD: BENCH_ADMIN_PASSWORD,
    OVERDUE_SWEEP_SECONDS: '0',
    NODE_ENV: 'production',
  };
  let server = await startChild('Lastmeter', 'lastmeter-server.ts', serverEnv);
  let base = server.url.replace(/\/graphql$/, '');
  const rows: string[] = [];
  let failed = false;
  try {
    const login = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation($p: String!) { login(username: "admin", password: $p) { token } }', variables: { p: BENCH_ADMIN_PASSWORD } }),
    });
    const token = ((await login.json()) as { data: { login: { token: string } } }).data.login.token;
    const call = async (label: string, pathAndQuery: string, file: string, type: string, expect: (r: Report) => boolean) => {
      const started = performance.now();
      const res = await fetch(`${base}${pathAndQuery}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': type },
        body: new Uint8Array(fs.readFileSync(file)),
      });
      const report = (await res.json()) as Report;
      const seconds = (performance.now() - started) / 1000;
      const ok = res.status === 200 && report.problems?.length === 0 && expect(report);
      if (!ok) failed = true;
      rows.push(
        `| ${label} | ${seconds.toFixed(1)} s | ${report.created ?? '–'} / ${report.updated ?? '–'} / ${report.unchanged ?? '–'} | ${report.problems?.length ?? JSON.stringify(report).slice(0, 80)} | ${mb(peakRss(server.process.pid!))} | ${ok ? 'yes' : 'NO'} |`,
      );
      console.log(rows[rows.length - 1]);
      return seconds;
    };
    type Report = { created: number; updated: number; unchanged: number; problems: unknown[]; oneTimePasswords: unknown[] };
    console.log('\n| call | time | created / updated / unchanged | problems | server peak RSS so far | as expected |');
    console.log('|---|---|---|---|---|---|');
    const geoTotal = files.regions + files.grids;
    let total = 0;
    total += await call('regions + grids, dry run', '/imports/regions-grids?dryRun=1', files.geoFile, 'application/geo+json', (r) => r.created === geoTotal);
    total += await call('regions + grids', '/imports/regions-grids', files.geoFile, 'application/geo+json', (r) => r.created === geoTotal);
    total += await call('people, dry run', '/imports/people?dryRun=1', files.peopleFile, 'text/csv', (r) => r.created === files.people && r.oneTimePasswords.length === 0);
    total += await call('people', '/imports/people', files.peopleFile, 'text/csv', (r) => r.created === files.people && r.oneTimePasswords.length === files.people);
    await call('regions + grids, second run', '/imports/regions-grids', files.geoFile, 'application/geo+json', (r) => r.unchanged === geoTotal);
    await call('people, second run', '/imports/people', files.peopleFile, 'text/csv', (r) => r.unchanged === files.people && r.oneTimePasswords.length === 0);
    const peak = peakRss(server.process.pid!);
    console.log(`\nDry runs and imports of both files: ${total.toFixed(1)} s (target ≤ 60 s: ${total <= 60 ? 'met' : 'NOT met'}).`);
    console.log(`Server peak RSS ${mb(peak)} for ${mb(geoBytes + peopleBytes)} of files.`);
    const exportCount = parseExport(process.argv.slice(2));
    if (exportCount > 0) {
      console.log(`\n## export of ${exportCount.toLocaleString('en')} issues (a fresh server process)`);
      const pg = new Client({ connectionString: databaseUrl });
      await pg.connect();
      const started = performance.now();
      // As the main bench's datagen: triggers off while generating, the roll-ups rebuilt once afterwards.
      await pg.query('set session_replication_role = replica');
      await pg.query(
        `with g as (select array_agg(id order by code) as ids, array_agg(region_path order by code) as paths from grid),
              c as (select array_agg(code order by code) as codes from category)
         insert into issue (id, tracking_code, title, description, category_code, status, channel, grid_id, region_path, reporter_anonymous,
           reporter_name, reporter_phone, version, created_at, updated_at, response_due_at, resolve_due_at, idempotency_scope, idempotency_key)
         select gen_random_uuid(), 'B' || lpad(n::text, 9, '0'), '导出基准问题' || n, '描述' || n, c.codes[1 + n % array_length(c.codes, 1)], 'SUBMITTED',
           'WIDGET', g.ids[1 + n % array_length(g.ids, 1)], g.paths[1 + n % array_length(g.paths, 1)], false,
           '张三', '13900000000', 1, now() - (n || ' seconds')::interval, now(), now() + interval '1 day', now() + interval '7 days', 'bench-export', n::text
         from generate_series(1, $1::int) n, g, c`,
        [exportCount],
      );
      await pg.query('reset session_replication_role');
      const rollup = await pg.query(`select 1 from pg_proc where proname = 'lastmeter_rebuild_issue_rollup'`);
      if (rollup.rowCount) await pg.query('select lastmeter_rebuild_issue_rollup()');
      await pg.query('vacuum analyze issue');
      await pg.end();
      console.log(`generated in ${((performance.now() - started) / 1000).toFixed(0)} s`);
      await server.stop();
      const source = exportServer(process.argv.slice(2)) === 'source';
      if (!source && buildApi.isStale()) buildApi.build();
      server = await startChild('Lastmeter (export)', source ? 'lastmeter-server.ts' : 'lastmeter-dist-server.js', serverEnv);
      console.log(source ? 'server: the sources through the TypeScript loader (as in development)' : 'server: api/dist, as `npm start` runs it in production');
      base = server.url.replace(/\/graphql$/, '');
      const atStart = peakRss(server.process.pid!);
      for (const format of ['csv', 'xlsx']) {
        const t0 = performance.now();
        const samples: Sample[] = [];
        let bytes = 0;
        const sampler = sampleMemory(server, () => bytes, samples);
        const res = await fetch(`${base}/exports/issues.${format}`, { headers: { authorization: `Bearer ${token}` } });
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
        await sampler.stop();
        const ok = res.status === 200;
        if (!ok) failed = true;
        console.log(
          `${format}: HTTP ${res.status}, ${mb(bytes)} in ${((performance.now() - t0) / 1000).toFixed(1)} s; server peak RSS ${mb(peakRss(server.process.pid!))} (${mb(atStart)} after start; target < 300 MB)`,
        );
        printProfile(samples, bytes, exportCount);
      }
    }
    console.log(`Load average (1, 5, 15 min) at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(', ')} on ${os.cpus().length} cores.`);
  } finally {
    await server.stop();
    await dropBenchDatabase(ADMIN_URL, DB_NAME);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  if (failed) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
