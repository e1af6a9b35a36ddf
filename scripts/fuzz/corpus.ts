// The seeds the fuzzer mutates: the head of every real access log in
// ../shared/data/real/ and the literal format examples in ../shared/data/formats/.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';

export interface Seed {
  /** Path relative to the repository, for the sidecar and the summary. */
  source: string;
  /** Where it came from: `formats` (example lines) or the data set directory under `real`. */
  group: string;
  data: Buffer;
}

// Payload collections, not access logs: every input would be an undetectable
// format and exit 2, which exercises nothing past detection.
const NOT_ACCESS_LOGS = new Set(['csic2010', 'fwaf-badqueries', 'httpparams']);

function headLines(data: Buffer, count: number): Buffer {
  let seen = 0;
  for (let i = 0; i < data.length; i++) {
    if (data[i] === 0x0a && ++seen === count) return data.subarray(0, i + 1);
  }
  return data;
}

function filesBelow(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return filesBelow(path);
      return entry.isFile() && entry.name.endsWith('.md') === false && entry.name.endsWith('.csv') === false ? [path] : [];
    });
}

function readHead(path: string, lines: number): Buffer {
  const raw = readFileSync(path);
  const text = raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw;
  return Buffer.from(headLines(text, lines));
}

/** Seeds grouped so one large data set (a hundred IIS files) does not drown the others. */
export function loadSeeds(sharedData: string, repoRoot: string, headCount: number): Map<string, Seed[]> {
  const groups = new Map<string, Seed[]>();
  const add = (group: string, path: string): void => {
    const data = readHead(path, headCount);
    if (data.length === 0) return;
    const list = groups.get(group) ?? [];
    list.push({ source: relative(repoRoot, path), group, data });
    groups.set(group, list);
  };
  const formats = join(sharedData, 'formats');
  if (existsSync(formats)) {
    for (const path of filesBelow(formats)) if (path.endsWith('.log')) add(`formats/${relative(formats, path)}`, path);
  }
  const real = join(sharedData, 'real');
  if (existsSync(real)) {
    for (const name of readdirSync(real).sort()) {
      const dir = join(real, name);
      if (NOT_ACCESS_LOGS.has(name) || !statSync(dir).isDirectory()) continue;
      for (const path of filesBelow(dir)) add(`real/${name}`, path);
    }
  }
  return groups;
}
