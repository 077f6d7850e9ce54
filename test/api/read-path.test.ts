import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { encodeEventCursor } from '../../api/src/modules/issues/event-cursor';
import { dataOf, ranOnATimer, startTestServer, type TestServer } from '../support/harness';

/**
 * The planned read path (api/src/modules/issues/issue.query.ts, issue-sql.ts):
 * the selection decides the SQL, and what PostgreSQL builds is the answer.
 */
describe('read path: one planned statement per root field', () => {
  let t: TestServer;
  let admin: string;
  let statements: string[] = [];
  let counting = false;
  beforeAll(async () => {
    t = await startTestServer({
      onQuery: (sql) => {
        // The realtime tail's own poll runs on a timer, not for the request.
        if (counting && !ranOnATimer(sql)) statements.push(sql);
      },
    });
    admin = await t.login('admin');
  });
  afterAll(() => t?.close());

  async function counted<T>(run: () => Promise<T>): Promise<{ result: T; sql: string[] }> {
    statements = [];
    counting = true;
    try {
      return { result: await run(), sql: statements };
    } finally {
      counting = false;
    }
  }

  it('selects only what the query asks for: a few fields read no related table', async () => {
    const { result, sql } = await counted(() => t.gql('{ issues(first: 5) { edges { node { id trackingCode status } } } }', {}, { token: admin }));
    const data = dataOf(result);
    assert.equal(data.issues.edges.length, 5);
    const page = sql.filter((s) => /from\s+issue\b/i.test(s));
    assert.equal(page.length, 1, `one statement reads issues: ${page.join('\n---\n')}`);
    assert.doesNotMatch(page[0], /issue_event|category|cadre|region/i);
    assert.doesNotMatch(page[0], /count\(\*\)/i, 'totalCount is not counted when not asked for');
  });

  it('honours aliases, fragments and @include/@skip, one plan per directive shape', async () => {
    const query = `query($withGrid: Boolean!, $noCode: Boolean!) {
      issues(first: 3) { edges { node {
        code: trackingCode
        ...Facts
        grid @include(if: $withGrid) { code }
        place: grid @include(if: $withGrid) { name region { name } }
        again: trackingCode @skip(if: $noCode)
      } } }
    }
    fragment Facts on Issue { status category { code } }`;
    for (const round of [1, 2]) {
      const withGrid = dataOf(await t.gql(query, { withGrid: true, noCode: false }, { token: admin }));
      const without = dataOf(await t.gql(query, { withGrid: false, noCode: true }, { token: admin }));
      for (const edge of withGrid.issues.edges) {
        assert.equal(typeof edge.node.code, 'string', `round ${round}`);
        assert.equal(edge.node.again, edge.node.code);
        assert.ok(edge.node.status && edge.node.category.code);
        assert.ok(edge.node.grid.code && edge.node.place.name && edge.node.place.region.name);
      }
      for (const edge of without.issues.edges) {
        assert.deepEqual(Object.keys(edge.node).sort(), ['category', 'code', 'status'], `round ${round}`);
      }
    }
  });

  it('plans each place of a field by all the nodes it merges: a shared fragment with different siblings', async () => {
    // Both grids' \`issues\` merge the fragment's node with a sibling of their own: the same first node, as many
    // nodes, different selections — each must get its own.
    const grids = dataOf(await t.gql<any>('{ regions { grids { id } children { grids { id } children { grids { id } children { grids { id } } } } } }', {}, { token: admin }));
    const ids = JSON.stringify(grids).match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g)!.slice(0, 2);
    assert.equal(ids.length, 2);
    const query = `query($a: ID!, $b: ID!) {
      a: grid(id: $a) { ...G issues(first: 3) { edges { node { trackingCode } } } }
      b: grid(id: $b) { ...G issues(first: 3) { edges { node { status } } } }
    }
    fragment G on Grid { issues(first: 3) { edges { node { id } } } }`;
    for (const round of [1, 2]) {
      const data = dataOf(await t.gql<any>(query, { a: ids[0], b: ids[1] }, { token: admin }));
      for (const edge of data.a.issues.edges) assert.deepEqual(Object.keys(edge.node).sort(), ['id', 'trackingCode'], `round ${round}`);
      for (const edge of data.b.issues.edges) assert.deepEqual(Object.keys(edge.node).sort(), ['id', 'status'], `round ${round}`);
      assert.ok(data.a.issues.edges.length + data.b.issues.edges.length > 0, 'the demo grids have issues');
    }
  });

  it('answers timestamps in the contract format and event cursors identical to encodeEventCursor', async () => {
    const data = dataOf(
      await t.gql('{ issues(first: 5) { edges { node { createdAt updatedAt resolveDueAt timeline { id cursor at } } } } }', {}, { token: admin }),
    );
    const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
    let events = 0;
    for (const { node } of data.issues.edges) {
      for (const value of [node.createdAt, node.updatedAt, node.resolveDueAt]) {
        assert.match(value, iso);
        assert.equal(new Date(value).toISOString(), value);
      }
      for (const event of node.timeline) {
        assert.match(event.at, iso);
        assert.equal(event.cursor, encodeEventCursor(Number(event.id)));
        events++;
      }
    }
    assert.ok(events > 0, 'the demo issues have timelines');
  });

  it('plans an issue and everything below it in one statement: timeline events with their issue, grid → region → parent', async () => {
    const list = dataOf(await t.gql('{ issues(first: 1) { edges { node { id } } } }', {}, { token: admin }));
    const id = list.issues.edges[0].node.id;
    const { result, sql } = await counted(() =>
      t.gql(
        `query($id: ID!) { issue(id: $id) { id grid { code region { name parent { name } } } assignee { name }
          timeline { type issue { id trackingCode } } reporter { anonymous } location { address } followUp { method } } }`,
        { id },
        { token: admin },
      ),
    );
    const issue = dataOf(result).issue;
    assert.equal(issue.id, id);
    assert.ok(issue.grid.region.name && 'parent' in issue.grid.region);
    assert.ok(issue.timeline.length > 0);
    for (const event of issue.timeline) assert.equal(event.issue.id, id);
    assert.equal(sql.filter((s) => /from\s+issue\b/i.test(s)).length, 1, sql.join('\n---\n'));
  });

  it('a tracker answer is one statement', async () => {
    const list = dataOf(await t.gql('{ issues(first: 1) { edges { node { trackingCode createdAt } } } }', {}, { token: admin }));
    const { trackingCode, createdAt } = list.issues.edges[0].node;
    const { result, sql } = await counted(() =>
      t.gql('query($c: String!) { trackIssue(trackingCode: $c) { trackingCode submittedAt timeline { type at } } }', { c: trackingCode }),
    );
    const tracked = dataOf(result).trackIssue;
    assert.equal(tracked.trackingCode, trackingCode);
    assert.equal(tracked.submittedAt, createdAt);
    assert.ok(tracked.timeline.length > 0);
    assert.equal(sql.length, 1, sql.join('\n---\n'));
  });
});
