import { Command, Option } from 'commander';
import type { LogFormat, LogRecord } from '../types.js';
import { formats } from '../ingest/formats/index.js';
import { escapeTerminal } from '../text/sanitize.js';

/** Record fields in the order `parse` prints them (`timeMs` is printed as `time`). */
const RECORD_FIELDS: readonly (keyof LogRecord)[] = [
  'timeMs',
  'client',
  'method',
  'path',
  'query',
  'route',
  'status',
  'bytesSent',
  'bytesReceived',
  'durationMs',
  'userAgent',
  'referer',
  'consumer',
  'host',
  'requestId',
  'upstream',
];

const EXAMPLES = `
Examples:
  $ anomalog formats
  $ anomalog formats --json | jq '.[].id'
`;

export function registerFormatsCommand(program: Command): void {
  program
    .command('formats')
    .description('list the supported log formats and where each record field comes from')
    .addOption(new Option('--json', 'print the list as JSON'))
    .addHelpText('after', EXAMPLES)
    .action((options: { json?: boolean }) => {
      process.stdout.write(options.json === true ? describeFormatsJson(formats) : describeFormatsText(formats));
    });
}

export function describeFormatsText(list: readonly LogFormat[]): string {
  const out: string[] = [];
  out.push(`${list.length} formats, detected per file from its first lines (force one with --log-format ID):`);
  for (const format of list) {
    out.push('');
    out.push(`${format.id}  ${escapeTerminal(format.description)}`);
    for (const field of RECORD_FIELDS) {
      const origin = format.fields[field];
      if (origin === undefined) continue;
      const name = field === 'timeMs' ? 'time' : field;
      out.push(`  ${name.padEnd(14)}${escapeTerminal(origin)}`);
    }
  }
  return `${out.join('\n')}\n`;
}

export function describeFormatsJson(list: readonly LogFormat[]): string {
  const value = list.map((format) => ({
    id: format.id,
    description: format.description,
    fields: Object.fromEntries(
      RECORD_FIELDS.filter((field) => format.fields[field] !== undefined).map((field) => [field === 'timeMs' ? 'time' : field, format.fields[field]]),
    ),
  }));
  return `${JSON.stringify(value, null, 2)}\n`;
}
