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
}

/** Bytes read per system call: large reads keep the line splitter on its fast path. */
const READ_CHUNK_BYTES = 1024 * 1024;

/**
 * Resolves the command-line inputs into the files to read, in order: `-` is
 * stdin, a directory contributes every regular file below it (recursively,
 * sorted by path), anything else must be a readable file. Fails before reading
 * anything, so a typo never produces half an output.
 */
export async function resolveInputs(inputs: readonly string[]): Promise<InputSource[]> {
  const sources: InputSource[] = [];
  for (const input of inputs) {
    if (input === '-') {
      sources.push({ name: STDIN_NAME, path: null, mtimeMs: null });
      continue;
    }
    const info = await statOrFail(input);
    if (info.isDirectory()) {
      for (const file of await listFilesBelow(input)) sources.push(file);
    } else {
      await assertReadable(input);
      sources.push({ name: input, path: input, mtimeMs: info.mtimeMs });
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

async function listFilesBelow(directory: string): Promise<InputSource[]> {
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
      files.push(...(await listFilesBelow(path)));
    } else if (entry.isFile()) {
      await assertReadable(path);
      const info = await statOrFail(path);
      files.push({ name: path, path, mtimeMs: info.mtimeMs });
    }
    // Sockets, FIFOs, devices and symlinks to them are not log files: ignore them.
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

/**
 * The decompressed bytes of one input. Gzip is recognised by its magic bytes
 * (1f 8b), whatever the name; concatenated gzip members (`cat a.gz b.gz`) are
 * read through, as zlib does by default.
 */
export async function* readInputBytes(source: InputSource): AsyncGenerator<Buffer> {
  const raw = source.path === null ? process.stdin : createReadStream(source.path, { highWaterMark: READ_CHUNK_BYTES });
  const iterator = (raw as AsyncIterable<Buffer | string>)[Symbol.asyncIterator]();
  try {
    let first: IteratorResult<Buffer | string>;
    try {
      first = await iterator.next();
    } catch (error) {
      throw new InputError(`cannot read ${source.name}: ${describeFsError(error)}`);
    }
    if (first.done) return;
    let head = toBuffer(first.value);
    // Two bytes decide gzip; a first chunk of one byte (pipes can do that) waits for the next.
    while (head.length < 2) {
      const next = await iterator.next();
      if (next.done) break;
      head = Buffer.concat([head, toBuffer(next.value)]);
    }
    if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) {
      yield* gunzip(source, head, iterator);
    } else {
      yield head;
      for (;;) {
        let next: IteratorResult<Buffer | string>;
        try {
          next = await iterator.next();
        } catch (error) {
          throw new InputError(`cannot read ${source.name}: ${describeFsError(error)}`);
        }
        if (next.done) break;
        yield toBuffer(next.value);
      }
    }
  } finally {
    // Stop reading when the consumer stops early (`--limit`); stdin is left open for the process.
    if (source.path !== null) (raw as ReturnType<typeof createReadStream>).destroy();
    else await iterator.return?.();
  }
}

async function* gunzip(source: InputSource, head: Buffer, rest: AsyncIterator<Buffer | string>): AsyncGenerator<Buffer> {
  const inflater = createGunzip({ chunkSize: 256 * 1024 });
  let failure: unknown = null;
  inflater.on('error', (error) => {
    failure = error;
  });
  // Feed the compressed bytes in the background, respecting backpressure.
  const feeding = (async () => {
    try {
      if (!inflater.write(head)) await onceDrained(inflater);
      for (;;) {
        const next = await rest.next();
        if (next.done) break;
        if (inflater.destroyed) return;
        if (!inflater.write(toBuffer(next.value))) await onceDrained(inflater);
      }
      inflater.end();
    } catch (error) {
      failure ??= error;
      inflater.destroy();
    }
  })();
  try {
    for await (const chunk of inflater as AsyncIterable<Buffer>) yield chunk;
  } catch (error) {
    failure ??= error;
  } finally {
    inflater.destroy();
  }
  await feeding;
  if (failure !== null) {
    const message = failure instanceof Error ? failure.message : String(failure);
    throw new InputError(`cannot decompress ${source.name}: ${message}`);
  }
}

function onceDrained(stream: NodeJS.WritableStream & { destroyed: boolean }): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}

function toBuffer(chunk: Buffer | string): Buffer {
  return typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
}
