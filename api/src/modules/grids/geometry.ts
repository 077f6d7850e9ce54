/** Plane geometry on latitude/longitude, good enough at the size of a grid. */
import type { LatLng } from './grid.entity';

export interface BoundingBox {
  minLatitude: number;
  maxLatitude: number;
  minLongitude: number;
  maxLongitude: number;
}

export function boundingBox(polygon: readonly LatLng[]): BoundingBox {
  return {
    minLatitude: Math.min(...polygon.map((p) => p.latitude)),
    maxLatitude: Math.max(...polygon.map((p) => p.latitude)),
    minLongitude: Math.min(...polygon.map((p) => p.longitude)),
    maxLongitude: Math.max(...polygon.map((p) => p.longitude)),
  };
}

/** Ray casting: is the point inside the simple polygon (edges included)? The closing edge is implied. */
export function pointInPolygon(point: LatLng, polygon: readonly LatLng[]): boolean {
  let inside = false;
  const x = point.longitude;
  const y = point.latitude;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const xi = polygon[i].longitude;
    const yi = polygon[i].latitude;
    const xj = polygon[j].longitude;
    const yj = polygon[j].latitude;
    if (onSegment(x, y, xi, yi, xj, yj)) return true;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function onSegment(x: number, y: number, x1: number, y1: number, x2: number, y2: number): boolean {
  const cross = (x - x1) * (y2 - y1) - (y - y1) * (x2 - x1);
  if (Math.abs(cross) > 1e-12) return false;
  return x >= Math.min(x1, x2) && x <= Math.max(x1, x2) && y >= Math.min(y1, y2) && y <= Math.max(y1, y2);
}

/** Twice the signed area; zero means the points are all on one line. */
export function doubleArea(polygon: readonly LatLng[]): number {
  let sum = 0;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    sum += polygon[j].longitude * polygon[i].latitude - polygon[i].longitude * polygon[j].latitude;
  }
  return sum;
}
