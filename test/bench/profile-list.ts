/**
 * A CPU profile of Lastmeter under the bench's list-page load:
 *   npm run bench -- --scale small --keep        (once, to keep the database)
 *   node api/scripts/run-ts.js test/bench/profile-list.ts [seconds] [out-dir] [list|few|typename|typename-token|performance|track]
 * starts the server with `node --cpu-prof`, sends the list page (or the few-fields page, or `{ __typename }`
 * without a token: the fixed cost of a request; typename-token: with the admin's token, adding the token's user) from 32 clients
 * (performance: 考核 by cadre over the last month, from one client, as the bench asks it), stops it, and prints where the server's CPU
 * went: per request, by package or source file, and the top functions by self time.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { startChild } from './children';
import { BENCH_ADMIN_PASSWORD, hotPathTrackingCode } from './datagen';
import { post, runLoad } from './http-load';
import { LASTMETER_FEW, LASTMETER_PAGE, LOGIN, PAGE_SIZE, PERFORMANCE, TRACK_ISSUE, TYPENAME } from './queries';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Where a frame's code lives: a package, one of our source files, Node itself, or the engine's own buckets. */
function placeOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) return 'node (internal)';
  const ours = /\/(api\/src\/.+)$/.exec(url);
  return ours ? ours[1] : url;
}

/** Self time per node over the samples taken in [from, to] (µs on the profile's clock). */
function summarise(profile: Profile, cpuPerRequest: number, from: number, to: number) {
  const selfUs = new Map<number, number>();
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i] ?? 0;
    if (at < from || at > to) continue;
    selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const byPlace = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let busy = 0;
  for (const node of profile.nodes) {
    const us = selfUs.get(node.id) ?? 0;
    if (node.callFrame.functionName === '(idle)') continue;
    busy += us;
    const place = placeOf(node.callFrame.url, node.callFrame.functionName);
    byPlace.set(place, (byPlace.get(place) ?? 0) + us);
    const fn = `${node.callFrame.functionName || '(anonymous)'} ${place}:${node.callFrame.lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
  }
  const top = (map: Map<string, number>, n: number) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, us]) => `  ${((us / busy) * 100).toFixed(1).padStart(5)} %  ${((us / busy) * cpuPerRequest).toFixed(3)} ms/req  ${name}`);
  // Samples are wall-clock intervals: on a busy machine a preempted thread's waits count too. Shares are what the
  // profile tells; ms per request is each share of the CPU time the process really used (process.cpuUsage).
  console.log(`samples in the load's window: ${(busy / 1000).toFixed(0)} ms; shares below scaled to ${cpuPerRequest.toFixed(2)} ms of CPU per request`);
  console.log('by package / source file:');
  console.log(top(byPlace, 15).join('\n'));
  console.log('top functions by self time:');
  console.log(top(byFunction, 20).join('\n'));
}

async function main() {
  const seconds = Number(process.argv[2] ?? 10);
  const dir = path.resolve(process.argv[3] ?? fs.mkdtempSync(path.join(os.tmpdir(), 'lm-profile-')));
  const load = process.argv[4] ?? 'list';
  if (!['list', 'few', 'typename', 'typename-token', 'performance', 'track'].includes(load)) {
    throw new Error(`the load is list, few, typename, typename-token, performance or track, not ${load}`);
  }
  fs.mkdirSync(dir, { recursive: true });
  const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/lm_bench_small';
  const env = {
    DATABASE_URL: databaseUrl,
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
    ADMIN_PASSWORD: BENCH_ADMIN_PASSWORD,
    OVERDUE_SWEEP_SECONDS: '0',
    NODE_ENV: 'production',
  };
  const server = await startChild('Lastmeter (profiled)', 'lastmeter-server.ts', env, { execArgv: ['--cpu-prof', `--cpu-prof-dir=${dir}`] });
  let requests = 0;
  let cpuMs = 0;
  let loadStarted = 0;
  let loadEnded = 0;
  try {
    const login = JSON.parse(
      (await post(new http.Agent(), new URL(server.url), JSON.stringify({ query: LOGIN, variables: { username: 'admin', password: BENCH_ADMIN_PASSWORD } }), {})).text,
    );
    const headers: Record<string, string> = load === 'typename' || load === 'track' ? {} : { authorization: `Bearer ${login.data.login.token}` };
    const to = new Date();
    const month = { groupBy: 'CADRE', from: new Date(to.getTime() - 30 * 86_400_000).toISOString(), to: to.toISOString() };
    const body = JSON.stringify(
      load.startsWith('typename')
        ? { query: TYPENAME }
        : load === 'track'
          ? { query: TRACK_ISSUE, variables: { code: await hotPathTrackingCode(databaseUrl) } }
        : load === 'performance'
          ? { query: PERFORMANCE, variables: month }
          : { query: load === 'few' ? LASTMETER_FEW : LASTMETER_PAGE, variables: { first: PAGE_SIZE } },
    );
    const concurrency = load === 'performance' ? 1 : 32;
    await runLoad({ url: server.url, body, headers, concurrency, durationMs: 2000 });
    const cpuBefore = (await server.stats()).cpuMs;
    loadStarted = performance.now();
    const measured = await runLoad({ url: server.url, body, headers, concurrency, durationMs: seconds * 1000 });
    loadEnded = performance.now();
    cpuMs = (await server.stats()).cpuMs - cpuBefore;
    console.log(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    console.log(`${load} under the profiler: ${measured.rps.toFixed(0)} req/s, p50 ${measured.p50.toFixed(0)} ms (${measured.errors} errors); server CPU ${(cpuMs / measured.requests).toFixed(2)} ms per request (process.cpuUsage)`);
    requests = measured.requests;
  } finally {
    await server.stop();
  }
  const stopped = performance.now();
  const file = fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).map((f) => path.join(dir, f)).sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
  if (!file) throw new Error(`no .cpuprofile in ${dir}`);
  console.log(`profile: ${file}`);
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
  // The profile ends when the server exits, just after `stopped`: the load's window is counted back from there.
  const to = profile.endTime - (stopped - loadEnded) * 1000;
  summarise(profile, cpuMs / requests, to - (loadEnded - loadStarted) * 1000, to);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

