/**
 * Open311 GeoReport v2 at /open311/v2/, as an Open311 client uses it: every
 * endpoint in JSON and XML, JSON answers checked against JSON schemas of the
 * standard's documents, XML read with a real XML parser, a request created from
 * a form-encoded POST and followed to closed, errors as the standard's list.
 *
 * The JSON schemas below are written here from the GeoReport v2 specification
 * (wiki.open311.org/GeoReport_v2: the fields, which are required, their types
 * and enumerations); no machine-readable schema could be fetched from here.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { noisyJpeg } from '../support/images';
import { upload } from '../support/photo-client';
import Ajv from 'ajv';
import { XMLParser } from 'fast-xml-parser';
import { dataOf, startTestServer, type TestServer } from '../support/harness';
import { createPortalKey, demoIds } from '../support/issues';

/** W3C / ISO 8601 date-time with its zone, as the standard requires. */
const DATE_TIME = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$';
const nullableString = { type: ['string', 'null'] };
const SCHEMAS = {
  discovery: {
    type: 'object',
    required: ['changeset', 'contact', 'key_service', 'endpoints'],
    properties: {
      changeset: { type: 'string', pattern: DATE_TIME },
      contact: { type: 'string' },
      key_service: { type: 'string' },
      endpoints: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          required: ['specification', 'url', 'changeset', 'type', 'formats'],
          properties: {
            specification: { type: 'string' },
            url: { type: 'string' },
            changeset: { type: 'string', pattern: DATE_TIME },
            type: { enum: ['production', 'test'] },
            formats: { type: 'array', items: { enum: ['text/xml', 'application/json'] } },
          },
        },
      },
    },
  },
  services: {
    type: 'array',
    items: {
      type: 'object',
      required: ['service_code', 'service_name', 'metadata', 'type'],
      additionalProperties: false,
      properties: {
        service_code: { type: 'string', minLength: 1 },
        service_name: { type: 'string', minLength: 1 },
        description: nullableString,
        metadata: { type: 'boolean' },
        type: { enum: ['realtime', 'batch', 'blackbox'] },
        keywords: nullableString,
        group: nullableString,
      },
    },
  },
  serviceDefinition: {
    type: 'object',
    required: ['service_code', 'attributes'],
    properties: {
      service_code: { type: 'string' },
      attributes: {
        type: 'array',
        items: {
          type: 'object',
          required: ['variable', 'code', 'datatype', 'required', 'order', 'description'],
          properties: { datatype: { enum: ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'] } },
        },
      },
    },
  },
  postResponse: {
    type: 'array',
    minItems: 1,
    maxItems: 1,
    items: {
      type: 'object',
      anyOf: [{ required: ['service_request_id'] }, { required: ['token'] }],
      properties: {
        service_request_id: { type: 'string', minLength: 1 },
        token: { type: 'string' },
        service_notice: nullableString,
        account_id: nullableString,
      },
    },
  },
  requests: {
    type: 'array',
    items: {
      type: 'object',
      required: ['service_request_id', 'status', 'service_code', 'requested_datetime'],
      additionalProperties: false,
      properties: {
        service_request_id: { type: 'string' },
        status: { enum: ['open', 'closed'] },
        status_notes: nullableString,
        service_name: nullableString,
        service_code: { type: 'string' },
        description: nullableString,
        agency_responsible: nullableString,
        service_notice: nullableString,
        requested_datetime: { type: 'string', pattern: DATE_TIME },
        updated_datetime: { type: ['string', 'null'], pattern: DATE_TIME },
        expected_datetime: { type: ['string', 'null'], pattern: DATE_TIME },
        address: nullableString,
        address_id: nullableString,
        zipcode: nullableString,
        lat: { type: ['number', 'null'], minimum: -90, maximum: 90 },
        long: { type: ['number', 'null'], minimum: -180, maximum: 180 },
        media_url: nullableString,
      },
    },
  },
  tokens: {
    type: 'array',
    items: { type: 'object', required: ['token'], properties: { token: { type: 'string' }, service_request_id: nullableString } },
  },
  errors: {
    type: 'array',
    minItems: 1,
    items: {
      type: 'object',
      required: ['code', 'description'],
      additionalProperties: false,
      properties: { code: { type: 'integer' }, description: { type: 'string', minLength: 1 } },
    },
  },
};

const ajv = new Ajv({ allErrors: true, strict: false });
function assertSchema(name: keyof typeof SCHEMAS, value: unknown): void {
  const validate = ajv.getSchema(name) ?? (ajv.addSchema(SCHEMAS[name], name), ajv.getSchema(name)!);
  assert.ok(validate(value), `${name}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(value).slice(0, 500)}`);
}

/** Lists come back as arrays even with one element. */
const xml = new XMLParser({ parseTagValue: false, isArray: (name) => ['service', 'request', 'error', 'endpoint', 'format'].includes(name) });

describe('Open311 GeoReport v2', () => {
  let t: TestServer;
  let admin: string;
  let apiKey: string;
  let base: string;
  const GRID_7 = { lat: '30.585', long: '114.305' };

  const get = async (path: string) => {
    const res = await fetch(`${base}/${path}`);
    return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text(), retryAfter: res.headers.get('retry-after') };
  };
  const getJson = async (path: string) => {
    const res = await get(path);
    assert.match(res.type, /^application\/json/, path);
    return { status: res.status, body: JSON.parse(res.text) };
  };
  const getXml = async (path: string) => {
    const res = await get(path);
    assert.match(res.type, /^text\/xml/, path);
    assert.ok(res.text.startsWith('<?xml version="1.0" encoding="utf-8"?>'), path);
    return { status: res.status, body: xml.parse(res.text) };
  };
  /** A form-encoded POST, as Open311 clients send it. */
  const post = async (format: 'json' | 'xml', fields: Record<string, string>, headers: Record<string, string> = {}) => {
    const res = await fetch(`${base}/requests.${format}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(fields).toString(),
    });
    const text = await res.text();
    return { status: res.status, text, retryAfter: res.headers.get('retry-after'), body: format === 'json' ? JSON.parse(text) : xml.parse(text) };
  };
  const report = (extra: Record<string, string> = {}) => ({
    api_key: apiKey,
    service_code: 'GARBAGE',
    ...GRID_7,
    address_string: '桂花路7号楼下',
    description: '垃圾桶满了，三天没有清运。',
    first_name: '秀兰',
    last_name: '王',
    phone: '13912345678',
    email: 'resident@example.cn',
    ...extra,
  });

  beforeAll(async () => {
    t = await startTestServer({ env: { REPORT_RATE_LIMIT: '20' } });
    base = `${t.url}/open311/v2`;
    admin = await t.login('admin');
    apiKey = (await createPortalKey(t, admin)).key;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('discovery names this endpoint and both formats', async () => {
    const json = await getJson('discovery.json');
    assert.equal(json.status, 200);
    assertSchema('discovery', json.body);
    assert.equal(json.body.endpoints[0].url, base);
    const doc = await getXml('discovery.xml');
    const endpoint = doc.body.discovery.endpoints.endpoint[0];
    assert.equal(endpoint.specification, 'http://wiki.open311.org/GeoReport_v2');
    assert.deepEqual(endpoint.formats.format, ['text/xml', 'application/json']);
  });

  it('GET answers carry Express’s weak ETag; GraphQL answers carry none (never revalidated)', async () => {
    assert.match((await fetch(`${base}/services.json`)).headers.get('etag') ?? '', /^W\/"/);
    const graphql = await fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
    assert.equal(graphql.status, 200);
    assert.equal(graphql.headers.get('etag'), null);
  });

  it('services are the categories; services/{code} defines one; an unknown code is 404 in either format', async () => {
    const json = await getJson('services.json');
    assertSchema('services', json.body);
    const categories = dataOf(await t.gql<any>('{ categories { code name group } }')).categories as { code: string; name: string; group: string }[];
    assert.deepEqual(json.body.map((s: any) => s.service_code).sort(), categories.map((c) => c.code).sort());
    const garbage = json.body.find((s: any) => s.service_code === 'GARBAGE');
    const category = categories.find((c) => c.code === 'GARBAGE')!;
    assert.deepEqual([garbage.service_name, garbage.group, garbage.type, garbage.metadata], [category.name, category.group, 'realtime', false]);
    const doc = await getXml('services.xml');
    assert.equal(doc.body.services.service.length, json.body.length);
    assert.equal(doc.body.services.service.find((s: any) => s.service_code === 'GARBAGE').metadata, 'false');

    const definition = await getJson('services/GARBAGE.json');
    assertSchema('serviceDefinition', definition.body);
    assert.equal((await getXml('services/GARBAGE.xml')).body.service_definition.service_code, 'GARBAGE');
    const missing = await getJson('services/NO_SUCH.json');
    assert.equal(missing.status, 404);
    assertSchema('errors', missing.body);
    assert.equal(missing.body[0].code, 404);
    const missingXml = await getXml('services/NO_SUCH.xml');
    assert.equal(missingXml.status, 404);
    assert.equal(missingXml.body.errors.error[0].code, '404');
    assert.equal((await getJson('services.yaml')).status, 404);
  });

  it('a client creates a request from a form-encoded POST and follows it to closed', async () => {
    const created = await post('json', report());
    assert.equal(created.status, 201, created.text);
    assertSchema('postResponse', created.body);
    const { service_request_id: id, token } = created.body[0];

    // The same report service: a tracking code that trackIssue knows, channel OPEN311, grid from lat/long.
    const tracked = dataOf(await t.gql<any>('query($c: String!) { trackIssue(trackingCode: $c) { trackingCode gridName status } }', { c: id }));
    assert.equal(tracked.trackIssue.trackingCode, id);
    const issue = dataOf(await t.gql<any>('query($id: ID!) { issue(id: $id) { channel grid { code } location { address } } }', { id: token }, { token: admin })).issue;
    assert.equal(issue.channel, 'OPEN311');
    assert.equal(issue.grid.code, 'JC-DH-GH-07');
    assert.equal(issue.location.address, '桂花路7号楼下');

    const open = await getJson(`requests/${id}.json`);
    assertSchema('requests', open.body);
    assert.equal(open.body.length, 1);
    const request = open.body[0];
    assert.deepEqual([request.service_request_id, request.status, request.service_code, request.status_notes], [id, 'open', 'GARBAGE', null]);
    assert.equal(request.lat, 30.585);
    assert.equal(request.long, 114.305);
    assert.equal(request.address, '桂花路7号楼下');
    assert.ok(new Date(request.expected_datetime) > new Date(request.requested_datetime));
    assert.ok(!/王|秀兰|13912345678|resident@/.test(JSON.stringify(open.body).replace(request.description, '').replace(request.address, '')), 'no reporter data');

    const cadreId = Object.entries((await demoIds(t)).cadres).find(([name]) => name.endsWith('大勇'))![1].id;
    for (const mutation of [
      'mutation($id: ID!) { acceptIssue(id: $id) { status } }',
      'mutation($id: ID!, $c: ID!) { assignIssue(id: $id, cadreId: $c) { status } }',
      'mutation($id: ID!) { startIssue(id: $id) { status } }',
      'mutation($id: ID!) { resolveIssue(id: $id, resolution: "已清运并消毒", publicNote: "已安排环卫清运。") { status } }',
    ]) {
      dataOf(await t.gql(mutation, { id: token, c: cadreId }, { token: admin }));
    }
    const closed = await getJson(`requests/${id}.json`);
    assertSchema('requests', closed.body);
    assert.equal(closed.body[0].status, 'closed');
    assert.equal(closed.body[0].status_notes, '已安排环卫清运。');
    const closedXml = (await getXml(`requests/${id}.xml`)).body.service_requests.request[0];
    assert.equal(closedXml.status, 'closed');
    assert.equal(closedXml.service_request_id, id);
    assert.equal(closedXml.status_notes, '已安排环卫清运。');

    const byToken = await getJson(`tokens/${token}.json`);
    assertSchema('tokens', byToken.body);
    assert.deepEqual(byToken.body, [{ service_request_id: id, token }]);
    assert.equal((await getXml(`tokens/${token}.xml`)).body.service_requests.request[0].service_request_id, id);
    assert.equal((await getJson(`tokens/${randomUUID()}.json`)).status, 404);
    assert.equal((await getJson('requests/LM-NOSUCHCODE.json')).status, 404);
  });

  it("media_url links the request's public photo (AFTER first) and stays null while its photos are private", async () => {
    const created = await post('json', report({ description: '路灯不亮，晚上很黑。' }));
    const { service_request_id: id, token } = created.body[0];
    const media = async () => (await getJson(`requests/${id}.json`)).body[0].media_url;
    assert.equal(await media(), null, 'no photos yet');

    const before = (await upload(t.url, await noisyJpeg(64, 48), { token: admin })).body.id;
    const after = (await upload(t.url, await noisyJpeg(80, 60), { token: admin })).body.id;
    const added = (stage: string, photo: string) =>
      t.gql<any>('mutation($id: ID!, $p: [ID!]!, $s: PhotoStage!) { addIssuePhotos(id: $id, photoIds: $p, stage: $s) { photos { id stage public url } } }', { id: token, p: [photo], s: stage }, { token: admin });
    dataOf(await added('BEFORE', before));
    assert.equal(await media(), null, 'a BEFORE photo is private until staff publish it');

    const photos = dataOf(await added('AFTER', after)).addIssuePhotos.photos;
    const afterPhoto = photos.find((p: any) => p.stage === 'AFTER');
    const link = await media();
    assert.ok(link, 'the public AFTER photo is linked');
    const image = await fetch(link);
    assert.equal(image.status, 200);
    assert.match(image.headers.get('content-type') ?? '', /^image\//);
    const listed = (await getJson(`requests.json?api_key=${apiKey}&service_request_id=${id}`)).body[0];
    assert.equal(new URL(listed.media_url).pathname, new URL(link).pathname, 'the list shows the same photo');
    assert.ok((await getXml(`requests/${id}.xml`)).body.service_requests.request[0].media_url, 'XML too');

    dataOf(await t.gql('mutation($id: ID!) { setPhotoPublic(id: $id, public: false) { id } }', { id: afterPhoto.id }, { token: admin }));
    assert.equal(await media(), null, 'taken off the tracker, taken off Open311');
  });

  it('POST answers XML too, keeps its Idempotency-Key, and refuses bad requests with the standard errors', async () => {
    const key = randomUUID();
    const first = await post('xml', report(), { 'idempotency-key': key });
    assert.equal(first.status, 201, first.text);
    const answer = first.body.service_requests.request[0];
    assert.ok(answer.service_request_id);
    const again = await post('xml', report(), { 'idempotency-key': key });
    assert.equal(again.status, 200);
    assert.equal(again.body.service_requests.request[0].service_request_id, answer.service_request_id, 'a retried POST creates nothing');

    const cases: [Record<string, string>, number, RegExp][] = [
      [report({ api_key: '' }), 403, /api_key/],
      [report({ api_key: 'lmk_not_a_key' }), 403, /portal key/i],
      [report({ service_code: 'NO_SUCH' }), 400, /service_code/],
      [report({ lat: '' }), 400, /lat and long/],
      [report({ lat: 'north' }), 400, /lat/],
      [report({ description: '' }), 400, /description/],
      [report({ phone: '12345' }), 400, /phone/],
    ];
    for (const [fields, status, message] of cases) {
      const res = await post('json', fields);
      assert.equal(res.status, status, `${JSON.stringify(fields)} → ${res.text}`);
      assertSchema('errors', res.body);
      assert.equal(res.body[0].code, status);
      assert.match(res.body[0].description, message);
      assert.ok(!res.body[0].description.includes('input.'), 'Open311 names, not GraphQL ones');
    }
    const xmlError = await post('xml', report({ service_code: 'NO_SUCH' }));
    assert.equal(xmlError.status, 400);
    assert.equal(xmlError.body.errors.error[0].code, '400');
  });

  it('GET requests: one by id for anyone, lists with an api_key, filtered by id, service, status and dates', async () => {
    const a = (await post('json', report({ service_code: 'GARBAGE' }))).body[0].service_request_id;
    const b = (await post('json', report({ service_code: 'UTILITIES' }))).body[0].service_request_id;
    const byIds = await getJson(`requests.json?service_request_id=${a},${b}`);
    assertSchema('requests', byIds.body);
    assert.deepEqual(byIds.body.map((r: any) => r.service_request_id).sort(), [a, b].sort());
    assert.equal((await getJson('requests.json')).status, 403, 'a list needs an api_key');

    const garbage = await getJson(`requests.json?api_key=${apiKey}&service_code=GARBAGE&status=open`);
    assertSchema('requests', garbage.body);
    assert.ok(garbage.body.some((r: any) => r.service_request_id === a));
    assert.ok(garbage.body.every((r: any) => r.service_code === 'GARBAGE' && r.status === 'open'));
    const closed = await getJson(`requests.json?api_key=${apiKey}&status=closed`);
    assert.ok(closed.body.length >= 1 && closed.body.every((r: any) => r.status === 'closed'));
    const future = await getJson(`requests.json?api_key=${apiKey}&start_date=2030-01-01T00:00:00Z&end_date=2030-02-01T00:00:00Z`);
    assert.deepEqual(future.body, []);
    const emptyXml = await getXml(`requests.xml?api_key=${apiKey}&start_date=2030-01-01T00:00:00Z&end_date=2030-02-01T00:00:00Z`);
    assert.ok('service_requests' in emptyXml.body);
    const listXml = await getXml(`requests.xml?api_key=${apiKey}&service_code=UTILITIES`);
    assert.ok(listXml.body.service_requests.request.some((r: any) => r.service_request_id === b));

    for (const [query, message] of [
      ['start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z', /90 days/],
      ['status=pending', /open or closed/],
      ['start_date=yesterday', /start_date/],
    ] as const) {
      const res = await getJson(`requests.json?api_key=${apiKey}&${query}`);
      assert.equal(res.status, 400, query);
      assertSchema('errors', res.body);
      assert.match(res.body[0].description, message);
    }
  });

  it('POST requests goes through the same report rate limit as reportIssue (429 with Retry-After, in the standard error shape)', async () => {
    let limited: Awaited<ReturnType<typeof post>> | undefined;
    for (let i = 0; i < 30 && !limited; i++) {
      const res = await post('json', report());
      if (res.status === 429) limited = res;
      else assert.equal(res.status, 201, res.text);
    }
    assert.ok(limited, 'refused once over REPORT_RATE_LIMIT (20 a minute here)');
    assertSchema('errors', limited.body);
    assert.equal(limited.body[0].code, 429);
    assert.ok(Number(limited.retryAfter) > 0);
  });
});
