/**
 * Open311 GeoReport v2 at `/open311/v2/`: discovery, services,
 * services/{code}, POST and GET requests, requests/{id}, tokens/{token}, each
 * as `.json` or `.xml`. Errors are the standard's list of `{ code, description }`
 * (400, 403, 404; 429 when a report is over the rate limit).
 *
 * POST requests is reportIssue by another door: the same authorisation and
 * rate limits (report-access.ts withReportAccess) and the same report service (idempotency with
 * an `Idempotency-Key` header, the grid from `lat`/`long`), channel OPEN311.
 * `api_key` is a portal key. Reading one request by its id (the tracking code,
 * the unguessable secret that trackIssue needs too) is open to all; listing
 * requests needs an `api_key`, as descriptions are residents' own words.
 */
import { randomUUID } from 'node:crypto';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { IssueChannel } from '../../domain/enums';
import { AppError, ErrorCode } from '../../errors';
import type { Context } from '../../server/context';
import { createLoaders } from '../../server/loaders';
import { resolvePortal } from '../../server/request-identity';
import { requestIdOf } from '../../server/request-log';
import type { AppServices } from '../../server/services';
import type { ReportIssueInput } from '../issues/issue.type';
import { baseUrlOf } from '../photos/photo-routes';
import { leadPhotoUrl } from '../photos/photo-view';
import { withReportAccess } from '../portals/report-access';
import { parseReportInput } from '../tracking/report-input';
import { submitReport } from '../tracking/report.service';
import { renderList, renderObject, XML_NAMES, type Open311Format } from './open311.format';
import { findByToken, findRequest, listRequests, listServices, MAX_SPAN_DAYS, serviceExists, type MediaUrl } from './open311.service';

export interface Open311Options {
  services: AppServices;
}

/** An Open311 error: its HTTP status is also the `code` of the answer's error. */
class Open311Error extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const STATUS_OF_CODE: Partial<Record<string, number>> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.UNAUTHENTICATED]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.RATE_LIMITED]: 429,
};

/** The report service names GraphQL input fields; an Open311 client knows its own parameters. */
const PARAMETER_NAMES: [RegExp, string][] = [
  [/input\.categoryCode/g, 'service_code'],
  [/input\.description/g, 'description'],
  [/input\.location\.latitude/g, 'lat'],
  [/input\.location\.longitude/g, 'long'],
  [/input\.location\.address/g, 'address_string'],
  [/input\.location/g, 'lat and long'],
  [/input\.reporterPhone/g, 'phone'],
  [/input\.reporterName/g, 'first_name and last_name'],
  [/input\.idempotencyKey/g, 'the Idempotency-Key header'],
  [/input\.gridId/g, 'lat and long'],
];

function open311Message(message: string): string {
  return PARAMETER_NAMES.reduce((text, [pattern, name]) => text.replace(pattern, name), message);
}

function formatOf(req: Request): Open311Format {
  const format = String(req.params.format ?? '').toLowerCase();
  if (format === 'json' || format === 'xml') return format;
  throw new Open311Error(404, 'Ask for .json or .xml (e.g. /open311/v2/services.json).');
}

function send(res: Response, status: number, answer: { type: string; body: string }): void {
  res.status(status).type(answer.type).send(answer.body);
}

function one(value: unknown): string | undefined {
  if (Array.isArray(value)) return one(value[0]);
  return typeof value === 'string' ? value : undefined;
}

function list(value: unknown): string[] | undefined {
  const text = one(value);
  if (text === undefined || text.trim() === '') return undefined;
  return text.split(',').map((s) => s.trim()).filter(Boolean);
}

function parseDate(value: string | undefined, name: string): Date | undefined {
  if (value === undefined || value === '') return undefined;
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime())) {
    throw new Open311Error(400, `${name} must be a W3C date-time, e.g. 2026-12-01T00:00:00Z.`);
  }
  return date;
}

function parseCoordinate(value: string | undefined, name: string): number | null {
  if (value === undefined || value.trim() === '') return null;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new Open311Error(400, `${name} must be a number in decimal degrees.`);
  return n;
}

export function open311Router(options: Open311Options): Router {
  const { services } = options;
  const router = express.Router();
  const em = () => services.db.orm.em.fork();
  // media_url: a signed link to the issue's lead public photo, on this request's host unless PUBLIC_URL is set.
  const mediaUrlFor = (req: Request): MediaUrl => (photos) => leadPhotoUrl(services, baseUrlOf(services.config, req.host ?? null), photos);
  const wrap =
    (handler: (req: Request, res: Response) => Promise<void>) =>
    (req: Request, res: Response, next: NextFunction): void => {
      handler(req, res).catch(next);
    };

  router.get(
    '/discovery.:format',
    wrap(async (req, res) => {
      const format = formatOf(req);
      const base = `${services.config.publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`}/open311/v2`;
      const changeset = '2026-12-07T00:00:00Z';
      send(res, 200, renderObject(format, 'discovery', {
        changeset,
        contact: 'Lastmeter: use the API keys (portal keys) your administrator issues.',
        key_service: 'Ask the administrator of this Lastmeter for a portal key.',
        endpoints: format === 'json'
          ? [{ specification: 'http://wiki.open311.org/GeoReport_v2', url: base, changeset, type: 'production', formats: ['text/xml', 'application/json'] }]
          : { endpoint: { specification: 'http://wiki.open311.org/GeoReport_v2', url: base, changeset, type: 'production', formats: { format: ['text/xml', 'application/json'] } } },
      }));
    }),
  );

  router.get(
    '/services.:format',
    wrap(async (req, res) => {
      const format = formatOf(req);
      send(res, 200, renderList(format, XML_NAMES.services, (await listServices(em())) as unknown as Record<string, unknown>[]));
    }),
  );

  router.get(
    '/services/:code.:format',
    wrap(async (req, res) => {
      const format = formatOf(req);
      const code = String(req.params.code);
      if (!(await serviceExists(em(), code))) throw new Open311Error(404, `No service ${code.slice(0, 50)}: GET services.${format} lists them.`);
      // No service asks for extra attributes (metadata is false for all).
      const definition = { service_code: code, attributes: format === 'json' ? [] : '' };
      send(res, 200, renderObject(format, 'service_definition', definition));
    }),
  );

  router.post(
    '/requests.:format',
    express.urlencoded({ extended: false, limit: '100kb' }),
    express.json({ limit: '100kb' }),
    wrap(async (req, res) => {
      const format = formatOf(req);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const manager = em();
      const origin = req.get('origin') ?? null;
      const apiKey = one(body.api_key) ?? one(req.query.api_key);
      if (!apiKey) throw new Open311Error(403, 'api_key is required: a portal key from the administrator of this Lastmeter.');
      const portal = await resolvePortal(manager, apiKey, origin);
      const serviceCode = one(body.service_code);
      if (!serviceCode) throw new Open311Error(400, 'service_code is required: GET services lists them.');
      if (!(await serviceExists(manager, serviceCode))) throw new Open311Error(400, `Unknown service_code ${serviceCode.slice(0, 50)}: GET services lists them.`);
      const lat = parseCoordinate(one(body.lat), 'lat');
      const long = parseCoordinate(one(body.long), 'long');
      if (lat === null || long === null) throw new Open311Error(400, 'lat and long are required: the request is routed to the grid it lies in.');
      const name = [one(body.last_name), one(body.first_name)].filter((s) => s && s.trim()).join('');
      const input: ReportIssueInput = {
        categoryCode: serviceCode,
        description: one(body.description) ?? '',
        location: { latitude: lat, longitude: long, address: one(body.address_string) ?? null },
        channel: IssueChannel.OPEN311,
        reporterName: name || null,
        reporterPhone: one(body.phone) || null,
        idempotencyKey: req.get('idempotency-key') ?? randomUUID(),
      };
      const context: Context = {
        app: services,
        em: manager,
        viewer: null,
        portal,
        origin,
        // The caller's address as the rest of the API sees it (TRUST_PROXY).
        clientAddress: services.clientAddressOf(req),
        loaders: createLoaders(manager),
        requestId: requestIdOf(res),
      };
      // As reportIssue does: invalid input is refused before anything counts against the caller's limits.
      parseReportInput(input);
      const report = await withReportAccess(context, input.idempotencyKey, (scope) =>
        submitReport(manager, { scope, actorName: null, input, events: services.events }),
      );
      const answer = { service_request_id: report.trackingCode, token: report.issueId, service_notice: '', account_id: null };
      send(res, report.created ? 201 : 200, renderList(format, XML_NAMES.serviceRequests, [answer]));
    }),
  );

  router.get(
    '/requests.:format',
    wrap(async (req, res) => {
      const format = formatOf(req);
      const manager = em();
      const serviceRequestIds = list(req.query.service_request_id);
      if (!serviceRequestIds) {
        const apiKey = one(req.query.api_key);
        if (!apiKey) throw new Open311Error(403, 'Listing requests needs an api_key; one request is open to all at requests/{service_request_id}.');
        await resolvePortal(manager, apiKey, req.get('origin') ?? null);
      } else if (serviceRequestIds.length > 100) {
        throw new Open311Error(400, 'service_request_id takes at most 100 ids.');
      }
      const statuses = list(req.query.status);
      if (statuses?.some((s) => s !== 'open' && s !== 'closed')) throw new Open311Error(400, 'status must be open or closed (or both, comma-separated).');
      const end = parseDate(one(req.query.end_date), 'end_date') ?? new Date();
      const start = parseDate(one(req.query.start_date), 'start_date') ?? new Date(end.getTime() - MAX_SPAN_DAYS * 86_400_000);
      if (start > end) throw new Open311Error(400, 'start_date must not be after end_date.');
      if (end.getTime() - start.getTime() > MAX_SPAN_DAYS * 86_400_000) throw new Open311Error(400, `start_date and end_date may be at most ${MAX_SPAN_DAYS} days apart.`);
      const requests = await listRequests(manager, {
        serviceRequestIds,
        serviceCodes: list(req.query.service_code),
        statuses: statuses as ('open' | 'closed')[] | undefined,
        start,
        end,
      }, mediaUrlFor(req));
      send(res, 200, renderList(format, XML_NAMES.serviceRequests, requests as unknown as Record<string, unknown>[]));
    }),
  );

  router.get(
    '/requests/:id.:format',
    wrap(async (req, res) => {
      const format = formatOf(req);
      const request = await findRequest(em(), String(req.params.id), mediaUrlFor(req));
      if (!request) throw new Open311Error(404, `No request ${String(req.params.id).slice(0, 64)}.`);
      send(res, 200, renderList(format, XML_NAMES.serviceRequests, [request as unknown as Record<string, unknown>]));
    }),
  );

  router.get(
    '/tokens/:token.:format',
    wrap(async (req, res) => {
      const format = formatOf(req);
      const found = await findByToken(em(), String(req.params.token));
      if (!found) throw new Open311Error(404, `No request for token ${String(req.params.token).slice(0, 64)}.`);
      send(res, 200, renderList(format, XML_NAMES.serviceRequests, [found]));
    }),
  );

  router.use((req, _res, next) => next(new Open311Error(404, `No Open311 resource ${req.method} ${req.path.slice(0, 100)}: see discovery.json.`)));

  // Every error in the standard's shape, in the format the path asked for (JSON when it named none).
  router.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const format: Open311Format = /\.xml$/i.test(req.path) ? 'xml' : 'json';
    let status = 500;
    let description = 'Internal error.';
    if (error instanceof Open311Error) {
      status = error.status;
      description = error.message;
    } else if (error instanceof AppError) {
      const code = String(error.extensions.code);
      status = STATUS_OF_CODE[code] ?? 500;
      description = status === 500 ? description : open311Message(error.message);
      const retryAfter = error.extensions.retryAfterSeconds;
      if (typeof retryAfter === 'number') res.setHeader('retry-after', String(retryAfter));
    } else if ((error as { type?: string }).type === 'entity.parse.failed' || (error as { type?: string }).type === 'entity.too.large') {
      status = 400;
      description = 'The request body could not be read (form-encoded, at most 100 KB).';
    }
    if (status === 500) {
      const correlationId = randomUUID();
      services.logger.error({ err: error, correlationId }, 'open311 request failed');
      description = `Internal error (correlation id ${correlationId}).`;
    }
    send(res, status, renderList(format, XML_NAMES.errors, [{ code: status, description }]));
  });
  return router;
}
