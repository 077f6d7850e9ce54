import { after, it } from 'node:test';
import { dataOf, startTestServer } from '../../support/harness';
import { insertIssues } from '../../support/fixtures';
it('dbg', async () => {
  const t = await startTestServer();
  after(() => t.close());
  await insertIssues(t, { count: 10, gridCode: 'JC-DH-GH-07', assigneeName: '鄭大勇', eventsPerIssue: 3 });
  const token = await t.login('admin');
  const res = await t.gql(`{ issues(first: 5) { totalCount edges { node { id title timeline { type } assignee { name } grid { code region { name parent { name } } } category { code name } } } } }`, {}, { token });
  console.log(JSON.stringify(res, null, 1).slice(0, 3000));
});
