import { createWriteStream, type WriteStream } from 'node:fs';
import { chmod, lstat, readlink, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { InputError } from '../errors.js';
import { forgetTemporary, trackTemporary } from './temporary-files.js';

/**
 * Where a command writes its result: stdout, or the file the user named.
 *
 * A regular file (or a new one) appears only when complete: it is written to a
 * temporary file in the same directory, then renamed over the target, so a
 * reader never sees half a report and a failed run leaves the previous file
 * alone. A symlink is followed and its target replaced (the link stays a
 * link). A device, FIFO or socket (`/dev/stdout`, `/dev/null`, a named pipe)
 * is written directly: renaming over it would replace the node itself. The
 * temporary file is removed on every error (`abort`) and on SIGINT/SIGTERM
 * (temporary-files.ts).
 */
export interface OutputSink {
  /** True when writing to a terminal (choose human formats, colours). */
  readonly isTty: boolean;
  /** Queues text; resolves when it is fine to write more (backpressure). */
  write(text: string): Promise<void>;
  /** Flushes and, for files, moves the finished file into place. */
  close(): Promise<void>;
  /** Discards a partial file (after an error); a no-op for stdout and devices. */
  abort(): Promise<void>;
}

/** Text is gathered into blocks of this size before a write, so many small records cost few syscalls. */
const BLOCK_BYTES = 64 * 1024;

/** Symlink hops followed before giving up, as the kernel does (ELOOP). */
const MAX_SYMLINK_HOPS = 40;

export function describeWriteError(path: string, error: NodeJS.ErrnoException): string {
  if (error.code === 'ENOENT') return `cannot write ${path}: no such directory`;
  if (error.code === 'ENOSPC') return `cannot write ${path}: no space left on device`;
  if (error.code === 'EISDIR') return `cannot write ${path}: it is a directory`;
  if (error.code === 'EACCES' || error.code === 'EPERM') return `cannot write ${path}: permission denied`;
  if (error.code === 'ELOOP') return `cannot write ${path}: too many levels of symbolic links`;
  return `cannot write ${path}: ${error.message}`;
}

/** The path a write to `path` lands on: symlinks followed, even a dangling one (its target is created). */
async function followLinks(path: string): Promise<string> {
  let current = resolve(path);
  for (let hop = 0; hop < MAX_SYMLINK_HOPS; hop += 1) {
    let info;
    try {
      info = await lstat(current);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return current;
      throw error;
    }
    if (!info.isSymbolicLink()) return current;
    current = resolve(dirname(current), await readlink(current));
  }
  throw Object.assign(new Error('too many levels of symbolic links'), { code: 'ELOOP' });
}

/** `undefined` or `-` is stdout. A file's directory must exist and be writable (checked before anything is read). */
export async function openOutputSink(path: string | undefined): Promise<OutputSink> {
  if (path === undefined || path === '-') return new StreamSink(process.stdout, Boolean(process.stdout.isTTY), 'stdout', null);
  let target: string;
  let existing;
  try {
    target = await followLinks(path);
    existing = await stat(target).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
  } catch (error) {
    throw new InputError(describeWriteError(path, error as NodeJS.ErrnoException));
  }
  if (existing?.isDirectory()) throw new InputError(describeWriteError(path, Object.assign(new Error('is a directory'), { code: 'EISDIR' })));
  if (existing !== null && !existing.isFile()) {
    // A device, FIFO or socket: written in place, as a shell redirection would.
    const stream = await openStream(path, target, 'w');
    return new StreamSink(stream, false, path, null);
  }
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  trackTemporary(temporary);
  let stream: WriteStream;
  try {
    stream = await openStream(path, temporary, 'wx');
    // The replaced file keeps its permissions (a report shared with a group stays shared).
    if (existing !== null) await chmod(temporary, existing.mode & 0o7777).catch(() => undefined);
  } catch (error) {
    forgetTemporary(temporary);
    throw error;
  }
  return new StreamSink(stream, false, path, { target, temporary });
}

/** Ends a file stream; rejects with the write error when the last writes failed. */
function endStream(stream: WriteStream): Promise<void> {
  return new Promise<void>((resolveEnd, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolveEnd())));
}

async function openStream(shown: string, path: string, flags: 'w' | 'wx'): Promise<WriteStream> {
  const stream = createWriteStream(path, { flags });
  await new Promise<void>((resolveOpen, reject) => {
    stream.once('ready', () => resolveOpen());
    stream.once('error', (error: NodeJS.ErrnoException) => reject(new InputError(describeWriteError(shown, error))));
  });
  return stream;
}

/**
 * Runs `produce` with a sink on `path` and closes it; on any error the partial
 * output is discarded (temporary file removed) before the error goes on.
 */
export async function writeOutput(path: string | undefined, produce: (sink: OutputSink) => Promise<void>): Promise<void> {
  const sink = await openOutputSink(path);
  try {
    await produce(sink);
    await sink.close();
  } catch (error) {
    await sink.abort();
    throw error;
  }
}

class StreamSink implements OutputSink {
  private pending: string[] = [];
  private pendingLength = 0;
  private failure: Error | null = null;
  private closed = false;

  constructor(
    private readonly stream: NodeJS.WritableStream,
    readonly isTty: boolean,
    /** The output as the user named it, for messages. */
    private readonly name: string,
    private readonly file: { target: string; temporary: string } | null,
  ) {
    if (stream !== process.stdout) {
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
    if (this.failure !== null) {
      throw new InputError(describeWriteError(this.name, this.failure as NodeJS.ErrnoException));
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.flushBlock();
    this.closed = true;
    if (this.stream === process.stdout) return;
    const file = this.file;
    try {
      // The last block's write fails here, after every write() was accepted (a full disk or
      // device): the error comes with the end, and the file must not be renamed into place.
      await endStream(this.stream as WriteStream);
      this.throwIfFailed();
    } catch (error) {
      if (file !== null) {
        await unlink(file.temporary).catch(() => undefined);
        forgetTemporary(file.temporary);
      }
      throw error instanceof InputError ? error : new InputError(describeWriteError(this.name, error as NodeJS.ErrnoException));
    }
    if (file === null) return;
    try {
      await rename(file.temporary, file.target);
    } catch (error) {
      await unlink(file.temporary).catch(() => undefined);
      throw new InputError(describeWriteError(this.name, error as NodeJS.ErrnoException));
    } finally {
      forgetTemporary(file.temporary);
    }
  }

  async abort(): Promise<void> {
    if (this.closed || this.stream === process.stdout) return;
    this.closed = true;
    await endStream(this.stream as WriteStream).catch(() => undefined);
    const file = this.file;
    if (file === null) return;
    await unlink(file.temporary).catch(() => undefined);
    forgetTemporary(file.temporary);
  }
}
