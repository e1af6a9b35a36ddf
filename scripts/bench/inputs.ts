// Benchmark inputs: generated once with the project's own generator and cached
// under .cache/bench/ (git-ignored), so repeated runs time the same bytes.
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';

export interface BenchInput {
  /** Requested size, e.g. 1_000_000. */
  size: number;
  /** The scored day (nginx combined + $request_time, every incident kind planted). */
  plain: string;
  /** The same bytes gzipped. */
  gzip: string;
  /** A clean day of the same rate, for `learn` before `score`. */
  learn: string;
  /** Physical lines of `plain` (what lines/s is computed from). */
  lines: number;
  bytes: number;
}

const CACHE_ROOT = '.cache/bench';

export function sizeLabel(size: number): string {
  return size >= 1_000_000 ? `${size / 1_000_000}M` : `${size / 1000}k`;
}

/** Generates (or reuses) the inputs of one size. Deterministic: seed 1, every kind planted. */
export async function benchInput(size: number, log: (text: string) => void): Promise<BenchInput> {
  const dir = join(CACHE_ROOT, `nginx-${sizeLabel(size)}`);
  const metaPath = join(dir, 'meta.json');
  const plain = join(dir, 'nginx.log');
  const gzip = join(dir, 'nginx.log.gz');
  const learn = join(dir, 'nginx.learn.log');
  if (existsSync(metaPath)) {
    const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as { lines: number; bytes: number };
    return { size, plain, gzip, learn, lines: meta.lines, bytes: meta.bytes };
  }
  await mkdir(dir, { recursive: true });
  log(`generating ${sizeLabel(size)} lines into ${dir} (cached for later runs)…`);
  const generated = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'scripts/generate-traffic.ts', '--out', dir, '--lines', String(size), '--formats', 'nginx', '--plant', 'all', '--learn-days', '1', '--seed', '1', '--quiet'],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  if (generated.status !== 0) throw new Error(`generate-traffic failed for ${size} lines`);
  await pipeline(createReadStream(plain), createGzip({ level: 6 }), createWriteStream(`${gzip}.tmp`));
  renameSync(`${gzip}.tmp`, gzip);
  const { lines, bytes } = await countLines(plain);
  writeFileSync(metaPath, `${JSON.stringify({ lines, bytes })}\n`);
  return { size, plain, gzip, learn, lines, bytes };
}

async function countLines(path: string): Promise<{ lines: number; bytes: number }> {
  let lines = 0;
  let bytes = 0;
  let last = 0x0a;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    for (let i = chunk.indexOf(0x0a); i !== -1; i = chunk.indexOf(0x0a, i + 1)) lines++;
    last = chunk[chunk.length - 1]!;
  }
  if (bytes > 0 && last !== 0x0a) lines++;
  return { lines, bytes };
}
