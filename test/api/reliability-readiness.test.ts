/**
 * /readyz counts migrations: a database that lacks one this build knows (here:
 * its record removed under the running API, as after restoring an older backup)
 * is not ready, 503 with `migrations: "pending"`, until the migration is there.
 * (503 during shutdown: reliability-shutdown.test.ts; with the database away:
 * reliability-database-outage.test.ts.)
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { startTestServer, type TestServer } from '../support/harness';

describe('readiness and migrations', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ seedDemo: false });
  });
  afterAll(() => t?.close());

  it('answers /readyz 503 while a migration of this build is not applied, and 200 once it is', async () => {
    const sql = (query: string, params: unknown[] = []) => t.server.services.db.orm.em.getConnection().execute(query, params);
    const [newest] = (await sql('select id, name, executed_at from mikro_orm_migrations order by id desc limit 1')) as { id: number; name: string; executed_at: Date }[];
    await sql('delete from mikro_orm_migrations where id = ?', [newest.id]);

    const pending = await fetch(`${t.url}/readyz`);
    assert.equal(pending.status, 503);
    assert.deepEqual(await pending.json(), { status: 'unavailable', kind: t.server.services.db.kind, ready: false, database: 'reachable', migrations: 'pending' });

    await sql('insert into mikro_orm_migrations (id, name, executed_at) values (?, ?, ?)', [newest.id, newest.name, newest.executed_at]);
    const ready = await fetch(`${t.url}/readyz`);
    assert.equal(ready.status, 200);
    assert.equal(((await ready.json()) as { migrations: string }).migrations, 'applied');
  });
});
