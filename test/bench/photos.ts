/**
 * Evidence photos under load, against one Lastmeter replica (a child process):
 *  - upload + re-encode of a 4000×3000 JPEG: p50 / p99 one at a time, and photos per second with 4 in flight;
 *  - report intake with one photo per report (upload, then reportIssue) beside intake without;
 *  - a burst of 50 parallel ~10 MB uploads: the replica's peak RSS (Linux VmHWM) stays under 1 GB.
 * Part of `npm run bench` (section `photos`); `npm run bench:photos` runs it alone on a scratch
 * PostgreSQL database with one grid (no city is generated).
 */
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { startChild, type Child } from './children';
import { createBenchDatabase, dropBenchDatabase } from './datagen';
import { median, percentile } from './http-load';

export interface PhotoRow {
  measure: string;
  figure: string;
  target: string;
  met: boolean | null;
}

const REPORT = 'mutation R($input: ReportIssueInput!) { reportIssue(input: $input) { trackingCode } }';
const ONE_GB = 1024 ** 3;

/** A photo-like 4000×3000 JPEG (noise compresses like a busy street scene). */
function bigJpeg(quality: number): Promise<Buffer> {
  return sharp({ create: { width: 4000, height: 3000, channels: 3, background: { r: 0, g: 0, b: 0 }, noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
    .jpeg({ quality })
    .toBuffer();
}

/** Distinct bytes, same picture: a unique tail after the JPEG's end marker (decoders ignore it). */
const variant = (jpeg: Buffer, n: number) => Buffer.concat([jpeg, Buffer.from(`lm-bench-${n}-${randomUUID()}`)]);

async function uploadOnce(url: string, body: Buffer, auth: Record<string, string>): Promise<{ ms: number; id: string }> {
  const started = performance.now();
  const res = await fetch(`${url}/uploads`, { method: 'POST', headers: { ...auth, 'content-type': 'image/jpeg' }, body: new Uint8Array(body) });
  const answer = (await res.json()) as { id?: string; errors?: { message: string }[] };
  if (res.status !== 201 || !answer.id) throw new Error(`upload refused: ${res.status} ${JSON.stringify(answer).slice(0, 200)}`);
  return { ms: performance.now() - started, id: answer.id };
}

async function report(graphqlUrl: string, gridId: string, auth: Record<string, string>, photoIds?: string[]): Promise<void> {
  const input = { categoryCode: 'GARBAGE', gridId, description: '楼下垃圾桶已经满了两天，气味很大。', idempotencyKey: randomUUID(), ...(photoIds ? { photoIds } : {}) };
  const res = await fetch(graphqlUrl, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ query: REPORT, variables: { input } }) });
  const body = (await res.json()) as { errors?: { message: string }[] };
  if (body.errors) throw new Error(`report refused: ${body.errors[0]!.message}`);
}

/** Runs `task` with `concurrency` in flight for `durationMs`; returns completions per second. */
async function rate(concurrency: number, durationMs: number, task: (n: number) => Promise<void>): Promise<number> {
  const end = Date.now() + durationMs;
  let done = 0;
  let n = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < end) {
        await task(n++);
        done++;
      }
    }),
  );
  return done / ((performance.now() - started) / 1000);
}

function peakRss(child: Child): number {
  const status = fs.readFileSync(`/proc/${child.process.pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) * 1024;
}

export async function photoBench(
  rows: PhotoRow[],
  { lastmeter, auth, gridId, log }: { lastmeter: Child; auth: Record<string, string>; gridId: string; log: (line: string) => void },
): Promise<void> {
  log('\n## evidence photos');
  const base = lastmeter.url.replace(/\/graphql$/, '');
  const jpeg = await bigJpeg(85);
  log(`  test picture: 4000×3000 JPEG, ${(jpeg.length / 1e6).toFixed(1)} MB`);
  for (let i = 0; i < 3; i++) await uploadOnce(base, variant(jpeg, -1 - i), auth); // warm-up

  const latencies: number[] = [];
  for (let i = 0; i < 30; i++) latencies.push((await uploadOnce(base, variant(jpeg, i), auth)).ms);
  latencies.sort((a, b) => a - b);
  rows.push({ measure: 'upload + re-encode, 4000×3000 JPEG, one at a time — p50 / p99', figure: `${Math.round(percentile(latencies, 50))} ms / ${Math.round(percentile(latencies, 99))} ms`, target: '—', met: null });
  const perSecond = await rate(4, 15_000, async (n) => void (await uploadOnce(base, variant(jpeg, 1000 + n), auth)));
  rows.push({ measure: 'photos per second, 4000×3000 JPEG, 4 uploads in flight (one replica)', figure: perSecond.toFixed(1), target: '—', met: null });

  // What a resident sends: the report form shrinks pictures to 2048 px before upload.
  const phone = await sharp(jpeg).resize(2048, 2048, { fit: 'inside' }).jpeg({ quality: 85 }).toBuffer();
  const without = await rate(8, 10_000, () => report(lastmeter.url, gridId, auth));
  const withPhoto = await rate(8, 10_000, async (n) => report(lastmeter.url, gridId, auth, [(await uploadOnce(base, variant(phone, 5000 + n), auth)).id]));
  rows.push({ measure: 'report intake, 8 clients: without photo / with one 2048 px photo (upload + reportIssue)', figure: `${without.toFixed(0)} / ${withPhoto.toFixed(1)} reports/s`, target: '—', met: null });

  // The burst: 50 uploads of ~10 MB at once.
  let big = await bigJpeg(97);
  while (big.length > 10 * 1024 * 1024 - 100) big = await sharp(big).jpeg({ quality: 92 }).toBuffer();
  // Padded after the end marker to just under the 10 MB limit: bodies as large as the API takes.
  big = Buffer.concat([big, Buffer.alloc(10 * 1024 * 1024 - 200 - big.length)]);
  const started = performance.now();
  await Promise.all(Array.from({ length: 50 }, (_, i) => uploadOnce(base, variant(big, 9000 + i), auth)));
  const seconds = (performance.now() - started) / 1000;
  const peak = peakRss(lastmeter);
  rows.push({
    measure: `burst of 50 parallel uploads of ${(big.length / 1e6).toFixed(1)} MB (done in ${seconds.toFixed(1)} s): peak RSS of the replica`,
    figure: `${(peak / 2 ** 20).toFixed(0)} MB`,
    target: '< 1 GB',
    met: peak < ONE_GB,
  });
}

/** `npm run bench:photos`: the photo section alone, on a scratch database with one grid. */
async function main(): Promise<void> {
  const adminUrl = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `lm_bench_photos_${process.pid}`;
  const databaseUrl = await createBenchDatabase(adminUrl, name);
  const password = 'bench-photos-admin';
  const lastmeter = await startChild('Lastmeter', 'lastmeter-server.ts', {
    DATABASE_URL: databaseUrl,
    JWT_SECRET: 'bench-photos-secret-bench-photos-secret-0123',
    ADMIN_PASSWORD: password,
    REPORT_RATE_LIMIT: '1000000',
    OVERDUE_SWEEP_SECONDS: '0',
    DATA_DIR: fs.mkdtempSync('/tmp/lm-bench-photos-'),
  });
  const rows: PhotoRow[] = [];
  try {
    const gql = async (query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) => {
      const res = await fetch(lastmeter.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
      const body = (await res.json()) as { data?: any; errors?: { message: string }[] };
      if (body.errors) throw new Error(body.errors[0]!.message);
      return body.data;
    };
    const token = (await gql('mutation($p: String!) { login(username: "admin", password: $p) { token } }', { p: password })).login.token as string;
    const auth = { authorization: `Bearer ${token}` };
    let parent: string | null = null;
    for (const [name, level] of [['测试市', 'CITY'], ['测试区', 'COUNTY'], ['测试街道', 'TOWNSHIP'], ['测试社区', 'COMMUNITY']] as const) {
      const created: { createRegion: { id: string } } = await gql(
        'mutation($n: String!, $l: RegionLevel!, $p: ID) { createRegion(input: { name: $n, level: $l, parentId: $p }) { id } }',
        { n: name, l: level, p: parent },
        auth,
      );
      parent = created.createRegion.id;
    }
    const gridId = (await gql('mutation($r: ID!) { createGrid(input: { regionId: $r, code: "BENCH-01", name: "测试网格", kind: URBAN_COMMUNITY }) { id } }', { r: parent }, auth)).createGrid.id;
    await photoBench(rows, { lastmeter, auth, gridId, log: console.log });
  } finally {
    await lastmeter.stop();
    await dropBenchDatabase(adminUrl, name);
  }
  console.log(['', '| measure | figure | target | met |', '|---|---|---|---|', ...rows.map((r) => `| ${r.measure} | ${r.figure} | ${r.target} | ${r.met === null ? '—' : r.met ? 'yes' : '**no**'} |`)].join('\n'));
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
