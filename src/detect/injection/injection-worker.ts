// Worker thread of `InjectionScan`: looks inside request targets while the main thread aggregates windows.
import { parentPort, workerData } from 'node:worker_threads';
import { ColumnReader, recordAt } from './record-columns.js';
import { createCollector } from '../injection-incidents.js';
import { keepStringsAsGiven } from '../campaigns/kept-string.js';
import type { InjectionScanSetup, ToInjectionWorker, FromInjectionWorker } from './injection-scan-protocol.js';

const port = parentPort!;
// Every string here was deserialized from a batch: none pins a log line.
keepStringsAsGiven();
const collector = createCollector(workerData as InjectionScanSetup);
const reader = new ColumnReader();

port.on('message', (message: ToInjectionWorker) => {
  if (message.type === 'batch') {
    const columns = message.columns;
    reader.read(columns);
    for (let i = 0; i < columns.length; i++) collector.observe(recordAt(columns, i));
    port.postMessage({ type: 'done-batch' } satisfies FromInjectionWorker);
    return;
  }
  const result = collector.result(message.windowMs);
  port.postMessage({ type: 'result', result } satisfies FromInjectionWorker);
  port.close();
});
