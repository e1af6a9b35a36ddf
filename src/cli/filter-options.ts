import { InvalidArgumentError, Option, type Command } from 'commander';
import { FilterSyntaxError, RecordFilter, type RecordFilterSpec } from '../config/record-filter.js';
import { parseTimeFlag } from './parse-duration.js';

/** The record flags as commander hands them over (each repeatable). */
export interface RawFilterOptions {
  client?: string[];
  consumer?: string[];
  route?: string[];
  method?: string[];
  status?: string[];
  agent?: string[];
}

/** Collects a repeatable flag, checking each value as it comes so a bad one is a usage error naming the flag. */
function collectChecked(flag: keyof RawFilterOptions) {
  return (value: string, previous: string[] | undefined): string[] => {
    try {
      new RecordFilter({ [flag]: [value] });
    } catch (error) {
      if (error instanceof FilterSyntaxError) throw new InvalidArgumentError(error.message);
      throw error;
    }
    return [...(previous ?? []), value];
  };
}

/**
 * Adds the flags that choose which records a command reads (the time range and the record fields), one
 * wording for every reading command. Repeat a field flag for "any of these";
 * different flags must all match.
 */
export function addRecordFilterOptions(command: Command): Command {
  return command
    .addOption(new Option('--since <time>', 'only records at or after this ISO 8601 time').argParser(parseTimeFlag))
    .addOption(new Option('--until <time>', 'only records before this ISO 8601 time').argParser(parseTimeFlag))
    .addOption(new Option('--client <addr|cidr>', 'only records from this client address, CIDR block or host name (repeatable)').argParser(collectChecked('client')))
    .addOption(new Option('--consumer <id>', 'only records of this consumer / API key id (repeatable)').argParser(collectChecked('consumer')))
    .addOption(new Option('--route <route|glob>', 'only records whose route template or path is this, * matching anything (repeatable)').argParser(collectChecked('route')))
    .addOption(new Option('--method <method>', 'only records with this HTTP method (repeatable)').argParser(collectChecked('method')))
    .addOption(new Option('--status <code|class|range>', 'only records with this status: 404, 4xx or 500-599 (repeatable)').argParser(collectChecked('status')))
    .addOption(new Option('--agent <text|/regex/>', 'only records whose user agent contains this (case-insensitive) or matches /regex/ (repeatable)').argParser(collectChecked('agent')));
}

/** The filter of a run's flags; `empty` when none was given. */
export function toRecordFilter(raw: RawFilterOptions, time: { sinceMs?: number; untilMs?: number }): RecordFilter {
  const spec: RecordFilterSpec = { ...time };
  for (const flag of ['client', 'consumer', 'route', 'method', 'status', 'agent'] as const) {
    if (raw[flag] !== undefined) spec[flag] = raw[flag];
  }
  return new RecordFilter(spec);
}

/** `--status 4xx kept 87, --client 203.0.113.7 kept 12` (of `seen` records), for stderr summaries. */
export function describeFilterCounts(filter: RecordFilter): string {
  const parts = filter.counts().map((count) => `${count.filter} ${count.value} kept ${count.kept}`);
  return `filters: of ${filter.seen} records, ${parts.join(', then ')}`;
}
