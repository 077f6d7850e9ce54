/**
 * The backup commands as an operator types them (`npm run db:export -- <file>`,
 * `npm run db:import -- <file> [--force]`), beside a running API:
 * - embedded: import refuses while an API uses DATA_DIR and leaves it alone;
 *   `--force` moves the current database aside (`pgdata.before-import-<time>`);
 * - PostgreSQL: an export taken while reports are being written restores into
 *   an empty database, consistent (every issue with its first event, every
 *   roll-up row equal to the issues it counts).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from '@jest/globals';
import { Client } from 'pg';
import { createScratchDatabase, dataOf, itOn, startTestServer } from '../support/harness';
import { demoIds, REPORT, reportInput } from '../support/issues';
import { workspace } from '../support/workspace';

const ROOT = path.resolve(__dirname, '..', '..');

/** `npm run <script> -- <args>` with only the given settings: exit code and output. */
function npmRun(script: string, args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      'npm',
      ['run', '--silent', script, '--', ...args],
      { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env } },
      (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? -1) : 0, stdout, stderr }),
    );
  });
}

describe('the backup commands beside a running API', () => {
  const { dir: work, cleanups } = workspace('lm-backup-commands-');

  {
    const it = itOn('embedded', 'the DATA_DIR lock and pgdata belong to the embedded engine');
    it('db:import refuses while the API runs; with --force it moves the old database aside, not deleting it', async () => {
      const env = { DATA_DIR: path.join(work, 'data') };
      const pgdata = path.join(env.DATA_DIR, 'pgdata');
      const keptAside = () => fs.readdirSync(env.DATA_DIR).filter((name) => name.startsWith('pgdata.before-import-'));
      const portalKeys = async (t: Awaited<ReturnType<typeof startTestServer>>) =>
        ((await t.server.services.db.orm.em.getConnection().execute('select name from portal_key order by name')) as { name: string }[]).map((r) => r.name);
      const addPortalKey = async (t: Awaited<ReturnType<typeof startTestServer>>, name: string) =>
        dataOf(await t.gql('mutation($n: String!) { createPortalKey(name: $n, allowedOrigins: ["https://portal.example"]) { id } }', { n: name }, { token: await t.login('admin') }));

      let t = await startTestServer({ inMemory: false, seedDemo: false, env });
      cleanups.push(() => t.close()); // whichever server is the latest (closing twice is harmless)
      await addPortalKey(t, 'before the export');
      await t.close();
      const backup = path.join(work, 'lastmeter.tar.gz');
      const exported = await npmRun('db:export', [backup], env);
      assert.equal(exported.code, 0, exported.stderr);

      t = await startTestServer({ inMemory: false, seedDemo: false, env });
      await addPortalKey(t, 'after the export');
      const refused = await npmRun('db:import', [backup, '--force'], env);
      assert.equal(refused.code, 1, refused.stdout);
      assert.match(refused.stderr, new RegExp(`The API \\(process ${process.pid}\\) is using ${env.DATA_DIR}: stop it first`));
      assert.deepEqual(keptAside(), [], 'nothing moved');
      assert.deepEqual(await portalKeys(t), ['after the export', 'before the export'], 'the running API still has its database');
      await t.close();

      const imported = await npmRun('db:import', [backup, '--force'], env);
      assert.equal(imported.code, 0, imported.stderr);
      const [aside] = keptAside();
      assert.ok(aside, `the old database was moved aside: ${fs.readdirSync(env.DATA_DIR).join(', ')}`);
      assert.match(imported.stdout, new RegExp(`the previous database is in ${path.join(env.DATA_DIR, aside)}`));
      assert.ok(fs.existsSync(path.join(env.DATA_DIR, aside, 'PG_VERSION')), 'a whole cluster, not deleted');
      assert.ok(fs.existsSync(path.join(pgdata, 'PG_VERSION')));

      t = await startTestServer({ inMemory: false, seedDemo: false, env });
      assert.deepEqual(await portalKeys(t), ['before the export'], 'the backup is what serves now');
    });
  }

  {
    const it = itOn('postgres', 'pg_dump and pg_restore against DATABASE_URL');
    it('db:export while the API writes yields a consistent dump that db:import restores into an empty database', async () => {
      const t = await startTestServer({ env: { REPORT_RATE_LIMIT: '1000000' } });
      cleanups.push(() => t.close());
      const token = await t.login('admin');
      const { grids } = await demoIds(t);
      const gridId = grids['JC-DH-GH-07'].id;
      const report = async () => dataOf(await t.gql<any>(REPORT, { input: reportInput(gridId) }, { token })).reportIssue.trackingCode as string;

      // Reports keep arriving for as long as the export runs.
      let exporting = true;
      const filed: string[] = [];
      const writer = (async () => {
        while (exporting) filed.push(await report());
      })();
      while (filed.length < 3) await new Promise((resolve) => setTimeout(resolve, 20));
      const acknowledgedBefore = [...filed];
      const backup = path.join(work, 'lastmeter.dump');
      const exported = await npmRun('db:export', [backup], { DATABASE_URL: t.databaseUrl!, DATA_DIR: path.join(work, 'pg-data') });
      exporting = false;
      await writer;
      assert.equal(exported.code, 0, exported.stderr);
      assert.ok(filed.length > acknowledgedBefore.length, 'reports were written during the export');

      const target = await createScratchDatabase();
      cleanups.push(() => target.drop());
      const imported = await npmRun('db:import', [backup], { DATABASE_URL: target.url, DATA_DIR: path.join(work, 'pg-data') });
      assert.equal(imported.code, 0, imported.stderr);

      const client = new Client({ connectionString: target.url });
      await client.connect();
      cleanups.push(() => client.end());
      const value = async (sql: string) => Number((await client.query<{ n: string }>(sql)).rows[0].n);
      const codes = new Set((await client.query<{ tracking_code: string }>('select tracking_code from issue')).rows.map((r) => r.tracking_code));
      for (const code of acknowledgedBefore) assert.ok(codes.has(code), `${code}, acknowledged before the export began, is in it`);
      assert.equal(await value(`select count(*) as n from issue i where not exists (select 1 from issue_event e where e.issue_id = i.id and e.type = 'SUBMITTED')`), 0, 'every issue has its first event');
      assert.equal(
        await value(`select count(*) as n from issue_stats_rollup r
          where r.issues <> (select count(*) from issue i where i.region_path like r.region_path || '%' and i.category_code = r.category_code and i.status = r.status)`),
        0,
        'the statistics roll-up agrees with the issues',
      );
    });
  }
});
