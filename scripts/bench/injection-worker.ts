// The injection worker's own cost, without the main thread beside it: replays the column batches
// the reader posts to the worker (recorded once, as the worker receives them: each batch
// deserialized into fresh strings) through the collector, and prints its time, its heap at the end
// of the read, and a digest of its result (the same digest: the same candidates).
//   node --import tsx scripts/bench/injection-worker.ts record FILE BATCHES [ROWS]  (once: reads FILE; ROWS per batch, 4096)
//   node --expose-gc --import tsx scripts/bench/injection-worker.ts replay BATCHES
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { deserialize, getHeapStatistics, serialize, writeHeapSnapshot } from 'node:v8';
import { aggregateInputs } from '../../src/pipeline/aggregate-inputs.js';
import { ColumnReader, RecordColumnsBuilder, recordAt, type RecordColumns } from '../../src/detect/injection/record-columns.js';
import { createCollector } from '../../src/detect/injection-incidents.js';
import { keepStringsAsGiven } from '../../src/detect/campaigns/kept-string.js';
import type { LogRecord } from '../../src/types.js';

const WINDOW_MS = 300_000;
const SEED = 42;
const [mode, ...args] = process.argv.slice(2);

if (mode === 'record' && (args.length === 2 || args.length === 3)) {
  const out = openSync(args[1]!, 'w');
  const builder = new RecordColumnsBuilder(Number(args[2] ?? 4096));
  const post = (): void => {
    const bytes = serialize(builder.take());
    const size = Buffer.alloc(4);
    size.writeUInt32LE(bytes.length);
    writeSync(out, size);
    writeSync(out, bytes);
  };
  const observer = {
    observe(record: LogRecord): void {
      builder.add(record);
      if (builder.full) post();
    },
    async keepUp(): Promise<void> {},
  };
  await aggregateInputs([args[0]!], {}, WINDOW_MS, {}, observer);
  if (builder.length > 0) post();
  closeSync(out);
} else if (mode === 'replay' && args.length === 1) {
  keepStringsAsGiven(); // as the worker does
  const input = openSync(args[0]!, 'r');
  const collector = createCollector({ mode: 'analyze', seed: SEED });
  const reader = new ColumnReader();
  const size = Buffer.alloc(4);
  let observeMs = 0;
  let rows = 0;
  while (readSync(input, size, 0, 4, null) === 4) {
    const bytes = Buffer.alloc(size.readUInt32LE(0));
    readSync(input, bytes, 0, bytes.length, null);
    const start = performance.now();
    const columns = deserialize(bytes) as RecordColumns;
    reader.read(columns);
    for (let i = 0; i < columns.length; i++) collector.observe(recordAt(columns, i));
    observeMs += performance.now() - start;
    rows += columns.length;
  }
  closeSync(input);
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heap = getHeapStatistics();
  if (process.env.HEAP_SNAPSHOT) writeHeapSnapshot(process.env.HEAP_SNAPSHOT);
  const start = performance.now();
  const result = collector.result(WINDOW_MS);
  const finishMs = performance.now() - start;
  const digest = createHash('sha256').update(JSON.stringify(result)).digest('hex').slice(0, 16);
  const mb = (n: number): string => `${(n / 1e6).toFixed(1)} MB`;
  process.stdout.write(
    `${rows} rows: observe ${observeMs.toFixed(0)} ms, finish ${finishMs.toFixed(0)} ms; heap at the end of the read ${mb(heap.used_heap_size)}` +
      `${gc ? ' (after a full GC)' : ''}, ${mb(heap.total_heap_size)} committed; ${result.candidates.length} candidates, digest ${digest}\n`,
  );
} else {
  process.stderr.write('usage: injection-worker.ts record FILE BATCHES | replay BATCHES\n');
  process.exit(2);
}
