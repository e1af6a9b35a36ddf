import { Option, type Command } from 'commander';
import type { Severity } from '../types.js';
import { SEVERITIES } from '../types.js';
import { UsageError } from '../errors.js';
import { REPORT_FORMATS, formatFromFileName, isReportFormat, type ReportFormat } from '../report/renderers.js';
import { loadConfig } from '../config/load-config.js';
import type { LoadedConfig } from '../config/config-types.js';
import { addInputOptions, toIngestOptions, type RawInputOptions } from './input-options.js';
import type { IngestOptions } from '../ingest/read-records.js';
import { formatDuration } from '../time/duration.js';
import { defaultThreads } from '../detect/injection-scan.js';
import { parseDurationFlag, parseFractionFlag, parseIntegerFlag } from './parse-duration.js';
import type { TimeFilter } from '../pipeline/aggregate-inputs.js';
import type { LearningRequest } from '../pipeline/analyze-traffic.js';
import { addRecordFilterOptions, toRecordFilter, type RawFilterOptions } from './filter-options.js';
import type { RecordFilter } from '../config/record-filter.js';

export const DEFAULT_WINDOW = '5m';
export const DEFAULT_SEED = 42;
export const DEFAULT_TREES = 100;
export const DEFAULT_SAMPLE_SIZE = 256;
export const DEFAULT_TOP = 20;

/** Everything a detection command needs, flags and config resolved (command line > config > default). */
export interface AnalysisSettings {
  ingest: IngestOptions;
  windowMs: number;
  window: string;
  seed: number;
  trees: number;
  sampleSize: number;
  /** Incidents shown by the human formats (table, markdown, html). */
  top: number;
  /** --top (or the config's `top`) was given: the machine formats (json, ndjson, csv) are cut to it too, else they carry every incident. */
  topExplicit: boolean;
  sinceMs?: number;
  untilMs?: number;
  /** The record flags, --since/--until included; absent when none was given. */
  records?: RecordFilter;
  minSeverity: Severity;
  minConfidence: number;
  format: ReportFormat | undefined;
  output: string | undefined;
  failOn: Severity | undefined;
  color: boolean | undefined;
  quiet: boolean;
  /** --allow-empty: a run that analysed no record exits 0 with an empty report instead of 2. */
  allowEmpty: boolean;
  threads: number;
  redactKey: string | null;
  showSuppressed: boolean;
  config: LoadedConfig | null;
}

interface RawAnalysisOptions extends RawInputOptions, RawFilterOptions {
  threads?: number;
  window?: number;
  seed?: number;
  trees?: number;
  sampleSize?: number;
  top?: number;
  since?: number;
  until?: number;
  minSeverity?: Severity;
  minConfidence?: number;
  format?: string;
  output?: string;
  failOn?: Severity;
  color?: boolean;
  quiet?: boolean;
  allowEmpty?: boolean;
  redact?: boolean;
  redactKey?: string;
  showSuppressed?: boolean;
  config?: string | false;
}

/** Model flags shared by analyze and learn. */
export function addModelOptions(command: Command): Command {
  return command
    .addOption(new Option('--window <duration>', `window length traffic is scored in (default ${DEFAULT_WINDOW})`).argParser(parseDurationFlag))
    .addOption(new Option('--seed <n>', `seed of the forest's random draws (default ${DEFAULT_SEED})`).argParser(parseIntegerFlag(0, 4294967295)))
    .addOption(new Option('--trees <n>', `isolation trees per forest (default ${DEFAULT_TREES})`).argParser(parseIntegerFlag(1, 10_000)))
    .addOption(new Option('--sample-size <n>', `rows each tree is grown on (default ${DEFAULT_SAMPLE_SIZE})`).argParser(parseIntegerFlag(2, 65_536)));
}

/** Input, time-range and config flags shared by every command that reads logs. */
export function addReadOptions(command: Command): Command {
  addInputOptions(command);
  addRecordFilterOptions(command);
  return command
    .addOption(new Option('--config <file>', 'read defaults and rules from this file (default ./anomalog.config.json)'))
    .addOption(new Option('--no-config', 'ignore anomalog.config.json'))
    .addOption(
      new Option('--threads <n>', `threads to use: 2 or more scans request targets for injection on a second thread beside the aggregation (default ${defaultThreads()})`).argParser(
        parseIntegerFlag(1, 64),
      ),
    );
}

/** Report flags shared by analyze and score. */
export function addReportOptions(command: Command): Command {
  return command
    .addOption(new Option('--format <format>', `report format: ${REPORT_FORMATS.join('|')} (default: table on a terminal, json when piped, or from --output's extension)`))
    .addOption(new Option('-o, --output <file>', 'write the report to this file (atomically; - is stdout)'))
    .addOption(new Option('--top <n>', `show at most this many incidents (default: ${DEFAULT_TOP} in table, markdown and html; json, ndjson and csv carry every incident unless --top is given)`).argParser(parseIntegerFlag(1, 100_000)))
    .addOption(new Option('--min-severity <severity>', 'leave out incidents below this severity').choices(SEVERITIES))
    .addOption(new Option('--min-confidence <x>', 'leave out incidents with confidence below this (0–1)').argParser(parseFractionFlag))
    .addOption(new Option('--fail-on <severity>', 'exit 1 when any incident is at or above this severity').choices(SEVERITIES))
    .addOption(new Option('--color', 'force colour in the terminal table'))
    .addOption(new Option('--no-color', 'never colour the terminal table'))
    .addOption(new Option('-q, --quiet', 'print nothing on stderr but errors'))
    .addOption(new Option('--allow-empty', 'exit 0 with an empty report when no record was analysed (default: exit 2, nothing to judge)'))
    .addOption(new Option('--redact', 'replace client addresses and consumer ids with keyed hashes'))
    .addOption(new Option('--redact-key <key>', 'key of the --redact hashes (or ANOMALOG_REDACT_KEY)'))
    .addOption(new Option('--show-suppressed', 'list incidents suppressed by config rules'));
}

/** Resolves raw flags against the config file and built-in defaults. */
export function resolveAnalysisSettings(command: Command, cwd: string): AnalysisSettings {
  const raw = command.opts<RawAnalysisOptions>();
  const fromCli = (name: string): boolean => command.getOptionValueSource(name) === 'cli';
  const config = loadConfig({ configPath: typeof raw.config === 'string' ? raw.config : undefined, noConfig: raw.config === false, cwd });
  const d = config?.defaults ?? {};
  const pick = <T>(name: keyof RawAnalysisOptions, configValue: T | undefined, fallback: T): T =>
    fromCli(name) ? (raw[name] as T) : configValue !== undefined ? configValue : fallback;
  const windowMs = fromCli('window') ? raw.window! : parseDurationFlag(d.window ?? DEFAULT_WINDOW);
  const window = fromCli('window') ? formatDuration(raw.window!) : (d.window ?? DEFAULT_WINDOW);
  const ingest = toIngestOptions({
    logFormat: pick('logFormat', d.logFormat, undefined),
    map: raw.map ?? (d.map ? Object.entries(d.map).map(([k, v]) => `${k}=${v}`) : undefined),
    strict: pick('strict', d.strict, undefined),
    maxRoutes: raw.maxRoutes,
    maxClients: raw.maxClients,
  });
  // --quiet leaves only errors on stderr: the reader's warnings (skipped directory files, damaged inputs) too.
  if (raw.quiet === true) ingest.onWarning = () => undefined;
  const output = raw.output === '-' ? undefined : raw.output;
  const formatName = pick<string | undefined>('format', d.format, undefined);
  let format: ReportFormat | undefined;
  if (formatName !== undefined) {
    if (!isReportFormat(formatName)) throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')}, got '${formatName}'`);
    format = formatName;
  } else if (output !== undefined) {
    format = formatFromFileName(output);
  }
  const redact = pick('redact', d.redact, false);
  const redactKey = redact ? (raw.redactKey ?? process.env.ANOMALOG_REDACT_KEY ?? null) : null;
  if (redact && !redactKey) throw new UsageError('--redact needs a key: pass --redact-key KEY or set ANOMALOG_REDACT_KEY');
  const settings: AnalysisSettings = {
    ingest,
    windowMs,
    window,
    seed: pick('seed', d.seed, DEFAULT_SEED),
    trees: pick('trees', d.trees, DEFAULT_TREES),
    sampleSize: pick('sampleSize', d.sampleSize, DEFAULT_SAMPLE_SIZE),
    top: pick('top', d.top, DEFAULT_TOP),
    topExplicit: fromCli('top') || d.top !== undefined,
    minSeverity: pick('minSeverity', d.minSeverity, 'low'),
    minConfidence: pick('minConfidence', d.minConfidence, 0),
    format,
    output,
    failOn: pick<Severity | undefined>('failOn', d.failOn, undefined),
    color: raw.color,
    quiet: raw.quiet === true,
    allowEmpty: raw.allowEmpty === true,
    threads: raw.threads ?? defaultThreads(),
    redactKey,
    showSuppressed: pick('showSuppressed', d.showSuppressed, false),
    config,
  };
  if (raw.since !== undefined) settings.sinceMs = raw.since;
  if (raw.until !== undefined) settings.untilMs = raw.until;
  if (settings.sinceMs !== undefined && settings.untilMs !== undefined && settings.sinceMs >= settings.untilMs) {
    throw new UsageError('--since must be before --until');
  }
  const records = toRecordFilter(raw, { sinceMs: settings.sinceMs, untilMs: settings.untilMs });
  if (!records.empty) settings.records = records;
  return settings;
}

/** What a pipeline needs of the record flags (--since/--until, config defaults, --client, --status…): not the whole settings. */
export function timeFilterOf(settings: AnalysisSettings): TimeFilter {
  return { sinceMs: settings.sinceMs, untilMs: settings.untilMs, records: settings.records };
}

/** What analyze and learn hand the pipeline: the inputs and the settings that shape what is learned. */
export function learningRequestOf(inputs: readonly string[], settings: AnalysisSettings): LearningRequest {
  return {
    inputs,
    ingest: settings.ingest,
    windowMs: settings.windowMs,
    filter: timeFilterOf(settings),
    model: { seed: settings.seed, trees: settings.trees, sampleSize: settings.sampleSize },
  };
}
