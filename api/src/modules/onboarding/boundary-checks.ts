/**
 * Checks of imported grid boundaries: a ring that crosses itself, and grids
 * that overlap one another by more than 1 % of a grid's area. Plane geometry on
 * longitude/latitude (as geometry.ts), which is what a share of areas needs.
 */
import { intersection } from 'polygon-clipping';
import { doubleArea } from '../grids/geometry';
import type { LatLng } from '../grids/grid.entity';
import type { BoundingBox } from '../grids/geometry';

/** Strict crossing of segments p1p2 and p3p4 (touching at shared end points does not count). */
function segmentsCross(a: LatLng, b: LatLng, c: LatLng, d: LatLng): boolean {
  const orient = (p: LatLng, q: LatLng, r: LatLng) =>
    Math.sign((q.longitude - p.longitude) * (r.latitude - p.latitude) - (q.latitude - p.latitude) * (r.longitude - p.longitude));
  const o1 = orient(a, b, c);
  const o2 = orient(a, b, d);
  const o3 = orient(c, d, a);
  const o4 = orient(c, d, b);
  if (o1 !== o2 && o3 !== o4 && o1 !== 0 && o2 !== 0 && o3 !== 0 && o4 !== 0) return true;
  // Collinear overlap of two edges also makes the ring invalid.
  const within = (p: LatLng, q: LatLng, r: LatLng) =>
    Math.min(p.longitude, q.longitude) <= r.longitude &&
    r.longitude <= Math.max(p.longitude, q.longitude) &&
    Math.min(p.latitude, q.latitude) <= r.latitude &&
    r.latitude <= Math.max(p.latitude, q.latitude);
  const sameAs = (p: LatLng, q: LatLng) => p.latitude === q.latitude && p.longitude === q.longitude;
  if (o1 === 0 && within(a, b, c) && !sameAs(c, a) && !sameAs(c, b)) return true;
  if (o2 === 0 && within(a, b, d) && !sameAs(d, a) && !sameAs(d, b)) return true;
  return false;
}

/** Does the closed ring (closing edge implied) cross itself? O(n²) over edges: fine at a grid's few hundred points. */
export function selfIntersects(ring: readonly LatLng[]): boolean {
  const n = ring.length;
  for (let i = 0; i < n; i++) {
    const a = ring[i];
    const b = ring[(i + 1) % n];
    for (let j = i + 1; j < n; j++) {
      // Neighbouring edges share a point by construction.
      if (j === i + 1 || (i === 0 && j === n - 1)) continue;
      if (segmentsCross(a, b, ring[j], ring[(j + 1) % n])) return true;
    }
  }
  return false;
}

export function area(ring: readonly LatLng[]): number {
  return Math.abs(doubleArea(ring)) / 2;
}

function toClipping(ring: readonly LatLng[]): [number, number][][] {
  return [ring.map((p) => [p.longitude, p.latitude] as [number, number])];
}

/** The area two simple rings share. */
export function overlapArea(a: readonly LatLng[], b: readonly LatLng[]): number {
  const shared = intersection(toClipping(a), toClipping(b));
  let total = 0;
  for (const polygon of shared) {
    const [outer, ...holes] = polygon;
    total += ringArea(outer) - holes.reduce((sum, hole) => sum + ringArea(hole), 0);
  }
  return total;
}

function ringArea(ring: [number, number][]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
  return Math.abs(sum) / 2;
}

export interface OverlapCandidate extends BoundingBox {
  key: string;
  ring: readonly LatLng[];
  area: number;
}

/**
 * Every pair whose shared area is more than `share` of either grid's area,
 * found by a sweep over the bounding boxes sorted by west edge (only boxes that
 * meet are clipped).
 */
export function overlapsOver<T extends OverlapCandidate>(grids: readonly T[], share: number, involve: (a: T, b: T) => boolean) {
  const sorted = [...grids].sort((a, b) => a.minLongitude - b.minLongitude);
  const found: { a: T; b: T; shared: number }[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i];
    for (let j = i + 1; j < sorted.length && sorted[j].minLongitude <= a.maxLongitude; j++) {
      const b = sorted[j];
      if (b.minLatitude > a.maxLatitude || b.maxLatitude < a.minLatitude) continue;
      if (!involve(a, b)) continue;
      const shared = overlapArea(a.ring, b.ring);
      if (shared / a.area > share || shared / b.area > share) found.push({ a, b, shared });
    }
  }
  return found;
}
