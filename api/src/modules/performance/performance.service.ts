/**
 * 考核: per cadre, unit or region, over the handings (assignment-ledger.ts)
 * made in a period [from, to): how many, answered within the response window,
 * resolved (in time, against the deadline after approved extensions),
 * returned, overdue, and the residents' return visits. One statement; rates,
 * the weighted score and the rank are computed from its counts.
 *
 *  - responseRate = respondedOnTime / assigned (answered: started, returned or resolved)
 *  - resolutionRate = resolved / assigned; onTimeRate = resolvedOnTime / resolved
 *  - satisfactionRate = satisfied / followedUp; returnRate = returned / assigned
 *  - score = weighted mean of the response, resolution and satisfaction rates
 *    (PERFORMANCE_WEIGHTS) over those that are not null, × 100; null when all are
 *  - rank: 1 for the best score, equal scores share a rank (1, 2, 2, 4), no score last
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { PerformanceWeights } from '../../config';
import { PerformanceGroup, Role } from '../../domain/enums';
import { isUuid } from '../../domain/validate';
import { badInput, forbidden, notFound } from '../../errors';
import { escapeLike } from '../auth/scope';
import type { Viewer } from '../auth/viewer';
import type { PerformanceRowType } from './performance.type';

export interface PerformanceArgs {
  groupBy: PerformanceGroup;
  regionId?: string | null;
  from?: Date | null;
  to?: Date | null;
}

const DEFAULT_DAYS = 30;
const UNRESOLVED = `('SUBMITTED', 'ACCEPTED', 'ASSIGNED', 'IN_PROGRESS', 'RETURNED')`;

interface CountsRow {
  key: string;
  name: string;
  cadre: PerformanceRowType['cadre'];
  region: PerformanceRowType['region'];
  assigned: string | number;
  responded_on_time: string | number;
  resolved: string | number;
  resolved_on_time: string | number;
  returned: string | number;
  overdue: string | number;
  followed_up: string | number;
  satisfied: string | number;
  reopened: string | number;
}

interface RegionFacts {
  id: string;
  path: string;
}

/** The region the figures are limited to: the one asked for (within the viewer's scope), or the viewer's scope. */
async function regionOf(em: EntityManager, viewer: Viewer, regionId: string | null | undefined): Promise<RegionFacts | null> {
  if (!maySeePerformance(viewer)) {
    throw forbidden('Performance figures are for admins and cadres with a scope region.');
  }
  let region: RegionFacts | null = null;
  if (regionId !== null && regionId !== undefined) {
    const [row] = isUuid(regionId) ? await em.execute<RegionFacts[]>('select id, path from region where id = ?', [regionId]) : [];
    if (!row) throw notFound('Region (regionId)', regionId);
    region = row;
  } else if (viewer.role === Role.CADRE) {
    const [row] = await em.execute<RegionFacts[]>('select id, path from region where path = ?', [viewer.scopeRegionPath]);
    region = row ?? null;
  }
  if (viewer.role === Role.CADRE && (!region || !region.path.startsWith(viewer.scopeRegionPath!))) {
    throw forbidden('regionId lies outside your scope region.');
  }
  return region;
}

const rate = (part: number, base: number) => (base === 0 ? null : part / base);

/** The weighted score of the rates that are not null (0–100), or null when none is. */
export function performanceScore(rates: { response: number | null; resolution: number | null; satisfaction: number | null }, weights: PerformanceWeights): number | null {
  let sum = 0;
  let weight = 0;
  for (const key of ['response', 'resolution', 'satisfaction'] as const) {
    const value = rates[key];
    if (value === null) continue;
    sum += value * weights[key];
    weight += weights[key];
  }
  return weight === 0 ? null : (sum / weight) * 100;
}

/** The period [from, to) of the figures: as given, else up to now and the 30 days before `to`. */
export function performancePeriod(args: Pick<PerformanceArgs, 'from' | 'to'>, now = new Date()): { from: Date; to: Date } {
  const to = args.to ?? now;
  return { from: args.from ?? new Date(to.getTime() - DEFAULT_DAYS * 86_400_000), to };
}

/** Whether the viewer may see performance figures at all (admins, cadres with a scope region). */
export function maySeePerformance(viewer: Viewer): boolean {
  return viewer.role === Role.ADMIN || (viewer.role === Role.CADRE && !!viewer.scopeRegionPath);
}

export async function performance(em: EntityManager, viewer: Viewer, args: PerformanceArgs, weights: PerformanceWeights, now = new Date()): Promise<PerformanceRowType[]> {
  const { from, to } = performancePeriod(args, now);
  if (!(from < to)) throw badInput('from must be before to.', 'from');
  const region = await regionOf(em, viewer, args.regionId);
  const within = region ? `${escapeLike(region.path)}%` : '%';

  /** Per grouping: the join that brings the group in, its parameters, the grouping and the row's key, name and object. */
  const likePath = `replace(replace(replace(r.path, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'`;
  const plans: Record<PerformanceGroup, { join: string; joinParams: unknown[]; groupBy: string; key: string; name: string; object: string }> = {
    [PerformanceGroup.CADRE]: {
      join: 'join cadre c on c.id = a.cadre_id',
      joinParams: [],
      groupBy: 'c.id, c.name, c.level, c.unit',
      key: 'c.id::text',
      name: 'c.name',
      object: `json_build_object('id', c.id, 'name', c.name, 'level', c.level, 'unit', c.unit) as cadre, null::json as region`,
    },
    [PerformanceGroup.UNIT]: {
      join: 'join cadre c on c.id = a.cadre_id',
      joinParams: [],
      groupBy: 'c.unit',
      key: 'c.unit',
      name: 'c.unit',
      object: 'null::json as cadre, null::json as region',
    },
    // One row per region directly below the one asked for (below the top when none).
    [PerformanceGroup.REGION]: {
      join: `join region r on ${region ? 'r.parent_id = ?' : 'r.parent_id is null'} and a.region_path like ${likePath}`,
      joinParams: region ? [region.id] : [],
      groupBy: 'r.id, r.name, r.level, r.path',
      key: 'r.id::text',
      name: 'r.name',
      object: `null::json as cadre, json_build_object('id', r.id, 'name', r.name, 'level', r.level, 'path', r.path) as region`,
    },
  };
  const plan = plans[args.groupBy];
  if (!plan) throw badInput('groupBy must be CADRE, UNIT or REGION.', 'groupBy');
  const rows = await em.execute<CountsRow[]>(
    `select ${plan.key} as key, ${plan.name} as name, ${plan.object},
       count(*) as assigned,
       count(*) filter (where a.responded_at is not null and a.responded_at <= a.response_due_at) as responded_on_time,
       count(*) filter (where a.resolved_at is not null) as resolved,
       count(*) filter (where a.resolved_on_time) as resolved_on_time,
       count(*) filter (where a.returns > 0) as returned,
       count(*) filter (where a.resolved_on_time = false
         or (a.resolved_at is null and a.held and i.status in ${UNRESOLVED} and i.resolve_due_at < ?::timestamptz)) as overdue,
       coalesce(sum(a.followed_up), 0) as followed_up, coalesce(sum(a.satisfied), 0) as satisfied, coalesce(sum(a.reopened), 0) as reopened
     from issue_assignment a join issue i on i.id = a.issue_id ${plan.join}
     where a.assigned_at >= ? and a.assigned_at < ? and a.region_path like ?
     group by ${plan.groupBy}`,
    [now, ...plan.joinParams, from, to, within],
  );
  const out: PerformanceRowType[] = rows.map((r) => {
    const n = (v: string | number) => Number(v);
    const assigned = n(r.assigned);
    const resolved = n(r.resolved);
    const followedUp = n(r.followed_up);
    const responseRate = rate(n(r.responded_on_time), assigned);
    const resolutionRate = rate(resolved, assigned);
    const satisfactionRate = rate(n(r.satisfied), followedUp);
    return {
      key: r.key,
      name: r.name,
      cadre: r.cadre,
      region: r.region,
      assigned,
      respondedOnTime: n(r.responded_on_time),
      resolved,
      resolvedOnTime: n(r.resolved_on_time),
      returned: n(r.returned),
      overdue: n(r.overdue),
      followedUp,
      satisfied: n(r.satisfied),
      reopened: n(r.reopened),
      responseRate,
      resolutionRate,
      onTimeRate: rate(n(r.resolved_on_time), resolved),
      satisfactionRate,
      returnRate: rate(n(r.returned), assigned),
      score: performanceScore({ response: responseRate, resolution: resolutionRate, satisfaction: satisfactionRate }, weights),
      rank: 0,
    };
  });
  out.sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || a.name.localeCompare(b.name) || a.key.localeCompare(b.key));
  out.forEach((row, index) => {
    const previous = out[index - 1];
    row.rank = previous && previous.score === row.score ? previous.rank : index + 1;
  });
  return out;
}
