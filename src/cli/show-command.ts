import { existsSync } from 'node:fs';
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { IncidentSelector, LogRecord, ShowPage } from '../types.js';
import { InputError, UsageError } from '../errors.js';
import { IncidentSelection, type RecordSelection } from '../config/incident-match.js';
import { clientInRange, parseClientRange } from '../config/client-range.js';
import type { RecordFilter } from '../config/record-filter.js';
import { readSelection } from '../pipeline/read-selection.js';
import { findIncident, readReport, type ReportBack } from '../pipeline/read-report.js';
import { inputsOf, movedInputs } from './report-inputs.js';
import { renderShowPage } from '../report/render-show.js';
import { printedRecordJson, toPrintedRecord } from './record-output.js';
import { addInputOptions, toIngestOptions, type RawInputOptions } from './input-options.js';
import { addRecordFilterOptions, describeFilterCounts, toRecordFilter, type RawFilterOptions } from './filter-options.js';
import { openOutputSink } from './output-sink.js';
import { parseDurationFlag } from './parse-duration.js';
import { toInputSummary } from '../ingest/ingest-stats.js';
import { VERSION } from '../version.js';
import { escapeTerminal } from '../text/sanitize.js';

const SHOW_FORMATS = ['text', 'json', 'ndjson'] as const;
type ShowFormat = (typeof SHOW_FORMATS)[number];
const DEFAULT_LINES = 50;
const DEFAULT_WINDOW_MS = 300_000;

interface RawShowOptions extends RawInputOptions, RawFilterOptions {
  report?: string;
  format?: ShowFormat;
  output?: string;
  lines?: number;
  window?: number;
  since?: number;
  until?: number;
}

function parseLinesFlag(value: string): number {
  if (value === 'all') return Infinity;
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`expected a number of lines or "all", got "${value}".`);
  return Number(value);
}

export function registerShowCommand(program: Command): void {
  const command = program
    .command('show')
    .description("one incident of a report, or one client's or consumer's story, with every line behind it re-read from the logs")
    .argument('[incident]', 'incident id (or its start) or #rank in --report; leave out with --client/--consumer')
    .argument('[inputs...]', "log files to read (default: the report's inputs)")
    .addOption(new Option('--report <file>', 'the JSON or NDJSON report the incident is in (its inputs are read unless you name others)'))
    .addOption(new Option('--format <format>', 'text page, JSON page, or the records as NDJSON').choices([...SHOW_FORMATS]))
    .addOption(new Option('-o, --output <file>', 'write to this file (atomically; - is stdout)'))
    .addOption(new Option('--lines <n|all>', `lines listed after the page (default ${DEFAULT_LINES}; NDJSON: all)`).argParser(parseLinesFlag))
    .addOption(new Option('--window <duration>', "window of the activity timeline (default: the report's, else 5m)").argParser(parseDurationFlag));
  addRecordFilterOptions(command);
  addInputOptions(command);
  command.addHelpText(
    'after',
    `
Examples:
  $ anomalog analyze access.log -o report.json
  $ anomalog show '#1' --report report.json
  $ anomalog show 3f2a91c0 --report report.json --format ndjson | jq .path
  $ anomalog show --client 203.0.113.7 access.log
  $ anomalog show '#1' --report report.json --client 203.0.113.7 --status 404
  $ anomalog show --client 203.0.113.0/24 --report report.json --lines all`,
  );
  command.action(async (incidentRef: string | undefined, inputs: string[], raw: RawShowOptions) => {
    const actor = raw.client !== undefined || raw.consumer !== undefined;
    if (raw.since !== undefined && raw.until !== undefined && raw.since >= raw.until) throw new UsageError('--since must be before --until');
    const filter = toRecordFilter(raw, { sinceMs: raw.since, untilMs: raw.until });
    const report = raw.report === undefined ? null : await readReport(raw.report);
    if (actor && !(report !== null && incidentRef !== undefined && namesIncident(report, incidentRef))) {
      // With --client/--consumer and no incident of --report named, every argument is an input.
      const files = [...(incidentRef === undefined ? [] : [incidentRef]), ...inputs];
      await showActor(files, raw, filter, report);
      return;
    }
    if (incidentRef === undefined) throw new UsageError('show needs an incident (id or #rank) with --report, or --client/--consumer');
    if (report === null) throw new UsageError(`show ${escapeTerminal(incidentRef)} needs --report FILE: the report the incident is in`);
    await showIncident(incidentRef, inputs, raw, filter, report);
  });
}

/** Whether an argument is an incident of the report (`#3`, or the start of one id) rather than a log file. */
function namesIncident(report: ReportBack, reference: string): boolean {
  if (/^#\d+$/.test(reference)) return true;
  return !existsSync(reference) && /^[0-9a-f]{4,}$/.test(reference) && report.incidents.some((incident) => incident.id.startsWith(reference));
}

function reportWindowMs(report: ReportBack | null): number {
  const window = report?.model?.window;
  if (typeof window !== 'string') return DEFAULT_WINDOW_MS;
  try {
    return parseDurationFlag(window);
  } catch {
    return DEFAULT_WINDOW_MS;
  }
}

async function showActor(named: string[], raw: RawShowOptions, filter: RecordFilter, report: ReportBack | null): Promise<void> {
  const inputs = await inputsOf(named, report);
  const selection: RecordSelection = { test: (record) => (filter.keep(record) ? 'in' : 'out'), resolve: () => true };
  const subject = [
    ...(raw.client ?? []).map((client) => `client ${client}`),
    ...(raw.consumer ?? []).map((consumer) => `consumer ${consumer}`),
  ].join(', ');
  const incidents = report === null ? undefined : report.incidents.filter((incident) =>
          // `clients` lists at most 100; the selector names every client the incident counted.
          namesActor([...incident.clients, ...(incident.selector?.terms ?? []).flatMap((term) => (term.client === undefined ? [] : [term.client]))], incident.consumers, raw),
        );
  await emitPage(inputs, raw, selection, { subject, ...(incidents !== undefined ? { incidents } : {}) }, reportWindowMs(report), filter);
}

/** Whether an incident names one of the clients (addresses or ranges) or consumers asked about. */
function namesActor(clients: readonly string[], consumers: readonly string[], raw: RawShowOptions): boolean {
  for (const wanted of raw.client ?? []) {
    const range = parseClientRange(wanted);
    if (clients.some((client) => client === wanted || (range !== null && clientInRange(client, range)))) return true;
  }
  return (raw.consumer ?? []).some((consumer) => consumers.includes(consumer));
}

async function showIncident(reference: string, named: string[], raw: RawShowOptions, filter: RecordFilter, report: ReportBack): Promise<void> {
  const incident = findIncident(report, reference);
  if (incident.selector === undefined) {
    throw new InputError(`incident ${escapeTerminal(incident.id)} has no selector: the report was written by an anomalog before 'show'; analyze again`);
  }
  const inputs = await inputsOf(named, report);
  const incidentSelection = new IncidentSelection(followMoved(incident.selector, await movedInputs(named, report)));
  const selection: RecordSelection = filter.empty
    ? incidentSelection
    : {
        test: (record) => {
          const verdict = incidentSelection.test(record);
          return verdict === 'out' || !filter.keep(record) ? 'out' : verdict;
        },
        resolve: (record, canonical) => incidentSelection.resolve(record, canonical),
      };
  const subject = `incident #${incident.rank} (${incident.id})`;
  const shown = await emitPage(inputs, raw, selection, { subject, incident }, reportWindowMs(report), filter);
  if (filter.empty && shown !== incident.requests) {
    process.stderr.write(`anomalog: warning: ${shown} lines selected, but the incident counted ${incident.requests} requests\n`);
  }
}

/** The selector with its line references renamed to where their files are now. */
function followMoved(selector: IncidentSelector, moved: ReadonlyMap<string, string>): IncidentSelector {
  if (moved.size === 0 || selector.lines === undefined) return selector;
  const lines: Record<string, string> = {};
  for (const [file, ranges] of Object.entries(selector.lines)) lines[moved.get(file) ?? file] = ranges;
  return { ...selector, lines };
}

/** Reads, renders and writes the page; returns how many records were selected. */
async function emitPage(
  inputs: string[],
  raw: RawShowOptions,
  selection: RecordSelection,
  about: Pick<ShowPage, 'subject' | 'incident' | 'incidents'>,
  reportWindow: number,
  filter: RecordFilter,
): Promise<number> {
  const format: ShowFormat = raw.format ?? 'text';
  const selected = await readSelection(inputs, toIngestOptions(raw), selection, raw.window ?? reportWindow, 10);
  const filters = filter.empty ? [] : filter.counts();
  const page: ShowPage = {
    tool: { name: 'anomalog', version: VERSION },
    subject: about.subject,
    input: { ...toInputSummary(selected.stats), ...(filters.length > 0 ? { filters } : {}) },
    ...(about.incident !== undefined ? { incident: about.incident } : {}),
    ...(about.incidents !== undefined ? { incidents: about.incidents } : {}),
    selected: { requests: selected.records.length, bytes: selected.panels.totals.bytes },
    timeline: selected.timeline,
    panels: selected.panels,
  };
  const limit = raw.lines ?? (format === 'ndjson' ? Infinity : DEFAULT_LINES);
  const lines: LogRecord[] = Number.isFinite(limit) ? selected.records.slice(0, limit) : selected.records;
  const output = raw.output === '-' ? undefined : raw.output;
  const sink = await openOutputSink(output);
  try {
    if (format === 'ndjson') {
      for (const record of lines) await sink.write(`${printedRecordJson(record)}\n`);
    } else if (format === 'json') {
      await sink.write(`${JSON.stringify({ ...page, lines: lines.map(toPrintedRecord), linesTotal: selected.records.length }, null, 2)}\n`);
    } else {
      await sink.write(renderShowPage(page, lines, selected.records.length));
    }
    await sink.close();
  } catch (error) {
    await sink.abort();
    throw error;
  }
  if (!filter.empty && format !== 'text') process.stderr.write(`anomalog: ${escapeTerminal(describeFilterCounts(filter))}\n`);
  return selected.records.length;
}
