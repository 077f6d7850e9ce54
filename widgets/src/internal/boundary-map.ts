/**
 * Grid boundaries as an inline SVG, in Web Mercator so that an optional tile
 * layer (any {z}/{x}/{y} template, e.g. 天地图) lines up under them. No tile
 * server is needed: without a template only the outlines are drawn.
 */
import { svg, type SVGTemplateResult } from 'lit';

export interface Outline {
  name: string;
  points: { latitude: number; longitude: number }[];
}

const TILE = 256;

/** Longitude/latitude to Web Mercator world units (0..1 on both axes). */
function project(longitude: number, latitude: number): [number, number] {
  const lat = (Math.max(-85, Math.min(85, latitude)) * Math.PI) / 180;
  return [(longitude + 180) / 360, (1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2];
}

/** The map's SVG content and viewBox, or null when no outline has points. */
export function boundaryMap(outlines: Outline[], tileTemplate = ''): { viewBox: string; content: SVGTemplateResult } | null {
  const shapes = outlines.filter((o) => o.points.length >= 3).map((o) => ({ name: o.name, xy: o.points.map((p) => project(p.longitude, p.latitude)) }));
  if (!shapes.length) return null;
  const all = shapes.flatMap((s) => s.xy);
  const [minX, maxX] = [Math.min(...all.map((p) => p[0])), Math.max(...all.map((p) => p[0]))];
  const [minY, maxY] = [Math.min(...all.map((p) => p[1])), Math.max(...all.map((p) => p[1]))];
  const span = Math.max(maxX - minX, maxY - minY, 1e-7);
  // A zoom at which the area is a few tiles wide; the SVG's units are that zoom's pixels.
  const zoom = Math.max(1, Math.min(18, Math.floor(Math.log2(1 / span)) + 2));
  const scale = TILE * 2 ** zoom;
  const pad = span * 0.08 * scale;
  const [x0, y0] = [minX * scale - pad, minY * scale - pad];
  const [w, h] = [(maxX - minX) * scale + 2 * pad, (maxY - minY) * scale + 2 * pad];
  const tiles: SVGTemplateResult[] = [];
  if (tileTemplate) {
    for (let tx = Math.floor(x0 / TILE); tx * TILE < x0 + w; tx++) {
      for (let ty = Math.floor(y0 / TILE); ty * TILE < y0 + h; ty++) {
        const href = tileTemplate.replace('{z}', String(zoom)).replace('{x}', String(tx)).replace('{y}', String(ty));
        tiles.push(svg`<image href=${href} x=${tx * TILE} y=${ty * TILE} width=${TILE} height=${TILE}></image>`);
      }
    }
  }
  const stroke = Math.max(w, h) / 250;
  const content = svg`${tiles}${shapes.map((s) => {
    const points = s.xy.map(([x, y]) => `${(x * scale).toFixed(1)},${(y * scale).toFixed(1)}`).join(' ');
    const cx = (s.xy.reduce((t, p) => t + p[0], 0) / s.xy.length) * scale;
    const cy = (s.xy.reduce((t, p) => t + p[1], 0) / s.xy.length) * scale;
    return svg`<g><title>${s.name}</title><polygon points=${points} fill="var(--_primary)" fill-opacity="0.12" stroke="var(--_primary)" stroke-width=${stroke}></polygon>
      <text x=${cx} y=${cy} text-anchor="middle" font-size=${stroke * 6} fill="var(--_text)">${s.name}</text></g>`;
  })}`;
  return { viewBox: `${x0.toFixed(1)} ${y0.toFixed(1)} ${w.toFixed(1)} ${h.toFixed(1)}`, content };
}
