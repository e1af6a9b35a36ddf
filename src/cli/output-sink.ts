import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { InputError } from '../errors.js';

/**
 * Where a command writes its result: stdout, or a file that appears only when
 * complete (written to a temporary file in the same directory, then renamed
 * over the target), so a reader never sees half a report and a failed run
 * leaves the previous file alone.
 */
export interface OutputSink {
  /** True when writing to a terminal (choose human formats, colours). */
  readonly isTty: boolean;
  /** Queues text; resolves when it is fine to write more (backpressure). */
  write(text: string): Promise<void>;
  /** Flushes and, for files, moves the finished file into place. */
  close(): Promise<void>;
  /** Discards a partial file (after an error); a no-op for stdout. */
  abort(): Promise<void>;
}

/** Text is gathered into blocks of this size before a write, so many small records cost few syscalls. */
const BLOCK_BYTES = 64 * 1024;

/** `undefined` or `-` is stdout. A file's directory must exist and be writable (checked before anything is read). */
export async function openOutputSink(path: string | undefined): Promise<OutputSink> {
  if (path === undefined || path === '-') return new StreamSink(process.stdout, Boolean(process.stdout.isTTY), null);
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const stream = createWriteStream(temporary, { flags: 'wx' });
  await new Promise<void>((resolve, reject) => {
    stream.once('ready', () => resolve());
    stream.once('error', (error: NodeJS.ErrnoException) =>
      reject(new InputError(`cannot write ${path}: ${error.code === 'ENOENT' ? 'no such directory' : error.message}`)),
    );
  });
  return new StreamSink(stream, false, { target: path, temporary });
}

class StreamSink implements OutputSink {
  private pending: string[] = [];
  private pendingLength = 0;
  private failure: Error | null = null;
  private closed = false;

  constructor(
    private readonly stream: NodeJS.WritableStream,
    readonly isTty: boolean,
    private readonly file: { target: string; temporary: string } | null,
  ) {
    if (file !== null) {
      stream.on('error', (error: Error) => {
        this.failure ??= error;
      });
    }
  }

  async write(text: string): Promise<void> {
    this.pending.push(text);
    this.pendingLength += text.length;
    if (this.pendingLength >= BLOCK_BYTES) await this.flushBlock();
  }

  private async flushBlock(): Promise<void> {
    this.throwIfFailed();
    if (this.pending.length === 0) return;
    const block = this.pending.join('');
    this.pending = [];
    this.pendingLength = 0;
    if (!this.stream.write(block)) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          this.stream.off('drain', done);
          this.stream.off('error', done);
          this.stream.off('close', done);
          resolve();
        };
        this.stream.on('drain', done);
        this.stream.on('error', done);
        this.stream.on('close', done);
      });
    }
    this.throwIfFailed();
  }

  private throwIfFailed(): void {
    if (this.failure !== null && this.file !== null) {
      throw new InputError(`cannot write ${this.file.target}: ${this.failure.message}`);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.flushBlock();
    this.closed = true;
    if (this.file === null) return;
    const file = this.file;
    await new Promise<void>((resolve) => (this.stream as WriteStream).end(resolve));
    this.throwIfFailed();
    try {
      await rename(file.temporary, file.target);
    } catch (error) {
      await unlink(file.temporary).catch(() => undefined);
      throw new InputError(`cannot write ${file.target}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async abort(): Promise<void> {
    if (this.closed || this.file === null) return;
    this.closed = true;
    const file = this.file;
    await new Promise<void>((resolve) => (this.stream as WriteStream).end(resolve));
    await unlink(file.temporary).catch(() => undefined);
  }
}
