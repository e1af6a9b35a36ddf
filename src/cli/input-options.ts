import { Option, type Command } from 'commander';
import { UsageError } from '../errors.js';
import type { IngestOptions } from '../ingest/read-records.js';
import { DEFAULT_MAX_CLIENTS } from '../features/traffic-aggregator.js';
import { escapeTerminal } from '../text/sanitize.js';

/** Where the CLI shows ingest's warnings (skipped directory entries, damaged inputs): stderr, escaped. */
function warnOnStderr(message: string): void {
  process.stderr.write(`anomalog: warning: ${escapeTerminal(message)}\n`);
}

/** The input flags as commander hands them over. */
export interface RawInputOptions {
  logFormat?: string;
  map?: string[];
  strict?: boolean;
  maxRoutes?: string;
  maxClients?: string;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Adds the flags every command that reads logs shares: --log-format, --map, --strict, --max-routes. */
export function addInputOptions(command: Command): Command {
  return command
    .addOption(new Option('--log-format <name>', "log format of every input instead of detecting it (see 'anomalog formats')"))
    .addOption(
      new Option('--map <record_field=source_field>', 'for json/csv logs: take a record field from this source field or dot path (repeatable)').argParser(
        collect,
      ),
    )
    .addOption(new Option('--strict', 'fail (exit 2) at the first line that is not a record (headers, comments and blank lines excepted); for score, also when the baseline knows too few of the scored endpoints'))
    .addOption(new Option('--max-routes <n>', 'distinct inferred endpoints kept before the rest fold into /{other}').default('1000'))
    .addOption(new Option('--max-clients <n>', 'distinct clients kept apart before the rest count as one "(other clients)"').default(String(DEFAULT_MAX_CLIENTS)));
}

const MAP_PAIR = /^([A-Za-z][A-Za-z0-9_]*)=(.+)$/;

/** Validates the raw flags and turns them into ingest options; bad values are a `UsageError`. */
export function toIngestOptions(raw: RawInputOptions): IngestOptions {
  const options: IngestOptions = { onWarning: warnOnStderr };
  if (raw.logFormat !== undefined) options.logFormat = raw.logFormat;
  if (raw.strict === true) options.strict = true;
  if (raw.map !== undefined && raw.map.length > 0) {
    const fieldMap: Record<string, string> = {};
    for (const pair of raw.map) {
      const match = MAP_PAIR.exec(pair);
      if (match === null) throw new UsageError(`--map expects record_field=source_field, got '${pair}'`);
      fieldMap[match[1]!] = match[2]!;
    }
    options.fieldMap = fieldMap;
  }
  if (raw.maxRoutes !== undefined) options.maxRoutes = parsePositiveInteger('--max-routes', raw.maxRoutes);
  if (raw.maxClients !== undefined) options.maxClients = parsePositiveInteger('--max-clients', raw.maxClients);
  return options;
}

export function parsePositiveInteger(flag: string, value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || !Number.isSafeInteger(Number(value))) {
    throw new UsageError(`${flag} expects a positive integer, got '${value}'`);
  }
  return Number(value);
}
