import { Option, type Command } from 'commander';
import { UsageError } from '../errors.js';
import { aggregatePanels } from '../pipeline/aggregate-panels.js';
import { TOP_FORMATS, renderTopReport, type TopFormat } from '../report/render-top.js';
import { addInputOptions, toIngestOptions, type RawInputOptions } from './input-options.js';
import { addRecordFilterOptions, toRecordFilter, type RawFilterOptions } from './filter-options.js';
import { openOutputSink } from './output-sink.js';
import { parseIntegerFlag } from './parse-duration.js';

interface RawTopOptions extends RawInputOptions, RawFilterOptions {
  since?: number;
  until?: number;
  format?: TopFormat;
  output?: string;
  limit: number;
}

const FORMAT_BY_EXTENSION: Readonly<Record<string, TopFormat>> = { '.json': 'json', '.md': 'markdown', '.html': 'html', '.htm': 'html', '.txt': 'table' };

export function registerTopCommand(program: Command): void {
  const command = program
    .command('top')
    .description('traffic panels for context: top clients, routes (p50/p95/p99 latency and size), statuses, agents, referrers, 404 paths, requests per hour')
    .argument('<inputs...>', 'log files, directories, .gz files, or - for stdin')
    .addOption(new Option('--format <format>', 'output format (default: table, or from --output\'s extension)').choices([...TOP_FORMATS]))
    .addOption(new Option('-o, --output <file>', 'write to this file (atomically; - is stdout)'))
    .addOption(new Option('--limit <n>', 'rows per panel').default(10).argParser(parseIntegerFlag(1, 100_000)));
  addRecordFilterOptions(command);
  addInputOptions(command);
  command.addHelpText(
    'after',
    `
Examples:
  $ anomalog top access.log
  $ anomalog top access.log --status 4xx --limit 20
  $ anomalog top /var/log/nginx/ --since 2026-10-05T12:00:00Z --format html -o top.html`,
  );
  command.action(async (inputs: string[], raw: RawTopOptions) => {
    if (raw.since !== undefined && raw.until !== undefined && raw.since >= raw.until) throw new UsageError('--since must be before --until');
    const ingest = toIngestOptions(raw);
    const filter = toRecordFilter(raw, { sinceMs: raw.since, untilMs: raw.until });
    const output = raw.output === '-' ? undefined : raw.output;
    const extension = output === undefined ? '' : (/\.[^./]+$/.exec(output)?.[0] ?? '').toLowerCase();
    const format: TopFormat = raw.format ?? FORMAT_BY_EXTENSION[extension] ?? 'table';
    const report = await aggregatePanels(inputs, ingest, filter.empty ? undefined : filter, raw.limit);
    const text = renderTopReport(report, format);
    const sink = await openOutputSink(output);
    try {
      await sink.write(text);
      await sink.close();
    } catch (error) {
      await sink.abort();
      throw error;
    }
  });
}
