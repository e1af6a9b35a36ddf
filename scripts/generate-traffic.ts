// `npm run generate -- --out DIR …`: realistic API traffic with planted, labelled incidents.
// See docs/eval.md for the options, the output layout and the label format.
import { Command, InvalidArgumentError } from 'commander';
import { WRITER_FORMATS, findWriterFormat, type LogWriterFormat } from './generator/formats.js';
import { PLANTED_KINDS, type PlantedKind } from './generator/incidents/plan.js';
import { DAY, generateTraffic } from './generator/traffic.js';

/** Health checks add ~10 lines a minute on top of the drawn traffic (fewer below 2 req/s). */
const HEALTH_LINES_PER_SECOND = 10 / 60;

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a positive number');
  return n;
}

function nonNegativeInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number >= 0');
  return n;
}

function parseFormats(value: string): LogWriterFormat[] {
  return value.split(',').map((name) => {
    const format = findWriterFormat(name.trim());
    if (!format) throw new InvalidArgumentError(`unknown format "${name}" (known: ${WRITER_FORMATS.map((f) => f.name).join(', ')})`);
    return format;
  });
}

function parseKinds(value: string): PlantedKind[] {
  if (value === 'all') return [...PLANTED_KINDS];
  if (value === 'none') return [];
  return value.split(',').map((name) => {
    const kind = PLANTED_KINDS.find((k) => k === name.trim());
    if (!kind) throw new InvalidArgumentError(`unknown incident kind "${name}" (known: ${PLANTED_KINDS.join(', ')})`);
    return kind;
  });
}

function parseStart(value: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new InvalidArgumentError('expected an ISO date, e.g. 2026-03-03T00:00:00Z');
  return ms;
}

const program = new Command()
  .name('generate-traffic')
  .description('Generate realistic API access logs with planted, labelled incidents.')
  .requiredOption('--out <dir>', 'output directory (created)')
  .option('--seed <n>', 'seed: same seed and options, same bytes', nonNegativeInteger, 1)
  .option('--days <d>', 'length of the scored period in days', positiveNumber, 1)
  .option('--hours <h>', 'length of the scored period in hours (instead of --days)', positiveNumber)
  .option('--rate <r>', 'mean requests per second over a weekday', positiveNumber, 3.5)
  .option('--lines <n>', 'approximate lines of the scored period (sets --rate)', positiveNumber)
  .option('--formats <list>', `comma list of ${WRITER_FORMATS.map((f) => f.name).join(',')}`, parseFormats, [findWriterFormat('nginx') as LogWriterFormat])
  .option('--plant <kinds>', `all, none, or a comma list of ${PLANTED_KINDS.join(',')}`, parseKinds, [...PLANTED_KINDS])
  .option('--clean', 'plant nothing (a clean day)', false)
  .option('--learn-days <k>', 'clean days before the scored period, written to <format>.learn.log', nonNegativeInteger, 0)
  .option('--start <iso>', 'start of the scored period (UTC)', parseStart, Date.parse('2026-03-03T00:00:00Z'))
  .option('--scale <f>', 'multiply absolute incident sizes (ids walked, paths scanned, writes) for small fixtures', positiveNumber, 1)
  .option('--quiet', 'no progress on stderr', false);

program.parse(process.argv);
const options = program.opts<{
  out: string; seed: number; days: number; hours?: number; rate: number; lines?: number; formats: LogWriterFormat[];
  plant: PlantedKind[]; clean: boolean; learnDays: number; start: number; scale: number; quiet: boolean;
}>();

const durationMs = options.hours !== undefined ? options.hours * 3_600_000 : options.days * DAY;
function rateForLines(lines: number): number {
  const perSecond = lines / (durationMs / 1000);
  // Probes slow down below 2 req/s (see population.ts), so subtract their share only above it.
  return perSecond > 2 + HEALTH_LINES_PER_SECOND ? perSecond - HEALTH_LINES_PER_SECOND : Math.max(0.01, perSecond * 0.92);
}
const ratePerSecond = options.lines !== undefined ? rateForLines(options.lines) : options.rate;
const began = Date.now();
const labels = await generateTraffic({
  outDir: options.out,
  seed: options.seed,
  startMs: options.start,
  durationMs,
  ratePerSecond,
  formats: options.formats,
  kinds: options.clean ? [] : options.plant,
  learnDays: options.learnDays,
  scale: options.scale,
  onProgress: options.quiet ? undefined : (done, total) => process.stderr.write(`\rgenerating… ${Math.round((100 * done) / total)}%`),
});
if (!options.quiet) {
  process.stderr.write('\r');
  for (const [file, info] of Object.entries(labels.files)) {
    process.stderr.write(`${options.out}/${file}: ${info.lines} lines, ${info.labels.length} planted incidents\n`);
  }
  process.stderr.write(`labels: ${options.out}/labels.json (${((Date.now() - began) / 1000).toFixed(1)} s)\n`);
}
