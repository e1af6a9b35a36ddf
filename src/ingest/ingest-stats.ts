import type { IngestStats, InputSummary, SourceRef } from '../types.js';

/** Line numbers kept per skip reason, so a user can look at examples without a huge summary. */
export const FIRST_LINES_PER_REASON = 5;

/**
 * Skip reasons for lines that carry no request by design (format headers,
 * comments, blank lines, fragments merged into the previous record). They do
 * not fail `--strict`; headers and comments are counted apart (`headerLines`),
 * blank lines and fragments as skipped.
 */
export const STRUCTURAL_SKIP_REASONS: ReadonlySet<string> = new Set(['header', 'comment', 'blank', 'continuation']);

export function createIngestStats(): IngestStats {
  return { lines: 0, records: 0, skipped: 0, headerLines: 0, skippedByReason: {}, truncated: 0, truncatedByReason: {}, formats: {}, files: [], timeRange: null };
}

/** A record kept from a line cut inside a trailing field: counted per reason like skips, but still a record. */
export function countTruncated(stats: IngestStats, reason: string, source: SourceRef): void {
  stats.truncated += 1;
  let entry = stats.truncatedByReason[reason];
  if (entry === undefined) {
    entry = { count: 0, firstLines: [] };
    stats.truncatedByReason[reason] = entry;
  }
  entry.count += 1;
  if (entry.firstLines.length < FIRST_LINES_PER_REASON) entry.firstLines.push(source);
}

/** Lines that are part of a format's structure (IIS/CloudFront `#Fields:`, `#Date:`…, a CSV header row): counted apart from skipped lines. */
export const HEADER_REASONS: ReadonlySet<string> = new Set(['header', 'comment']);

export function countSkip(stats: IngestStats, reason: string, source: SourceRef): void {
  stats.lines += 1;
  if (HEADER_REASONS.has(reason)) {
    stats.headerLines += 1;
    return;
  }
  stats.skipped += 1;
  let entry = stats.skippedByReason[reason];
  if (entry === undefined) {
    entry = { count: 0, firstLines: [] };
    stats.skippedByReason[reason] = entry;
  }
  entry.count += 1;
  if (entry.firstLines.length < FIRST_LINES_PER_REASON) entry.firstLines.push(source);
}

/**
 * Entries beyond the first of physical lines that hold several (Azure
 * `{"records":[…]}`, Kong batch arrays). `lines` counts entries, so that
 * `lines === records + skipped + headerLines` holds; physical lines are `lines` minus these.
 * Kept beside the stats object, not in it, because IngestStats is a shared
 * contract (src/types.ts).
 */
const expandedEntries = new WeakMap<IngestStats, number>();

export function countExpandedEntries(stats: IngestStats, extra: number): void {
  expandedEntries.set(stats, (expandedEntries.get(stats) ?? 0) + extra);
}

/** Extra entries read from multi-record lines (0 for most logs). */
export function expandedEntryCount(stats: IngestStats): number {
  return expandedEntries.get(stats) ?? 0;
}

export function countRecord(stats: IngestStats, timeMs: number): void {
  stats.lines += 1;
  stats.records += 1;
  const range = stats.timeRange;
  if (range === null) stats.timeRange = { start: timeMs, end: timeMs };
  else if (timeMs < range.start) range.start = timeMs;
  else if (timeMs > range.end) range.end = timeMs;
}

/** The `--stats` summary: plain text, one fact per line, for stderr. */
export function formatIngestStats(stats: IngestStats): string {
  const lines: string[] = [];
  const fileWord = stats.files.length === 1 ? 'file' : 'files';
  const expanded = expandedEntryCount(stats);
  const physical = expanded > 0 ? `, ${stats.lines - expanded} physical lines + ${expanded} more entries of multi-record lines` : '';
  lines.push(`lines read: ${stats.lines} (${stats.files.length} ${fileWord}${physical})`);
  lines.push(`records: ${stats.records}`);
  if (stats.headerLines > 0) lines.push(`header lines: ${stats.headerLines}`);
  lines.push(`skipped: ${stats.skipped}`);
  const reasons = Object.entries(stats.skippedByReason).sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1));
  for (const [reason, entry] of reasons) {
    const where = entry.firstLines.map((ref) => `${ref.file}:${ref.line}`).join(', ');
    const more = entry.count > entry.firstLines.length ? ', …' : '';
    lines.push(`  ${reason}: ${entry.count} (${where}${more})`);
  }
  if (stats.truncated > 0) {
    lines.push(`truncated: ${stats.truncated} (records kept from lines cut inside a trailing field)`);
    const cut = Object.entries(stats.truncatedByReason).sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1));
    for (const [reason, entry] of cut) {
      const where = entry.firstLines.map((ref) => `${ref.file}:${ref.line}`).join(', ');
      const more = entry.count > entry.firstLines.length ? ', …' : '';
      lines.push(`  ${reason}: ${entry.count} (${where}${more})`);
    }
  }
  if (stats.timeRange !== null) {
    lines.push(`time range: ${new Date(stats.timeRange.start).toISOString()} .. ${new Date(stats.timeRange.end).toISOString()}`);
  }
  lines.push('formats:');
  for (const file of stats.files) lines.push(`  ${file}: ${stats.formats[file] ?? '-'}`);
  return `${lines.join('\n')}\n`;
}

/**
 * The report's input block of a run: what was read, skip counts by reason (sorted), the time range in ISO.
 * With a filter, `records` and `timeRange` are those of the records it kept, and `filtered` how many it left out.
 */
export function toInputSummary(stats: IngestStats, kept?: { filtered: number; timeRange: { start: number; end: number } | null }): InputSummary {
  const skippedByReason: Record<string, number> = {};
  for (const reason of Object.keys(stats.skippedByReason).sort()) skippedByReason[reason] = stats.skippedByReason[reason]!.count;
  return {
    files: [...stats.files],
    formats: { ...stats.formats },
    lines: stats.lines,
    records: stats.records - (kept?.filtered ?? 0),
    filtered: kept?.filtered ?? 0,
    skipped: stats.skipped,
    headerLines: stats.headerLines,
    skippedByReason,
    ...(stats.truncated > 0 ? { truncated: stats.truncated, truncatedByReason: countsByReason(stats.truncatedByReason) } : {}),
    timeRange: isoRange(kept === undefined ? stats.timeRange : kept.timeRange),
  };
}

function isoRange(range: { start: number; end: number } | null): { start: string; end: string } | null {
  return range === null ? null : { start: new Date(range.start).toISOString(), end: new Date(range.end).toISOString() };
}

function countsByReason(byReason: IngestStats['truncatedByReason']): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const reason of Object.keys(byReason).sort()) counts[reason] = byReason[reason]!.count;
  return counts;
}
