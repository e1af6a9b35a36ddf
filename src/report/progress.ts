// A one-line progress bar on stderr for long inputs. It stays silent unless the
// stream is a terminal and the run is not quiet, and appears only after the
// first second, so short runs, CI logs and pipes never see it.
import { formatBytes, formatCount } from '../text/format-values.js';

/** The subset of a tty.WriteStream the bar uses (easy to fake in tests). */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(chunk: string): boolean;
}

export interface ProgressOptions {
  stream: ProgressStream;
  /** Total bytes to read, when known (0 or undefined: no percentage or ETA). */
  totalBytes?: number;
  quiet?: boolean;
  /** Milliseconds clock; injectable for tests. */
  now?: () => number;
  /** Don't draw before this long (ms) after construction. */
  delayMs?: number;
  /** Redraw at most this often (ms). */
  intervalMs?: number;
}

const BAR_WIDTH = 24;

function formatEta(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '--';
  const s = Math.round(seconds);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

export class ProgressBar {
  readonly #stream: ProgressStream;
  readonly #totalBytes: number;
  readonly #enabled: boolean;
  readonly #now: () => number;
  readonly #startedAt: number;
  readonly #delayMs: number;
  readonly #intervalMs: number;
  #lastDrawAt = Number.NEGATIVE_INFINITY;
  #drawn = false;

  constructor(options: ProgressOptions) {
    this.#stream = options.stream;
    this.#totalBytes = options.totalBytes ?? 0;
    this.#enabled = options.stream.isTTY === true && options.quiet !== true;
    this.#now = options.now ?? (() => performance.now());
    this.#startedAt = this.#now();
    this.#delayMs = options.delayMs ?? 1000;
    this.#intervalMs = options.intervalMs ?? 100;
  }

  /** Cheap to call per chunk or per record: draws only when due. */
  update(bytesRead: number, records: number): void {
    if (!this.#enabled) return;
    const now = this.#now();
    const elapsedMs = now - this.#startedAt;
    if (elapsedMs < this.#delayMs || now - this.#lastDrawAt < this.#intervalMs) return;
    this.#lastDrawAt = now;
    this.#drawn = true;
    this.#stream.write(`\r${this.#line(bytesRead, records, elapsedMs)}\x1b[K`);
  }

  /** Clears the bar (if it was ever drawn) so the report starts on a clean line. */
  done(): void {
    if (this.#drawn) this.#stream.write('\r\x1b[K');
    this.#drawn = false;
  }

  #line(bytesRead: number, records: number, elapsedMs: number): string {
    const seconds = elapsedMs / 1000;
    const rate = `${formatCount(records / seconds)} records/s`;
    if (this.#totalBytes <= 0) return `${formatBytes(bytesRead)} read, ${rate}`;
    const fraction = Math.min(1, bytesRead / this.#totalBytes);
    const filled = Math.round(fraction * BAR_WIDTH);
    const bytesPerSecond = bytesRead / seconds;
    const eta = bytesPerSecond > 0 ? (this.#totalBytes - bytesRead) / bytesPerSecond : Number.NaN;
    const line =
      `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% ` +
      `${formatBytes(bytesRead)} of ${formatBytes(this.#totalBytes)}, ${rate}, ETA ${formatEta(eta)}`;
    const columns = this.#stream.columns;
    return columns !== undefined && columns > 10 ? line.slice(0, columns - 1) : line;
  }
}
