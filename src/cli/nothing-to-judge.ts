import type { IngestStats } from '../types.js';
import { InputError } from '../errors.js';
import { escapeTerminal } from '../text/sanitize.js';
import { formatCount, formatCountOf } from '../text/format-values.js';

/**
 * Why a run analysed no record, in one sentence, or null when it analysed some.
 * A CI gate must not go green because nothing was checked: an empty file or
 * directory, inputs that are all binary or all skipped, a time window past the
 * data all end here.
 */
export function describeNothingToJudge(stats: IngestStats, filtered: number): string | null {
  if (stats.records - filtered > 0) return null;
  if (stats.files.length === 0) return 'nothing to judge: the inputs hold no file';
  if (stats.lines === 0) return `nothing to judge: ${formatCountOf(stats.files.length, 'input')} and not one line in ${stats.files.length === 1 ? 'it' : 'them'}`;
  if (stats.records === 0) {
    const reasons = Object.entries(stats.skippedByReason)
      .sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1))
      .slice(0, 3)
      .map(([reason, { count }]) => `${reason} ${formatCount(count)}`);
    const why = reasons.length > 0 ? ` (skipped: ${reasons.join(', ')})` : '';
    const lines = stats.lines === 1 ? 'the one line read is not' : `not one of the ${formatCount(stats.lines)} lines read is`;
    return `nothing to judge: ${lines} an access-log record${why}`;
  }
  const range = stats.timeRange === null ? '' : ` (the records span ${new Date(stats.timeRange.start).toISOString()} to ${new Date(stats.timeRange.end).toISOString()})`;
  return `nothing to judge: all ${formatCount(stats.records)} records fall outside --since/--until and the record filters${range}`;
}

/**
 * Exit 2 with one line when no record was analysed; with --allow-empty the run
 * goes on to an empty report (exit 0) and says why on stderr unless quiet.
 */
export function requireSomethingToJudge(stats: IngestStats, filtered: number, options: { allowEmpty: boolean; quiet: boolean }): void {
  const reason = describeNothingToJudge(stats, filtered);
  if (reason === null) return;
  if (!options.allowEmpty) throw new InputError(`${escapeTerminal(reason)}; pass --allow-empty to accept an empty input`);
  if (!options.quiet) process.stderr.write(`anomalog: ${escapeTerminal(reason)}\n`);
}
