// Series data the HTML report draws. Not (yet) part of the Report contract in
// src/types.ts, so every reader here treats it as optional and untrusted: a
// report without it, or with a malformed one, still renders.
import type { Evidence, Report } from '../types.js';

export interface TimelinePoint {
  /** Bucket start, ISO 8601. */
  t: string;
  requests: number;
  /** Highest anomaly score (0–100) of any window in the bucket. */
  score: number;
}

/** Request volume and anomaly score over the whole input, one point per bucket. */
export interface ReportTimeline {
  bucketMs: number;
  points: TimelinePoint[];
}

export interface SeriesPoint {
  t: string;
  value: number;
}

/** The moved metric over time and the band its baseline considers normal. */
export interface EvidenceSeries {
  series?: SeriesPoint[];
  band?: { low: number; high: number };
}

export type ReportWithTimeline = Report & { timeline?: ReportTimeline };
export type EvidenceWithSeries = Evidence & EvidenceSeries;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isTime(value: unknown): value is string {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value));
}

/** The report's timeline with unusable points dropped, or undefined when it has none. */
export function readTimeline(report: Report): ReportTimeline | undefined {
  const timeline: unknown = (report as ReportWithTimeline).timeline;
  if (!isRecord(timeline) || !isFiniteNumber(timeline.bucketMs) || !Array.isArray(timeline.points)) {
    return undefined;
  }
  const points = timeline.points.filter(
    (p: unknown): p is TimelinePoint =>
      isRecord(p) && isTime(p.t) && isFiniteNumber(p.requests) && isFiniteNumber(p.score),
  );
  return points.length > 0 ? { bucketMs: timeline.bucketMs, points } : undefined;
}

/** An evidence item's series and band, each only when well-formed. */
export function readEvidenceSeries(evidence: Evidence): EvidenceSeries {
  const { series, band } = evidence as EvidenceWithSeries as { series?: unknown; band?: unknown };
  const result: EvidenceSeries = {};
  if (Array.isArray(series)) {
    const points = series.filter(
      (p: unknown): p is SeriesPoint => isRecord(p) && isTime(p.t) && isFiniteNumber(p.value),
    );
    if (points.length > 0) result.series = points;
  }
  if (isRecord(band) && isFiniteNumber(band.low) && isFiniteNumber(band.high) && band.low <= band.high) {
    result.band = { low: band.low, high: band.high };
  }
  return result;
}
