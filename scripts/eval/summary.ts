// Adds up the per-format match results of one mode and prints them against the targets.
import type { MatchResult, ReportedIncident } from './match.js';

export const TARGETS = { recall: 0.9, precision: 0.8, kindAccuracy: 0.8, cleanHighOrCritical: 1 } as const;

export interface FormatOutcome {
  format: string;
  lines: number;
  result: MatchResult;
  cleanHighOrCritical: number;
  seconds: number;
  /** Incidents of the top L that matched no label, for reading what the detector got wrong. */
  falsePositives: ReportedIncident[];
}

export interface ModeSummary {
  mode: string;
  command: string;
  formats: FormatOutcome[];
  recall: number;
  precision: number | null;
  kindAccuracy: number | null;
  cleanHighOrCriticalMax: number;
  pass: { recall: boolean; precision: boolean; kindAccuracy: boolean; clean: boolean };
}

interface KindTotals {
  planted: number;
  recalled: number;
  matched: number;
  kindRight: number;
  ranks: Array<number | null>;
  reportedKinds: Map<string, number>;
}

const ratio = (value: number | null): string => (value === null ? 'n/a' : value.toFixed(2));
const verdict = (ok: boolean): string => (ok ? 'PASS' : 'FAIL');

export function summarize(mode: string, command: string, formats: FormatOutcome[]): ModeSummary {
  const sum = (pick: (r: MatchResult) => number): number => formats.reduce((total, f) => total + pick(f.result), 0);
  const planted = sum((r) => r.planted);
  const considered = sum((r) => r.precisionConsidered);
  const matched = sum((r) => r.matched);
  const recall = planted === 0 ? 1 : sum((r) => r.recalled) / planted;
  const precision = considered === 0 ? null : sum((r) => r.precisionMatched) / considered;
  const kindAccuracy = matched === 0 ? null : sum((r) => r.kindRight) / matched;
  const cleanHighOrCriticalMax = Math.max(0, ...formats.map((f) => f.cleanHighOrCritical));
  return {
    mode, command, formats, recall, precision, kindAccuracy, cleanHighOrCriticalMax,
    pass: {
      recall: recall >= TARGETS.recall,
      precision: precision !== null && precision >= TARGETS.precision,
      kindAccuracy: kindAccuracy !== null && kindAccuracy >= TARGETS.kindAccuracy,
      clean: cleanHighOrCriticalMax <= TARGETS.cleanHighOrCritical,
    },
  };
}

function table(rows: string[][]): string {
  const widths = (rows[0] ?? []).map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd()).join('\n');
}

export function renderSummary(summary: ModeSummary, verbose: boolean): string {
  const out: string[] = [];
  out.push(`== ${summary.mode}: ${summary.command}`);
  out.push(
    table([
      ['format', 'lines', 'planted', 'reported', 'recall@2L', 'precision@L', 'kind right', 'clean day high/critical', 'seconds'],
      ...summary.formats.map((f) => [
        f.format, String(f.lines), String(f.result.planted), String(f.result.reported), ratio(f.result.recall), ratio(f.result.precision),
        `${f.result.kindRight}/${f.result.matched}`, String(f.cleanHighOrCritical), f.seconds.toFixed(1),
      ]),
    ]),
  );
  out.push('');
  const kinds = new Map<string, KindTotals>();
  for (const f of summary.formats) {
    for (const [kind, figures] of Object.entries(f.result.perKind)) {
      const totals: KindTotals = kinds.get(kind) ?? { planted: 0, recalled: 0, matched: 0, kindRight: 0, ranks: [], reportedKinds: new Map<string, number>() };
      totals.planted += figures.planted;
      totals.recalled += figures.recalled;
      totals.matched += figures.matched;
      totals.kindRight += figures.kindRight;
      totals.ranks.push(...figures.ranks);
      for (const reported of figures.reportedKinds) totals.reportedKinds.set(reported, (totals.reportedKinds.get(reported) ?? 0) + 1);
      kinds.set(kind, totals);
    }
  }
  out.push(
    table([
      ['planted kind', 'planted', 'found@2L', 'recall', 'kind right', 'ranks (per format)', 'reported as'],
      ...[...kinds.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([kind, t]) => [
        kind, String(t.planted), String(t.recalled), ratio(t.recalled / t.planted), `${t.kindRight}/${t.matched}`,
        t.ranks.map((r) => (r === null ? '-' : String(r))).join(','),
        [...t.reportedKinds.entries()].map(([k, n]) => `${k}×${n}`).join(' ') || '-',
      ]),
    ]),
  );
  if (verbose) {
    for (const f of summary.formats) {
      if (f.falsePositives.length === 0) continue;
      out.push('', `unmatched incidents in the top L (${f.format}):`);
      for (const incident of f.falsePositives) {
        out.push(`  ${incident.severity ?? '?'} ${incident.kind} ${incident.start}..${incident.end} ${incident.endpoint ?? '-'} clients=${(incident.clients ?? []).slice(0, 3).join(',')}${(incident.clients ?? []).length > 3 ? ',…' : ''} consumers=${(incident.consumers ?? []).slice(0, 2).join(',')}`);
      }
    }
  }
  out.push('');
  out.push(
    `overall: recall@2L ${ratio(summary.recall)} (target ≥ ${TARGETS.recall}: ${verdict(summary.pass.recall)}) · ` +
      `precision@L ${ratio(summary.precision)} (≥ ${TARGETS.precision}: ${verdict(summary.pass.precision)}) · ` +
      `kind right ${ratio(summary.kindAccuracy)} (≥ ${TARGETS.kindAccuracy}: ${verdict(summary.pass.kindAccuracy)}) · ` +
      `clean day high/critical ≤ ${summary.cleanHighOrCriticalMax} (≤ ${TARGETS.cleanHighOrCritical}: ${verdict(summary.pass.clean)})`,
  );
  return out.join('\n');
}
