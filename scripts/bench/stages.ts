// Cost of each ingest stage on one file, in-process (no CLI start-up): read, split,
// parse, template, aggregate, print. For finding where the time goes, not for the table.
import { createReadStream } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { readLineRuns } from '../../src/ingest/line-reader.js';
import { clfFormat } from '../../src/ingest/formats/clf.js';
import { RouteTemplater } from '../../src/normalize/route-templater.js';
import { TrafficAggregator } from '../../src/features/traffic-aggregator.js';
import { toPrintedRecord } from '../../src/cli/record-output.js';
import { createIngestStats, readRecordBatches } from '../../src/ingest/read-records.js';
import { InjectionCollector } from '../../src/detect/injection-incidents.js';
import { InjectionDetector } from '../../src/detect/injection/injection-detector.js';
import type { LogRecord } from '../../src/types.js';

const file = process.argv[2];
const only = process.argv[3];
if (file === undefined) {
  process.stderr.write('usage: stages.ts FILE [stage]\n');
  process.exit(2);
}

async function time(name: string, run: () => Promise<number>): Promise<void> {
  if (only !== undefined && only !== name) return;
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const n = await run();
  const ms = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const heapMb = process.memoryUsage().heapUsed / 1e6;
  process.stdout.write(`${name.padEnd(22)} ${ms.toFixed(0).padStart(7)} ms  ${((n / ms) * 1000 / 1e6).toFixed(2)} M/s  cpu ${cpuMs.toFixed(0).padStart(7)} ms  heap ${heapMb.toFixed(0)} MB\n`);
}

const chunks = () => createReadStream(file, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>;

await time('read', async () => {
  let n = 0;
  for await (const chunk of chunks()) n += chunk.length;
  return n / 200;
});
await time('split', async () => {
  let n = 0;
  for await (const run of readLineRuns(chunks())) n += run.lines.length;
  return n;
});
await time('split+parse', async () => {
  let n = 0;
  const parser = clfFormat.createParser({});
  for await (const run of readLineRuns(chunks())) {
    for (let i = 0; i < run.lines.length; i++) {
      const outcome = parser.parse(run.lines[i]!, { file, line: run.firstLine + i });
      if (typeof outcome !== 'string') n++;
    }
  }
  return n;
});
await time('readRecordBatches', async () => {
  let n = 0;
  for await (const batch of readRecordBatches([file], {}, createIngestStats())) n += batch.length;
  return n;
});
await time('+stringify', async () => {
  let n = 0;
  let bytes = 0;
  for await (const batch of readRecordBatches([file], {}, createIngestStats())) {
    for (const record of batch) bytes += JSON.stringify(toPrintedRecord(record)).length;
    n += batch.length;
  }
  return n + (bytes & 0);
});
await time('+aggregate', async () => {
  let n = 0;
  const aggregator = new TrafficAggregator(300_000);
  for await (const batch of readRecordBatches([file], {}, createIngestStats(), new RouteTemplater())) {
    for (const record of batch) aggregator.add(record);
    n += batch.length;
  }
  aggregator.finish();
  return n;
});
await time('+injection', async () => {
  let n = 0;
  const collector = new InjectionCollector(new InjectionDetector({ seed: 1 }), 'analyze');
  for await (const batch of readRecordBatches([file], {}, createIngestStats(), new RouteTemplater())) {
    for (const record of batch) collector.observe(record as LogRecord);
    n += batch.length;
  }
  collector.finish(300_000);
  return n;
});
