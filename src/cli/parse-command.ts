import { Command, Option } from 'commander';
import { UsageError } from '../errors.js';
import { createIngestStats } from '../ingest/read-records.js';
import { readFilteredRecords } from '../pipeline/read-filtered-records.js';
import { formatIngestStats } from '../ingest/ingest-stats.js';
import { shouldUseColor } from '../report/color-policy.js';
import { addInputOptions, parsePositiveInteger, toIngestOptions, type RawInputOptions } from './input-options.js';
import { writeOutput } from './output-sink.js';
import { RECORD_OUTPUT_FORMATS, createRecordWriter, type RecordOutputFormat } from './record-output.js';
import { addRecordFilterOptions, describeFilterCounts, toRecordFilter, type RawFilterOptions } from './filter-options.js';

interface RawParseOptions extends RawInputOptions, RawFilterOptions {
  since?: number;
  until?: number;
  format?: string;
  output?: string;
  stats?: boolean;
  limit?: string;
}

const EXAMPLES = `
Examples:
  $ anomalog parse fixtures/ingest/nginx-combined.log
  $ anomalog parse --format ndjson --stats /var/log/nginx/ > records.ndjson
  $ zcat access.log.gz | anomalog parse - --limit 20
  $ anomalog parse --log-format json --map client=req.ip --map durationMs=latency_ms app.jsonl
  $ anomalog parse access.log --client 203.0.113.0/24 --status 4xx --since 2026-10-05T12:00:00Z
  $ anomalog parse access.log --route '/wp-*' --agent '/sqlmap|nikto/i'
`;

export function registerParseCommand(program: Command): void {
  const command = program
    .command('parse')
    .description('print the normalised records of access logs (files, directories, .gz, or - for stdin)')
    .argument('<inputs...>', 'log files, directories (read recursively) or - for stdin')
    .addOption(new Option('--format <format>', 'output format (default: table on a terminal, else ndjson)').choices([...RECORD_OUTPUT_FORMATS]))
    .option('-o, --output <file>', 'write to this file (replaced atomically when complete); - for stdout')
    .option('--stats', 'print a summary to stderr: lines read, records, skipped lines by reason, detected formats')
    .option('--limit <n>', 'stop after this many records (counted after the filters)');
  addRecordFilterOptions(command);
  addInputOptions(command);
  command.addHelpText('after', EXAMPLES).action(async (inputs: string[], raw: RawParseOptions) => {
    await runParse(inputs, raw);
  });
}

async function runParse(inputs: string[], raw: RawParseOptions): Promise<void> {
  const ingestOptions = toIngestOptions(raw);
  const limit = raw.limit === undefined ? Infinity : parsePositiveInteger('--limit', raw.limit);
  if (inputs.filter((input) => input === '-').length > 1) throw new UsageError('stdin (-) can be read only once');
  if (raw.since !== undefined && raw.until !== undefined && raw.since >= raw.until) throw new UsageError('--since must be before --until');
  const filter = toRecordFilter(raw, { sinceMs: raw.since, untilMs: raw.until });
  const filtering = !filter.empty;
  const stats = createIngestStats();
  try {
    await writeOutput(raw.output, async (sink) => {
      const format: RecordOutputFormat = (raw.format as RecordOutputFormat | undefined) ?? (sink.isTty ? 'table' : 'ndjson');
      const color = shouldUseColor({ env: process.env, isTTY: sink.isTty, flag: undefined });
      const writer = createRecordWriter(format, sink, { color });
      for await (const record of readFilteredRecords(inputs, ingestOptions, filter, stats, limit)) await writer.write(record);
      await writer.end();
    });
  } finally {
    if (raw.stats === true) process.stderr.write(formatIngestStats(stats) + (filtering ? `${describeFilterCounts(filter)}\n` : ''));
  }
}
