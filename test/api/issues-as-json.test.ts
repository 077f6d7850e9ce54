/**
 * `issues` answered as JSON text PostgreSQL writes in the response's own shape (issue-json.ts): byte for byte
 * what GraphQL's resolvers and JSON.stringify write for the same selection, with aliases, fragments,
 * directives, `__typename` everywhere, awkward text and every page position; anything it cannot write goes to
 * the resolvers.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { ranOnATimer, startTestServer, type TestServer } from '../support/harness';
import { insertIssues } from '../support/fixtures';
import { dbOf } from '../support/issues';

/** Every plain part of an issue, some of it twice over (aliases, a fragment, a skipped field). */
const RICH = `
  fragment Place on Grid { __typename id code name description kind region { __typename id name level code parent { id name } } }
  query Page($first: Int, $after: String, $yes: Boolean!, $filter: IssueFilter) {
    list: issues(first: $first, after: $after, filter: $filter) {
      __typename
      total: totalCount
      pageInfo { endCursor __typename hasNextPage }
      edges {
        __typename cursor
        node {
          __typename id code: trackingCode title description status channel version createdAt updatedAt responseDueAt resolveDueAt
          resolution supervised urgeCount returnReason overdue
          location { __typename latitude longitude address }
          followUp { method satisfaction comment by at }
          category { __typename code name nameEn group responseHours resolveHours requiresAfterPhoto
            responseLimit { amount unit __typename } resolveLimit { unit } }
          grid { ...Place }
          assignee { __typename id name level unit }
          skipped: title @skip(if: $yes)
          included: status @include(if: $yes)
          timeline { __typename id cursor type fromStatus toStatus note publicNote actorName at }
        }
      }
    }
  }`;

/** The same query with a second root field: GraphQL's resolvers answer it (json-answers.ts takes one root field only). */
const THROUGH_RESOLVERS = RICH.replace('list: issues(', '__typename list: issues(');

const AWKWARD = 'quote " backslash \\ slash / newline \n tab \t bell \u0007 unit \u001f del \u007f 中文 emoji 😀 line sep \u2028 </script>';

describe('issues as JSON text written by PostgreSQL', () => {
  let t: TestServer;
  let admin: string;
  let statements: string[] = [];

  beforeAll(async () => {
    // One instant for the whole file: `overdue` must not flip between the two answers compared (demo issues fall due).
    const instant = new Date();
    t = await startTestServer({
      clock: { now: () => instant },
      onQuery: (sql) => {
        if (!ranOnATimer(sql)) statements.push(sql);
      },
    });
    admin = await t.login('admin');
    // Newest of all, so the first page is these: awkward text, a location, a follow-up, a numeric resolution.
    const ids = await insertIssues(t, { count: 7, gridCode: 'JC-DH-GH-07', assigneeName: '郑大勇', eventsPerIssue: 2, start: new Date(Date.now() + 60_000) });
    const em = dbOf(t);
    await em.getConnection().execute(
      `update issue set title = ?, description = ?, latitude = 39.90423, longitude = 116.4074, address = ?, resolution = ? where id = ?`,
      [AWKWARD, `${AWKWARD}\r\n第二行`, '北京市 "东城区"', '已处理\\完毕', ids[6]],
    );
    await em.getConnection().execute(
      `update issue set follow_up_method = 'VISIT', follow_up_satisfaction = 'SATISFIED', follow_up_comment = ?, follow_up_at = now(), follow_up_by = null, supervised = true, urge_count = 2 where id = ?`,
      [AWKWARD, ids[5]],
    );
    await em.getConnection().execute(`update issue_event set note = ?, public_note = ? where issue_id = ?`, [AWKWARD, '公开说明 "引号"', ids[6]]);
  });
  afterAll(() => t?.close());

  const post = async (query: string, variables: Record<string, unknown>, token: string | null = admin) => {
    statements = [];
    const res = await fetch(t.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, body: await res.text(), statements: [...statements] };
  };
  const writtenAsJson = (statements: string[]) => statements.some((s) => /::text as connection\b/.test(s));

  /** Both ways: the JSON text's response is byte for byte the resolvers' `list`, as JSON.stringify writes it. */
  const bothWays = async (variables: Record<string, unknown>) => {
    const json = await post(RICH, variables);
    const resolved = await post(THROUGH_RESOLVERS, variables);
    assert.ok(writtenAsJson(json.statements), `answered from JSON text, not: ${json.body.slice(0, 300)}`);
    assert.ok(!writtenAsJson(resolved.statements), 'answered by the resolvers');
    const list = JSON.parse(resolved.body).data.list;
    assert.equal(json.body, `{"data":{"list":${JSON.stringify(list)}}}\n`);
    return list;
  };

  it('writes the first page, the next, and an empty one exactly as the resolvers do', async () => {
    const first = await bothWays({ first: 4, yes: true });
    assert.equal(first.edges.length, 4);
    assert.equal(first.pageInfo.hasNextPage, true);
    assert.equal(first.edges[0].node.title, AWKWARD);
    assert.ok(first.edges.some((e: any) => e.node.followUp?.method === 'VISIT'));
    assert.equal(first.edges[0].node.timeline.length, 2);
    assert.ok(first.edges[0].node.grid.region.parent.name.length > 0);
    assert.equal(first.edges[0].node.skipped, undefined);

    const second = await bothWays({ first: 4, after: first.pageInfo.endCursor, yes: false });
    assert.notEqual(second.edges[0].node.id, first.edges[3].node.id);
    assert.equal(second.edges[0].node.included, undefined);

    const empty = await bothWays({ first: 3, yes: true, filter: { search: 'no issue has this text 1f9c2' } });
    assert.deepEqual(empty.edges, []);
    assert.deepEqual(empty.pageInfo, { endCursor: null, __typename: 'PageInfo', hasNextPage: false });
    assert.equal(empty.total, 0);

    // A page exactly as long as what is left: no next page, the last edge's cursor.
    const all = await bothWays({ first: 100, yes: true });
    const rest = await bothWays({ first: all.total - 2, after: all.edges[1].cursor, yes: true });
    assert.equal(rest.pageInfo.hasNextPage, false);
    assert.equal(rest.pageInfo.endCursor, all.edges.at(-1).cursor);
  });

  it('leaves to the resolvers a selection it cannot write (reporter, actions, photos, an event’s issue, a boundary)', async () => {
    for (const field of ['reporter { name }', 'availableActions', 'photos { id }', 'timeline { issue { id } }', 'grid { boundary { latitude } }', 'extension { id }']) {
      const { body, statements: seen } = await post(`{ issues(first: 2) { edges { node { id ${field} } } } }`, {});
      assert.ok(!writtenAsJson(seen), field);
      assert.equal(JSON.parse(body).data.issues.edges.length, 2, field);
    }
  });

  it('refuses a caller without a token as the resolver does, and reads in one statement', async () => {
    const anonymous = await post('{ issues(first: 2) { totalCount } }', {}, null);
    assert.equal(JSON.parse(anonymous.body).errors[0].extensions.code, 'UNAUTHENTICATED');
    await post('{ issues(first: 2) { edges { node { id } } } }', {});
    const again = await post('{ issues(first: 2) { edges { node { id } } } }', {});
    assert.equal(again.statements.length, 1, again.statements.join('\n'));
    assert.ok(writtenAsJson(again.statements));
  });
});
