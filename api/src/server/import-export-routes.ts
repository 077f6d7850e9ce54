/**
 * The file endpoints beside /graphql: POST /imports/regions-grids and
 * /imports/people (ADMIN; `?dryRun=1` checks without writing) answer an
 * ImportReport as JSON; GET /exports/issues.csv and .xlsx (staff) stream the
 * issues the caller may see. Errors are JSON `{ errors: [{ message, extensions:
 * { code } }] }`, as on /graphql. Bodies are never logged (one-time passwords,
 * personal data).
 */
import { randomUUID } from 'node:crypto';
import express, { Router, type Request, type Response } from 'express';
import { IssueStatus, Role } from '../domain/enums';
import { AppError, ErrorCode, badInput, forbidden, unauthenticated } from '../errors';
import type { Viewer } from '../modules/auth/viewer';
import { ClientClosed } from '../modules/exports/backpressure';
import { writeCsv, writeXlsx } from '../modules/exports/issue-export';
import type { IssueFilter } from '../modules/issues/issue.type';
import { importPeople } from '../modules/onboarding/people-import';
import { importRegionsAndGrids, type SourceCrs } from '../modules/onboarding/regions-grids-import';
import type { Context } from './context';
import { createLoaders } from './loaders';
import { passwordChangeRequired } from './password-change-gate';
import { header, resolveViewer } from './request-identity';
import { requestIdOf } from './request-log';
import type { AppServices } from './services';

/** An import file is read whole (GeoJSON is one JSON document): memory is bounded by this. */
const IMPORT_LIMIT = '100mb';

const STATUS: Partial<Record<string, number>> = {
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.PASSWORD_CHANGE_REQUIRED]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.CONFLICT]: 409,
};

async function contextOf(services: AppServices, req: Request, res: Response, roles: Role[] | null): Promise<Context & { viewer: Viewer }> {
  const em = services.db.orm.em.fork();
  const viewer = await resolveViewer(services, em, header(req, 'authorization'));
  if (!viewer) throw unauthenticated();
  if (viewer.mustChangePassword) throw passwordChangeRequired();
  if (roles && !roles.includes(viewer.role)) throw forbidden(`This needs one of the roles ${roles.join(', ')}.`);
  return {
    app: services,
    em,
    viewer,
    portal: null,
    origin: header(req, 'origin'),
    clientAddress: services.clientAddressOf(req),
    loaders: createLoaders(em),
    requestId: requestIdOf(res),
  };
}

function fail(services: AppServices, res: Response, error: unknown): void {
  if (error instanceof AppError) {
    const code = String(error.extensions.code);
    if (!res.headersSent) res.status(STATUS[code] ?? 400).json({ errors: [{ message: error.message, extensions: error.extensions }] });
    else res.destroy();
    return;
  }
  const correlationId = randomUUID();
  services.logger.error({ err: error, correlationId }, 'file endpoint failed');
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.status(500).json({
    errors: [{ message: `Internal server error (correlation id ${correlationId}).`, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, correlationId } }],
  });
}

const flag = (value: unknown) => value === '1' || value === 'true';

function list(value: unknown): string[] | null {
  if (value === undefined) return null;
  const items = (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(',')).map((v) => v.trim()).filter(Boolean);
  return items;
}

function one(value: unknown, name: string): string | null {
  if (value === undefined) return null;
  if (typeof value !== 'string') throw badInput(`${name} is given once.`, name);
  return value;
}

function date(value: unknown, name: string): Date | null {
  const text = one(value, name);
  if (text === null) return null;
  const parsed = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(parsed.getTime())) throw badInput(`${name} is an ISO date-time such as 2026-12-01T00:00:00+08:00.`, name);
  return parsed;
}

/** The IssueFilter from query parameters: lists comma-separated or repeated, booleans true/false. */
export function issueFilterOf(query: Request['query']): IssueFilter {
  const status = list(query.status);
  for (const s of status ?? []) if (!(s in IssueStatus)) throw badInput(`Unknown status "${s.slice(0, 40)}".`, 'status');
  const overdue = one(query.overdue, 'overdue');
  if (overdue !== null && overdue !== 'true' && overdue !== 'false') throw badInput('overdue is true or false.', 'overdue');
  return {
    status: status as IssueStatus[] | null,
    categoryCode: list(query.categoryCode),
    gridId: one(query.gridId, 'gridId'),
    regionId: one(query.regionId, 'regionId'),
    assigneeId: one(query.assigneeId, 'assigneeId'),
    overdue: overdue === null ? null : overdue === 'true',
    createdAfter: date(query.createdAfter, 'createdAfter'),
    createdBefore: date(query.createdBefore, 'createdBefore'),
    search: one(query.search, 'search'),
  };
}

function sourceCrs(value: unknown): SourceCrs {
  if (value === undefined || value === '') return 'WGS84';
  const crs = String(value).toUpperCase();
  if (crs === 'WGS84' || crs === 'CGCS2000' || crs === 'EPSG:4326') return 'WGS84';
  if (crs === 'GCJ02' || crs === 'BD09') return crs;
  throw badInput('crs is WGS84 (the default, also CGCS2000), GCJ02 or BD09.', 'crs');
}

export function importExportRoutes(services: AppServices): Router {
  const router = Router();
  const raw = express.raw({ type: () => true, limit: IMPORT_LIMIT });

  router.post('/imports/regions-grids', raw, async (req, res) => {
    try {
      const ctx = await contextOf(services, req, res, [Role.ADMIN]);
      const crs = sourceCrs(req.query.crs);
      let body: unknown;
      try {
        body = JSON.parse(Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '');
      } catch {
        throw badInput('The body is not valid JSON: send the GeoJSON FeatureCollection.');
      }
      const report = await importRegionsAndGrids(ctx.em, ctx.viewer, body, { dryRun: flag(req.query.dryRun), crs });
      // Renamed grids show on trackers (gridName).
      services.trackedIssues.clear();
      res.json(report);
    } catch (error) {
      fail(services, res, error);
    }
  });

  router.post('/imports/people', raw, async (req, res) => {
    try {
      const ctx = await contextOf(services, req, res, [Role.ADMIN]);
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      if (body.length === 0) throw badInput('The body is empty: send the CSV or XLSX file.');
      // The answer carries one-time passwords: never stored by a cache on the way.
      res.setHeader('Cache-Control', 'no-store');
      res.json(await importPeople(ctx.em, ctx.viewer, body, header(req, 'content-type') ?? '', flag(req.query.dryRun)));
    } catch (error) {
      fail(services, res, error);
    }
  });

  router.get(/^\/exports\/issues\.(csv|xlsx)$/, async (req, res) => {
    try {
      const ctx = await contextOf(services, req, res, null);
      const filter = issueFilterOf(req.query);
      const xlsx = req.path.endsWith('.xlsx');
      const stamp = new Date().toISOString().slice(0, 10);
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader(
        'Content-Type',
        xlsx ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8',
      );
      res.setHeader('Content-Disposition', `attachment; filename="issues-${stamp}.${xlsx ? 'xlsx' : 'csv'}"`);
      if (xlsx) await writeXlsx(ctx, filter, services.config.workTime.timeZone, res);
      else await writeCsv(ctx, filter, services.config.workTime.timeZone, res);
    } catch (error) {
      // A download the client abandoned is no failure of ours.
      if (error instanceof ClientClosed) return;
      fail(services, res, error);
    }
  });

  return router;
}
