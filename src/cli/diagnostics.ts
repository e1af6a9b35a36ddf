import type { IngestStats } from '../types.js';
import type { AnalysisSettings } from './analysis-options.js';
import { escapeTerminal } from '../report/sanitize.js';

/** Warnings a run owes its user on stderr: skipped lines, folded routes, stale rules. */
export function printDiagnostics(settings: AnalysisSettings, stats: IngestStats, ruleWarnings: readonly string[], foldedRoutes: number): void {
  if (settings.quiet) return;
  const lines: string[] = [];
  if (stats.skipped > 0) {
    const reasons = Object.entries(stats.skippedByReason)
      .sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1))
      .map(([reason, { count, firstLines }]) => `${reason} ${count} (first at ${firstLines.map((s) => `${s.file}:${s.line}`).join(', ')})`);
    lines.push(`anomalog: skipped ${stats.skipped} of ${stats.lines} lines: ${reasons.join('; ')}`);
  }
  if (foldedRoutes > 0) lines.push(`anomalog: ${foldedRoutes} rare routes were folded into /{other} (raise --max-routes to keep more)`);
  for (const warning of ruleWarnings) lines.push(`anomalog: ${warning}`);
  if (lines.length > 0) process.stderr.write(`${lines.map(escapeTerminal).join('\n')}\n`);
}
