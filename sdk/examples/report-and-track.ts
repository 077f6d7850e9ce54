/**
 * Reports an issue the way a portal does, then follows it live the way a
 * resident does, while demo staff work on it — until it is resolved.
 *
 *   npm start                                     # the API with the demo city
 *   npm run example -w @lastmeter/sdk             # this file
 *
 * Environment: LASTMETER_URL (default http://127.0.0.1:4000/graphql),
 * LASTMETER_PORTAL_KEY (default: the demo admin creates one).
 * In your own project import from '@lastmeter/sdk' (and on Node 20 `npm i ws`: the SDK loads it by itself).
 */
import { createClient, LastmeterError, type LastmeterClient } from '../src/index.ts';

const url = process.env.LASTMETER_URL ?? 'http://127.0.0.1:4000/graphql';
const DEMO_PASSWORD = process.env.LASTMETER_DEMO_PASSWORD ?? 'lastmeter-demo';

/** Demo staff doing their part: the grid worker accepts and assigns, the cadre starts and resolves. */
async function staffWork(trackingCode: string): Promise<void> {
  const worker = createClient({ url });
  await worker.login({ username: 'worker.lin', password: DEMO_PASSWORD });
  const cadre = createClient({ url });
  const { user } = await cadre.login({ username: 'cadre.zheng', password: DEMO_PASSWORD });
  const [found] = (await worker.issues({ filter: { search: trackingCode } })).edges;
  let issue = await worker.acceptIssue({ id: found.node.id, note: 'Accepted by the grid worker' });
  issue = await worker.assignIssue({ id: issue.id, cadreId: user.cadre!.id, expectedVersion: issue.version });
  issue = await cadre.startIssue({ id: issue.id, expectedVersion: issue.version });
  await cadre.resolveIssue({ id: issue.id, resolution: 'Bins emptied', publicNote: 'The bins have been emptied.', expectedVersion: issue.version });
}

async function portalKey(): Promise<string> {
  if (process.env.LASTMETER_PORTAL_KEY) return process.env.LASTMETER_PORTAL_KEY;
  const admin = createClient({ url });
  await admin.login({ username: 'admin', password: DEMO_PASSWORD });
  const created = await admin.createPortalKey({ name: 'SDK example', allowedOrigins: [] });
  return created.key!;
}

async function main(): Promise<void> {
  // A portal: reports with its key. The idempotency key is made for us and reused on retries.
  const portal: LastmeterClient = createClient({ url, portalKey: await portalKey() });
  const grid = await portal.gridAt({ latitude: 30.585, longitude: 114.305 });
  if (!grid) throw new Error('No grid at that point: is this the demo city?');
  const { trackingCode } = await portal.reportIssue({
    input: { categoryCode: 'GARBAGE', description: 'The bins at building 3 have not been emptied for three days.', gridId: grid.id, anonymous: true },
  });
  console.log(`reported in ${grid.name}: tracking code ${trackingCode}`);

  // A resident: follows the report live, with nothing but its tracking code.
  const resident = createClient({ url });
  let staff: Promise<unknown> | undefined;
  try {
    for await (const tracked of resident.issueTracked({ trackingCode })) {
      const note = tracked.timeline.at(-1)?.publicNote;
      console.log(`${tracked.updatedAt}  ${tracked.status}${note ? `  (${note})` : ''}`);
      // Once the first state has arrived, let the staff start (ending the feed if they fail).
      staff ??= staffWork(trackingCode).catch(async (error: unknown) => {
        await resident.dispose();
        return error;
      });
      if (tracked.status === 'RESOLVED') break;
    }
    const failure = await staff;
    if (failure) throw failure;
  } finally {
    await resident.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof LastmeterError ? `${error.code}: ${error.message}` : error);
  process.exit(1);
});
