import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { LogRecord } from '../types.js';
import { RecordColumnsBuilder, transferables } from './injection/record-columns.js';
import { createCollector } from './injection-incidents.js';
import type { FromInjectionWorker, InjectionScanResult, InjectionScanSetup, ToInjectionWorker } from './injection/injection-scan-protocol.js';

export type { InjectionScanResult, InjectionScanSetup };

/** Records per message to the worker: large enough that posting costs little per record. */
const BATCH_ROWS = 4096;
/** Batches the worker may have queued before the reader waits for it (bounds the memory in flight). */
const MAX_IN_FLIGHT = 16;

/** Two threads when the machine has two cores: the work splits in two (aggregation, injection scan). */
export function defaultThreads(): number {
  return Math.min(2, availableParallelism());
}

/** Looks inside every request target for injection, beside the window aggregation. */
export interface InjectionScan {
  observe(record: LogRecord): void;
  /** Called between input batches: waits when the scan has fallen far behind the reader. */
  keepUp(): Promise<void>;
  finish(windowMs: number): Promise<InjectionScanResult>;
}

/**
 * With `threads` ≥ 2 the scan runs on a worker thread, fed columns of records, so the second
 * core decodes and inspects targets while the main thread aggregates; the results are the same
 * (the worker sees the same records in the same order).
 */
export function startInjectionScan(setup: InjectionScanSetup, threads: number): InjectionScan {
  if (threads < 2) return new InlineInjectionScan(setup);
  // A malformed detector in a baseline is the user's input error (exit 2): find it here, not in the worker.
  if (setup.mode === 'score') createCollector(setup);
  return new WorkerInjectionScan(setup);
}

class InlineInjectionScan implements InjectionScan {
  private readonly collector;

  constructor(setup: InjectionScanSetup) {
    this.collector = createCollector(setup);
  }

  observe(record: LogRecord): void {
    this.collector.observe(record);
  }

  async keepUp(): Promise<void> {}

  async finish(windowMs: number): Promise<InjectionScanResult> {
    return this.collector.result(windowMs);
  }
}

/** The worker's module: built JavaScript, or from the TypeScript source (tests, tsx) a loader that registers tsx first. */
function workerFile(): URL {
  const fromSource = import.meta.url.endsWith('.ts');
  return new URL(fromSource ? './injection/injection-worker-from-source.mjs' : './injection/injection-worker.js', import.meta.url);
}

class WorkerInjectionScan implements InjectionScan {
  private readonly worker: Worker;
  private readonly builder = new RecordColumnsBuilder(BATCH_ROWS);
  private inFlight = 0;
  private failure: Error | null = null;
  private waiting: (() => void) | null = null;
  /** Set between `finish` and the worker's answer. */
  private pendingResult: { resolve: (result: InjectionScanResult) => void; reject: (error: Error) => void } | null = null;

  constructor(setup: InjectionScanSetup) {
    this.worker = new Worker(workerFile(), { workerData: setup });
    this.worker.on('message', (message: FromInjectionWorker) => {
      if (message.type === 'done-batch') {
        this.inFlight--;
        this.wake();
      } else {
        this.pendingResult?.resolve(message.result);
        this.pendingResult = null;
      }
    });
    this.worker.on('error', (error: Error) => this.fail(error));
    this.worker.on('exit', (code) => {
      if (this.pendingResult !== null) this.fail(new Error(`injection worker exited (code ${code}) before its result`));
    });
    // An idle scan must not keep the process alive when reading stops on an error (after the listeners: adding one refs again).
    this.worker.unref();
  }

  observe(record: LogRecord): void {
    this.builder.add(record);
    if (this.builder.full) this.post();
  }

  async keepUp(): Promise<void> {
    if (this.failure) throw this.failure;
    while (this.inFlight >= MAX_IN_FLIGHT) {
      this.worker.ref();
      await new Promise<void>((resolve) => (this.waiting = resolve));
      this.worker.unref();
      if (this.failure) throw this.failure;
    }
  }

  finish(windowMs: number): Promise<InjectionScanResult> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.builder.length > 0) this.post();
    this.worker.ref();
    return new Promise<InjectionScanResult>((resolve, reject) => {
      this.pendingResult = { resolve, reject };
      this.worker.postMessage({ type: 'finish', windowMs } satisfies ToInjectionWorker);
    });
  }

  private post(): void {
    const columns = this.builder.take();
    this.inFlight++;
    // The typed columns are fresh copies: hand their memory over instead of copying it again.
    this.worker.postMessage({ type: 'batch', columns } satisfies ToInjectionWorker, transferables(columns));
  }

  private wake(): void {
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.wake();
    this.pendingResult?.reject(error);
    this.pendingResult = null;
  }
}
