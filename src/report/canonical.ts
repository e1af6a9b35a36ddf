// A report with a fixed key order, so the machine formats are byte-identical
// for the same report however the pipeline happened to build its objects.
import type { Report } from '../types.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

// Contract order of each object kind; keys not listed follow in sorted order.
const REPORT_KEYS = ['schemaVersion', 'tool', 'input', 'model', 'total', 'shown', 'incidents', 'suppressed', 'timeline'];
const TOOL_KEYS = ['name', 'version'];
const INPUT_KEYS = ['files', 'formats', 'lines', 'records', 'filtered', 'skipped', 'headerLines', 'skippedByReason', 'truncated', 'truncatedByReason', 'timeRange', 'gaps', 'filters'];
const MODEL_KEYS = ['seed', 'trees', 'sampleSize', 'window', 'mode'];
const INCIDENT_KEYS = [
  'id', 'rank', 'score', 'confidence', 'severity', 'kind', 'start', 'end', 'endpoint', 'endpoints',
  'clients', 'consumers', 'userAgents', 'requests', 'summary', 'evidence', 'samples',
];
const EVIDENCE_KEYS = ['feature', 'observed', 'baseline', 'unit', 'text', 'contribution'];
const SAMPLE_KEYS = ['file', 'line', 'text'];
const SUPPRESSED_KEYS = ['incident', 'rule', 'reason'];
const RANGE_KEYS = ['start', 'end'];
const TIMELINE_KEYS = ['bucketMs', 'points'];
const POINT_KEYS = ['t', 'requests', 'score', 'value'];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Copies `value` as plain JSON, dropping undefined; objects sorted by key unless `order` says otherwise. */
function ordered(value: unknown, order: readonly string[] = [], children: Record<string, (v: unknown) => Json> = {}): Json {
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') {
    return null;
  }
  if (value === null || typeof value !== 'object') return value as Json;
  if (Array.isArray(value)) return value.map((item) => ordered(item));
  const keys = Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined);
  const known = order.filter((k) => keys.includes(k));
  const rest = keys.filter((k) => !order.includes(k)).sort(compareKeys);
  const result: { [key: string]: Json } = {};
  for (const key of [...known, ...rest]) {
    const child = (value as Record<string, unknown>)[key];
    const shape = children[key];
    result[key] = shape ? shape(child) : ordered(child);
  }
  return result;
}

const each = (shape: (v: unknown) => Json) => (value: unknown): Json =>
  Array.isArray(value) ? value.map(shape) : ordered(value);

const rangeShape = (v: unknown): Json => ordered(v, RANGE_KEYS);
const sampleShape = (v: unknown): Json => ordered(v, SAMPLE_KEYS);
const pointShape = (v: unknown): Json => ordered(v, POINT_KEYS);
// `series` and `band` feed the HTML charts when a producer sets them; they are not part of the JSON contract.
const evidenceShape = (v: unknown): Json => {
  if (!isObject(v)) return ordered(v);
  const { series: _series, band: _band, ...rest } = v;
  return ordered(rest, EVIDENCE_KEYS);
};
// `occurrences` is [] for an incident that was one continuous span: every array of the contract is always there.
export const incidentShape = (v: unknown): Json =>
  ordered(isObject(v) && v.occurrences === undefined ? { ...v, occurrences: [] } : v, INCIDENT_KEYS, { evidence: each(evidenceShape), samples: each(sampleShape) });

function inputShape(v: unknown): Json {
  if (!isObject(v)) return ordered(v);
  const files = Array.isArray(v.files) ? v.files.filter((f): f is string => typeof f === 'string') : [];
  return ordered(v, INPUT_KEYS, {
    // formats keep the order of `files`, which the reader chose
    formats: (formats) => {
      if (!isObject(formats)) return ordered(formats);
      const keys = Object.keys(formats);
      const byFiles = files.filter((f) => keys.includes(f));
      const result: { [key: string]: Json } = {};
      for (const key of [...byFiles, ...keys.filter((k) => !byFiles.includes(k)).sort(compareKeys)]) {
        result[key] = ordered(formats[key]);
      }
      return result;
    },
    timeRange: rangeShape,
    gaps: each(rangeShape),
  });
}

/**
 * The report as plain JSON data with contract key order: `top` applied to
 * incidents, `total` (incidents the report kept) and `shown` (incidents in this
 * output) beside them, and every array of the schema present, empty or not.
 */
export function canonicalReport(report: Report, top?: number): Json {
  const shown = top !== undefined && top >= 0 ? report.incidents.slice(0, top) : report.incidents;
  const complete = {
    ...report,
    input: { ...report.input, gaps: report.input.gaps ?? [], filters: report.input.filters ?? [] },
    total: report.incidents.length,
    shown: shown.length,
    incidents: shown,
    suppressed: report.suppressed ?? [],
  };
  return ordered(complete, REPORT_KEYS, {
    tool: (v) => ordered(v, TOOL_KEYS),
    input: inputShape,
    model: (v) => ordered(v, MODEL_KEYS),
    incidents: each(incidentShape),
    suppressed: each((v) => ordered(v, SUPPRESSED_KEYS, { incident: incidentShape })),
    timeline: (v) => ordered(v, TIMELINE_KEYS, { points: each(pointShape) }),
  });
}

// JSON.stringify already escapes C0 controls and lone surrogates; these it leaves
// raw, and they would act on a terminal that `cat`s the file (0x9b is CSI).
const JSON_RAW_UNSAFE = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON text that is valid for any string content and inert on a terminal:
 * the escapes only ever occur inside string literals, so the value is unchanged.
 */
export function stringifySafe(value: Json, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(
    JSON_RAW_UNSAFE,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
