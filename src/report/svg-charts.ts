// Inline SVG charts for the HTML report, drawn from numbers only. Every label
// that may come from a log goes through escapeHtml; coordinates are rounded so
// the same report gives the same bytes.
import type { Evidence, Incident, Severity } from '../types.js';
import { formatMinute } from './describe.js';
import { escapeHtml } from '../text/sanitize.js';
import type { ReportTimeline, SeriesPoint } from './timeline-types.js';
import { readEvidenceSeries } from './timeline-types.js';

export const SEVERITY_COLOR: Readonly<Record<Severity, string>> = {
  critical: '#b91c1c',
  high: '#ea580c',
  medium: '#ca8a04',
  low: '#2563eb',
};

const r = (n: number): string => String(Math.round(n * 10) / 10);

interface Frame {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

function scale(domainMin: number, domainMax: number, rangeMin: number, rangeMax: number): (v: number) => number {
  const span = domainMax - domainMin || 1;
  return (v) => rangeMin + ((v - domainMin) / span) * (rangeMax - rangeMin);
}

/** Round tick values: 1, 2 or 5 times a power of ten, about `count` of them. */
function niceTicks(max: number, count: number): number[] {
  if (!(max > 0)) return [0];
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let v = 0; v <= max + step / 2; v += step) ticks.push(Number(v.toPrecision(6)));
  return ticks;
}

function timeTicks(startMs: number, endMs: number, count: number): number[] {
  const span = endMs - startMs;
  if (!(span > 0)) return [startMs];
  const steps = [60_000, 300_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 21_600_000, 43_200_000, 86_400_000, 604_800_000];
  const step = steps.find((s) => span / s <= count) ?? Math.ceil(span / count / 86_400_000) * 86_400_000;
  const ticks: number[] = [];
  for (let t = Math.ceil(startMs / step) * step; t <= endMs; t += step) ticks.push(t);
  return ticks;
}

function timeLabel(ms: number, spanMs: number): string {
  const minute = formatMinute(new Date(ms).toISOString());
  return spanMs > 86_400_000 ? minute.slice(5) : minute.slice(11);
}

function linePath(points: readonly [number, number][]): string {
  return points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${r(x)},${r(y)}`).join('');
}

function timeAxis(frame: Frame, x: (t: number) => number, startMs: number, endMs: number): string {
  const baseline = frame.height - frame.bottom;
  return timeTicks(startMs, endMs, 8)
    .map((t) => {
      const px = r(x(t));
      return (
        `<line x1="${px}" x2="${px}" y1="${frame.top}" y2="${baseline}" class="grid"/>` +
        `<text x="${px}" y="${baseline + 14}" text-anchor="middle" class="tick">${escapeHtml(timeLabel(t, endMs - startMs))}</text>`
      );
    })
    .join('');
}

export interface TimelineChartInput {
  startMs: number;
  endMs: number;
  timeline: ReportTimeline | undefined;
  incidents: readonly Incident[];
  gaps: readonly { start: string; end: string }[];
}

/** Request volume (bars) and anomaly score (line) over the whole input, incidents shaded by severity. */
export function timelineChart({ startMs, endMs, timeline, incidents, gaps }: TimelineChartInput): string {
  const frame: Frame = { width: 960, height: 240, left: 56, right: 44, top: 24, bottom: 28 };
  const plotBottom = frame.height - frame.bottom;
  const x = scale(startMs, endMs, frame.left, frame.width - frame.right);
  const clampX = (t: number): number => Math.min(frame.width - frame.right, Math.max(frame.left, x(t)));
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${frame.width} ${frame.height}" role="img" class="chart timeline" aria-label="Request volume and anomaly score over time">`,
    timeAxis(frame, x, startMs, endMs),
  ];
  for (const gap of gaps) {
    const a = clampX(Date.parse(gap.start));
    const b = clampX(Date.parse(gap.end));
    if (Number.isFinite(a) && Number.isFinite(b) && b > a) {
      parts.push(`<rect x="${r(a)}" y="${frame.top}" width="${r(b - a)}" height="${plotBottom - frame.top}" class="gap"><title>no data ${escapeHtml(formatMinute(gap.start))} – ${escapeHtml(formatMinute(gap.end))}</title></rect>`);
    }
  }
  for (const incident of incidents) {
    const a = clampX(Date.parse(incident.start));
    const b = clampX(Date.parse(incident.end));
    if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
    const width = Math.max(3, b - a);
    parts.push(
      `<a href="#incident-${incident.rank}"><rect x="${r(a)}" y="${frame.top}" width="${r(width)}" height="${plotBottom - frame.top}" fill="${SEVERITY_COLOR[incident.severity] ?? '#666'}" class="incident-span">` +
        `<title>#${incident.rank} ${escapeHtml(incident.severity)} ${escapeHtml(incident.kind)}: ${escapeHtml(formatMinute(incident.start))} – ${escapeHtml(formatMinute(incident.end))}</title></rect>` +
        `<text x="${r(a + width / 2)}" y="${frame.top - 6}" text-anchor="middle" class="marker">#${incident.rank}</text></a>`,
    );
  }
  if (timeline) {
    const maxRequests = Math.max(1, ...timeline.points.map((p) => p.requests));
    const ticks = niceTicks(maxRequests, 4);
    const yRequests = scale(0, ticks[ticks.length - 1] ?? maxRequests, plotBottom, frame.top);
    const yScore = scale(0, 100, plotBottom, frame.top);
    const barWidth = Math.max(1, x(startMs + timeline.bucketMs) - x(startMs) - 1);
    for (const tick of ticks) {
      parts.push(`<text x="${frame.left - 6}" y="${r(yRequests(tick) + 4)}" text-anchor="end" class="tick">${tick}</text>`);
    }
    for (const score of [0, 50, 100]) {
      parts.push(`<text x="${frame.width - frame.right + 6}" y="${r(yScore(score) + 4)}" class="tick score-tick">${score}</text>`);
    }
    for (const point of timeline.points) {
      const px = x(Date.parse(point.t));
      if (px < frame.left - 0.5 || px > frame.width - frame.right) continue;
      const top = yRequests(point.requests);
      parts.push(`<rect x="${r(px)}" y="${r(top)}" width="${r(barWidth)}" height="${r(plotBottom - top)}" class="volume"><title>${escapeHtml(formatMinute(point.t))}: ${point.requests} requests, score ${r(point.score)}</title></rect>`);
    }
    const scorePoints = timeline.points.map((p): [number, number] => [x(Date.parse(p.t)) + barWidth / 2, yScore(p.score)]);
    parts.push(`<path d="${linePath(scorePoints)}" class="score-line"/>`);
    parts.push(
      `<text x="${frame.left}" y="14" class="legend"><tspan class="legend-volume">■ requests per ${escapeHtml(bucketLabel(timeline.bucketMs))}</tspan>  <tspan class="legend-score">— anomaly score (0–100, right axis)</tspan></text>`,
    );
  } else {
    parts.push(`<text x="${frame.left}" y="14" class="legend">Incidents over the input's time range (volume and score series not in this report)</text>`);
  }
  parts.push(`<line x1="${frame.left}" x2="${frame.width - frame.right}" y1="${plotBottom}" y2="${plotBottom}" class="axis"/>`, '</svg>');
  return parts.join('');
}

function bucketLabel(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${ms / 1000} s`;
}

function formatNumber(n: number): string {
  return Math.abs(n) >= 100 ? String(Math.round(n)) : String(Number(n.toPrecision(3)));
}

/** The evidence worth a chart: the first with a series, else the first with numbers on both sides. */
export function chartableEvidence(evidence: readonly Evidence[]): Evidence | undefined {
  return (
    evidence.find((e) => readEvidenceSeries(e).series !== undefined) ??
    evidence.find((e) => typeof e.observed === 'number' && typeof e.baseline === 'number')
  );
}

/** The moved metric against its normal band: a line over time when there is a series, else two bars. */
export function evidenceChart(evidence: Evidence, incident: Incident): string {
  const { series, band } = readEvidenceSeries(evidence);
  const frame: Frame = { width: 440, height: 150, left: 52, right: 12, top: 12, bottom: 26 };
  const label = escapeHtml(`${evidence.feature} (${evidence.unit})`);
  const open = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${frame.width} ${frame.height}" role="img" class="chart metric" aria-label="${label}">`;
  const plotBottom = frame.height - frame.bottom;
  const color = SEVERITY_COLOR[incident.severity] ?? '#666';
  if (series) return open + seriesChart(frame, series, band, incident, color) + '</svg>';
  const observed = typeof evidence.observed === 'number' ? evidence.observed : Number.NaN;
  const baseline = typeof evidence.baseline === 'number' ? evidence.baseline : Number.NaN;
  if (!Number.isFinite(observed) || !Number.isFinite(baseline)) return '';
  const max = Math.max(observed, baseline, band?.high ?? 0) * 1.1 || 1;
  const x = scale(0, max, frame.left, frame.width - frame.right);
  const rows: [string, number, string][] = [
    ['normal', baseline, 'baseline-bar'],
    ['observed', observed, 'observed-bar'],
  ];
  const parts = rows.map(
    ([name, value, cls], i) => {
      const y = frame.top + 14 + i * 44;
      const width = Math.max(1, x(Math.max(0, value)) - frame.left);
      return (
        `<text x="${frame.left - 6}" y="${y + 16}" text-anchor="end" class="tick">${name}</text>` +
        `<rect x="${frame.left}" y="${y}" width="${r(width)}" height="24" class="${cls}"${cls === 'observed-bar' ? ` fill="${color}"` : ''}/>` +
        `<text x="${r(frame.left + width + 4)}" y="${y + 16}" class="value">${escapeHtml(formatNumber(value))}</text>`
      );
    },
  );
  if (band) {
    const a = x(band.low);
    parts.unshift(`<rect x="${r(a)}" y="${frame.top}" width="${r(Math.max(1, x(band.high) - a))}" height="${plotBottom - frame.top}" class="band"><title>normal band ${escapeHtml(formatNumber(band.low))}–${escapeHtml(formatNumber(band.high))}</title></rect>`);
  }
  return `${open}${parts.join('')}<line x1="${frame.left}" x2="${frame.left}" y1="${frame.top}" y2="${plotBottom}" class="axis"/></svg>`;
}

function seriesChart(
  frame: Frame,
  series: readonly SeriesPoint[],
  band: { low: number; high: number } | undefined,
  incident: Incident,
  color: string,
): string {
  const plotBottom = frame.height - frame.bottom;
  const times = series.map((p) => Date.parse(p.t));
  const startMs = Math.min(...times, Date.parse(incident.start));
  const endMs = Math.max(...times, Date.parse(incident.end));
  const values = series.map((p) => p.value);
  const max = Math.max(...values, band?.high ?? 0) * 1.1 || 1;
  const min = Math.min(0, ...values, band?.low ?? 0);
  const x = scale(startMs, endMs, frame.left, frame.width - frame.right);
  const y = scale(min, max, plotBottom, frame.top);
  const parts: string[] = [timeAxis(frame, x, startMs, endMs)];
  const a = x(Date.parse(incident.start));
  const b = x(Date.parse(incident.end));
  if (Number.isFinite(a) && Number.isFinite(b)) {
    parts.push(`<rect x="${r(a)}" y="${frame.top}" width="${r(Math.max(2, b - a))}" height="${plotBottom - frame.top}" fill="${color}" class="incident-span"/>`);
  }
  if (band) {
    parts.push(`<rect x="${frame.left}" y="${r(y(band.high))}" width="${frame.width - frame.left - frame.right}" height="${r(Math.max(1, y(band.low) - y(band.high)))}" class="band"><title>normal band ${escapeHtml(formatNumber(band.low))}–${escapeHtml(formatNumber(band.high))}</title></rect>`);
  }
  for (const tick of [min, (min + max) / 2, max]) {
    parts.push(`<text x="${frame.left - 6}" y="${r(y(tick) + 4)}" text-anchor="end" class="tick">${escapeHtml(formatNumber(tick))}</text>`);
  }
  const points = series.map((p, i): [number, number] => [x(times[i] ?? startMs), y(p.value)]);
  parts.push(`<path d="${linePath(points)}" class="metric-line" stroke="${color}"/>`);
  for (const [px, py] of points) parts.push(`<circle cx="${r(px)}" cy="${r(py)}" r="2.5" fill="${color}"/>`);
  parts.push(`<line x1="${frame.left}" x2="${frame.width - frame.right}" y1="${plotBottom}" y2="${plotBottom}" class="axis"/>`);
  return parts.join('');
}
