import { createReadStream, type Stats } from 'node:fs';
import { access, readdir, stat } from 'node:fs/promises';
import { constants as fsConstants } from 'node:fs';
import { join } from 'node:path';
import { createGunzip } from 'node:zlib';
import { InputError } from '../errors.js';

/** Display name of standard input in stats, messages and `source.file`. */
export const STDIN_NAME = '(stdin)';

/** One input stream to read: a regular file or standard input. */
export interface InputSource {
  /** Shown in records (`source.file`), stats and messages: the path as given, or `(stdin)`. */
  name: string;
  /** File path, or null for standard input. */
  path: string | null;
  /** Modification time (epoch ms) for formats that log no year; null for stdin. */
  mtimeMs: number | null;
  /**
   * Found by walking a directory rather than named on the command line. Such a
   * file that cannot be read or recognised is skipped with a warning; a named
   * one stops the run, because the user asked for it by name.
   */
  fromDirectory: boolean;
}

/**
 * Receives one-line warnings about directory entries that were skipped.
 * `lossy` is true when the entry may hold log data that was not read
 * (unreadable, dangling link), false for things that are not log files
 * (FIFOs, sockets, devices, links to directories).
 */
export type InputWarning = (message: string, lossy: boolean) => void;

/** Bytes read per system call: large enough for the line splitter's fast path, small enough that a chunk's lines and records die young (see RECORD_BATCH_SIZE). */
const READ_CHUNK_BYTES = 256 * 1024;

/**
 * Resolves the command-line inputs into the files to read, in order: `-` is
 * stdin, a directory contributes every regular file below it (recursively,
 * sorted by path), anything else must be a readable file. A missing or
 * unreadable named input fails before reading anything, so a typo never
 * produces half an output. Below a directory, entries that cannot be read
 * (dangling symlinks, permission denied, FIFOs, sockets, devices, symlinks to
 * directories, which could loop) are skipped with one warning each: one bad
 * file in `/var/log/nginx/` must not stop a forensic run over the rest.
 */
export async function resolveInputs(inputs: readonly string[], warn: InputWarning = () => undefined): Promise<InputSource[]> {
  const sources: InputSource[] = [];
  for (const input of inputs) {
    if (input === '-') {
      sources.push({ name: STDIN_NAME, path: null, mtimeMs: null, fromDirectory: false });
      continue;
    }
    const info = await statOrFail(input);
    if (info.isDirectory()) {
      for (const file of await listFilesBelow(input, warn)) sources.push(file);
    } else {
      await assertReadable(input);
      sources.push({ name: input, path: input, mtimeMs: info.mtimeMs, fromDirectory: false });
    }
  }
  return sources;
}

async function statOrFail(path: string): Promise<Stats> {
  try {
    return await stat(path);
  } catch (error) {
    throw new InputError(`cannot read ${path}: ${describeFsError(error)}`);
  }
}

async function assertReadable(path: string): Promise<void> {
  try {
    await access(path, fsConstants.R_OK);
  } catch (error) {
    throw new InputError(`cannot read ${path}: ${describeFsError(error)}`);
  }
}

async function listFilesBelow(directory: string, warn: InputWarning): Promise<InputSource[]> {
  let entries;
  try {
    entries = await readdir(directory, { withFileTypes: true });
  } catch (error) {
    throw new InputError(`cannot read directory ${directory}: ${describeFsError(error)}`);
  }
  // Byte-wise order, not locale order, so every machine reads files in the same sequence.
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const files: InputSource[] = [];
  for (const entry of entries) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      files.push(...(await listFilesBelow(path, warn)));
      continue;
    }
    if (!entry.isFile() && !entry.isSymbolicLink()) {
      warn(`skipped ${path}: not a regular file`, false);
      continue;
    }
    // stat follows symlinks: `access.log -> access.log.1` style links are read like the file.
    let info: Stats;
    try {
      info = await stat(path);
      await access(path, fsConstants.R_OK);
    } catch (error) {
      const what = entry.isSymbolicLink() && (error as NodeJS.ErrnoException | null)?.code === 'ENOENT' ? 'dangling symbolic link' : describeFsError(error);
      warn(`skipped ${path}: ${what}`, true);
      continue;
    }
    if (info.isFile()) files.push({ name: path, path, mtimeMs: info.mtimeMs, fromDirectory: true });
    else if (info.isDirectory()) warn(`skipped ${path}: symbolic link to a directory (not followed, it could loop)`, false);
    else warn(`skipped ${path}: not a regular file`, false);
  }
  return files;
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}


/** Where and why an input stopped being readable before its end. */
export interface InputDamage {
  /**
   * `damaged-gzip`: the compressed data is corrupt or cut; `read-error`: the
   * operating system failed a read; `unreadable`: a file of a directory walk
   * could not be read at all.
   */
  kind: 'damaged-gzip' | 'read-error' | 'unreadable';
  /** Bytes of the file (compressed bytes for gzip) consumed when the damage was found. */
  byteOffset: number;
  /** Bytes handed to the line reader before the damage (decompressed bytes for gzip). */
  bytesRead: number;
  /** What zlib or the operating system said. */
  detail: string;
}

/** One sentence for a damaged input: file, byte offset, what was kept. */
export function describeDamage(name: string, damage: InputDamage): string {
  if (damage.kind === 'unreadable') return `${name}: ${damage.detail}`;
  if (damage.kind === 'damaged-gzip') {
    return `${name}: gzip data is damaged at compressed byte ${damage.byteOffset} (${damage.detail}); the first ${damage.bytesRead} decompressed bytes were read, the rest of the file was not`;
  }
  return `${name}: read failed at byte ${damage.byteOffset} (${damage.detail}); the first ${damage.bytesRead} bytes were read, the rest of the file was not`;
}

/**
 * The decompressed bytes of one input. Gzip is recognised by its magic bytes
 * (1f 8b), whatever the name; concatenated gzip members (`cat a.gz b.gz`) are
 * read through, as zlib does by default.
 *
 * A file that cannot be opened is an `InputError`. Damage found after reading
 * started (a gzip file cut mid-stream or with a bad CRC, trailing garbage
 * after the last member, a failing disk) goes to `onDamage` and the stream
 * simply ends, so the readable part is used; without `onDamage` it is an
 * `InputError`.
 */
export async function* readInputBytes(source: InputSource, onDamage?: (damage: InputDamage) => void): AsyncGenerator<Buffer> {
  const raw = source.path === null ? process.stdin : createReadStream(source.path, { highWaterMark: READ_CHUNK_BYTES });
  const iterator = (raw as AsyncIterable<Buffer | string>)[Symbol.asyncIterator]();
  const damaged = (damage: InputDamage): void => {
    if (onDamage === undefined) throw new InputError(`cannot read ${describeDamage(source.name, damage)}`);
    onDamage(damage);
  };
  try {
    let first: IteratorResult<Buffer | string>;
    try {
      first = await iterator.next();
    } catch (error) {
      // A file found in a directory walk may vanish or turn out unreadable; it costs itself, not the run.
      if (source.fromDirectory && onDamage !== undefined) {
        onDamage({ kind: 'unreadable', byteOffset: 0, bytesRead: 0, detail: describeFsError(error) });
        return;
      }
      throw new InputError(`cannot read ${source.name}: ${describeFsError(error)}`);
    }
    if (first.done) return;
    let head = toBuffer(first.value);
    let offset = head.length;
    // Two bytes decide gzip; a first chunk of one byte (pipes can do that) waits for the next.
    while (head.length < 2) {
      const next = await nextOrError(iterator);
      if (next instanceof Error) {
        yield head;
        damaged({ kind: 'read-error', byteOffset: offset, bytesRead: offset, detail: describeFsError(next) });
        return;
      }
      if (next.done) break;
      head = Buffer.concat([head, toBuffer(next.value)]);
      offset = head.length;
    }
    if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) {
      yield* gunzip(head, iterator, damaged);
      return;
    }
    yield head;
    for (;;) {
      const next = await nextOrError(iterator);
      if (next instanceof Error) {
        damaged({ kind: 'read-error', byteOffset: offset, bytesRead: offset, detail: describeFsError(next) });
        return;
      }
      if (next.done) break;
      const chunk = toBuffer(next.value);
      offset += chunk.length;
      yield chunk;
    }
  } finally {
    // Stop reading when the consumer stops early (`--limit`); stdin is left open for the process.
    if (source.path !== null) (raw as ReturnType<typeof createReadStream>).destroy();
    else await iterator.return?.();
  }
}

async function nextOrError<T>(iterator: AsyncIterator<T>): Promise<IteratorResult<T> | Error> {
  try {
    return await iterator.next();
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/**
 * Compressed bytes handed to zlib per write and decompressed bytes per output
 * chunk. zlib drops the output of the call that finds an error (a bad CRC is
 * only seen after the member's last bytes were inflated), so small slices
 * bound what a damaged file loses beyond the damage itself.
 */
const GUNZIP_INPUT_SLICE = 64 * 1024;
const GUNZIP_OUTPUT_CHUNK = 16 * 1024;
/** Decompressed chunks queued before zlib is paused. */
const GUNZIP_QUEUE_CHUNKS = 64;

async function* gunzip(head: Buffer, rest: AsyncIterator<Buffer | string>, damaged: (damage: InputDamage) => void): AsyncGenerator<Buffer> {
  const inflater = createGunzip({ chunkSize: GUNZIP_OUTPUT_CHUNK });
  // 'data' events rather than async iteration: output emitted before an error must not be lost with it.
  const queue: Buffer[] = [];
  let ended = false;
  let zlibFailure: Error | null = null;
  let readFailure: Error | null = null;
  let compressedFed = 0;
  let wake: (() => void) | null = null;
  const signal = (): void => {
    const resolve = wake;
    wake = null;
    resolve?.();
  };
  inflater.on('data', (chunk: Buffer) => {
    queue.push(chunk);
    if (queue.length >= GUNZIP_QUEUE_CHUNKS) inflater.pause();
    signal();
  });
  inflater.on('end', () => {
    ended = true;
    signal();
  });
  inflater.on('error', (error) => {
    zlibFailure ??= error;
    ended = true;
    signal();
  });
  const write = async (bytes: Buffer): Promise<boolean> => {
    for (let start = 0; start < bytes.length; start += GUNZIP_INPUT_SLICE) {
      if (inflater.destroyed || zlibFailure !== null) return false;
      const slice = bytes.subarray(start, start + GUNZIP_INPUT_SLICE);
      compressedFed += slice.length;
      if (!inflater.write(slice)) await onceDrained(inflater);
    }
    return true;
  };
  // Feed the compressed bytes in the background, respecting backpressure.
  const feeding = (async () => {
    if (!(await write(head))) return;
    for (;;) {
      const next = await nextOrError(rest);
      if (next instanceof Error) {
        readFailure = next;
        break;
      }
      if (next.done) break;
      if (!(await write(toBuffer(next.value)))) return;
    }
    if (!inflater.destroyed) inflater.end();
  })();
  let decompressed = 0;
  try {
    for (;;) {
      const chunk = queue.shift();
      if (chunk !== undefined) {
        if (inflater.isPaused() && queue.length < GUNZIP_QUEUE_CHUNKS / 2) inflater.resume();
        decompressed += chunk.length;
        yield chunk;
        continue;
      }
      if (ended) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  } finally {
    // Not awaited: the feeder may be waiting on a pipe; destroying the input (by the caller) ends it.
    inflater.destroy();
    void feeding;
  }
  // Set by event handlers, which TypeScript's flow analysis does not see.
  const zlibError = zlibFailure as Error | null;
  const readError = readFailure as Error | null;
  // A failed read ends the compressed stream early, so zlib then reports a cut: the read error is the cause.
  if (readError !== null) {
    damaged({ kind: 'read-error', byteOffset: compressedFed, bytesRead: decompressed, detail: describeFsError(readError) });
  } else if (zlibError !== null) {
    damaged({ kind: 'damaged-gzip', byteOffset: Math.min(inflater.bytesWritten, compressedFed), bytesRead: decompressed, detail: zlibError.message });
  } else if (ended && inflater.bytesWritten < compressedFed) {
    // zlib silently ignores bytes after the last member when they do not start like a gzip header (zero padding of a crashed writer, say).
    const ignored = compressedFed - inflater.bytesWritten;
    damaged({ kind: 'damaged-gzip', byteOffset: inflater.bytesWritten, bytesRead: decompressed, detail: `${ignored} bytes after the end of the gzip data are not gzip` });
  }
}

function onceDrained(stream: NodeJS.WritableStream & { destroyed: boolean }): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed) {
      resolve();
      return;
    }
    const done = (): void => {
      stream.off('drain', done);
      stream.off('close', done);
      stream.off('error', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
    stream.on('error', done);
  });
}

function toBuffer(chunk: Buffer | string): Buffer {
  return typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
}
