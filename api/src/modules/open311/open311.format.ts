/**
 * Open311 GeoReport v2 answers in its two formats. JSON is the objects as
 * they are; XML (mandatory in the standard) wraps them in the standard's
 * elements — `<services><service>…`, `<service_requests><request>…`,
 * `<errors><error>…` — built with fast-xml-parser, which escapes the text.
 */
import { XMLBuilder } from 'fast-xml-parser';

export type Open311Format = 'json' | 'xml';

const builder = new XMLBuilder({ format: false, suppressEmptyNode: false, processEntities: true });

/** The element names of each answer: the list's element and each item's. */
export const XML_NAMES = {
  services: ['services', 'service'],
  serviceRequests: ['service_requests', 'request'],
  errors: ['errors', 'error'],
} as const;

/** Nulls become empty elements; arrays of scalars (keywords, formats) stay as the standard writes them. */
function forXml(value: unknown): unknown {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(forXml);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, forXml(v)]));
  return value;
}

export function xmlDocument(root: string, content: unknown): string {
  return `<?xml version="1.0" encoding="utf-8"?>${builder.build({ [root]: forXml(content) })}`;
}

/** A list answer: `[…]` in JSON, `<list><item>…</item>…</list>` in XML. */
export function renderList(format: Open311Format, names: readonly [string, string], items: readonly Record<string, unknown>[]): { type: string; body: string } {
  if (format === 'json') return { type: 'application/json; charset=utf-8', body: JSON.stringify(items) };
  return { type: 'text/xml; charset=utf-8', body: xmlDocument(names[0], items.length ? { [names[1]]: items } : '') };
}

/** A single-object answer (discovery, a service definition). */
export function renderObject(format: Open311Format, root: string, object: Record<string, unknown>): { type: string; body: string } {
  if (format === 'json') return { type: 'application/json; charset=utf-8', body: JSON.stringify(object) };
  return { type: 'text/xml; charset=utf-8', body: xmlDocument(root, object) };
}
