/**
 * Text with `;` in it (and quotes, backslashes) goes everywhere text goes:
 * reports, notes, public notes, searches — on both databases. The embedded
 * driver once took any statement whose values held a `;` for a script of
 * several and answered in another shape.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { dataOf, startTestServer, type TestServer } from '../support/harness';
import { demoIds, reportInput } from '../support/issues';

const TRICKY = `已受理; 下午处理 -- 'quoted' "double" \\ back; end`;

describe('text with semicolons', () => {
  let t: TestServer;
  let admin: string;
  beforeAll(async () => {
    t = await startTestServer();
    admin = await t.login('admin');
  });
  afterAll(() => t?.close());

  it('is stored and shown unchanged through report, transitions, comments and search', async () => {
    const ids = await demoIds(t);
    const reported = dataOf(
      await t.gql<any>('mutation($input: ReportIssueInput!) { reportIssue(input: $input) { trackingCode } }', {
        input: reportInput(ids.grids['JC-DH-GH-07'].id, { description: `垃圾; 没人清 ${TRICKY}` }),
      }, { token: admin }),
    ).reportIssue;
    const found = dataOf(
      await t.gql<any>('query($s: String) { issues(filter: { search: $s }) { edges { node { id version description } } } }', { s: '垃圾; 没人清' }, { token: admin }),
    ).issues.edges.map((e: any) => e.node);
    assert.equal(found.length, 1);
    assert.equal(found[0].description, `垃圾; 没人清 ${TRICKY}`);
    const id = found[0].id;

    const step = async (mutation: string) =>
      dataOf(await t.gql<any>(`mutation($id: ID!, $text: String!) { r: ${mutation} { status version } }`, { id, text: TRICKY }, { token: admin })).r;
    assert.equal((await step('acceptIssue(id: $id, note: $text, expectedVersion: 1)')).status, 'ACCEPTED');
    assert.equal((await step('commentIssue(id: $id, note: $text, publicNote: $text)')).status, 'ACCEPTED');

    const issue = dataOf(
      await t.gql<any>('query($id: ID!) { issue(id: $id) { timeline { type note publicNote } } }', { id }, { token: admin }),
    ).issue;
    assert.deepEqual(
      issue.timeline.map((e: any) => [e.type, e.note]),
      [['SUBMITTED', null], ['ACCEPTED', TRICKY], ['COMMENTED', TRICKY]],
    );
    const tracked = dataOf(
      await t.gql<any>('query($c: String!) { trackIssue(trackingCode: $c) { status timeline { publicNote } } }', { c: reported.trackingCode }),
    ).trackIssue;
    assert.equal(tracked.status, 'ACCEPTED');
    assert.equal(tracked.timeline.at(-1).publicNote, TRICKY);
  });
});
