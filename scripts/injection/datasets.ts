// Loaders for the public sets `npm run eval:injection` measures on. Each
// turns its set into request targets (path + raw query) labelled normal or
// attack; see ../shared/data/real/*/PROVENANCE.md for what each set is.

import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';

export const DATA_ROOT = '../shared/data/real';

export interface LabelledTarget {
  path: string;
  query: string | null;
  /** `normal`, or the attack class the set gives (`sqli`, `xss`, `cmdi`, `path-traversal`, `anomalous`, …). */
  label: string;
  /** Position in the set, to report samples. */
  index: number;
  /** For CSIC: the HTTP method; elsewhere `GET`. */
  method: string;
}

export function readGzipText(path: string): string {
  return gunzipSync(readFileSync(path)).toString('latin1');
}

/**
 * HttpParams: parameter values, not requests. Each value is rendered as the
 * query `v=<percent-encoded value>` on route `/`, the way it would reach a log.
 */
export function loadHttpParams(): LabelledTarget[] {
  const rows = parse(gunzipSync(readFileSync(`${DATA_ROOT}/httpparams/payload_full.csv.gz`)), {
    columns: true,
    skip_empty_lines: true,
  }) as Array<{ payload: string; attack_type: string; label: string }>;
  return rows.map((row, index) => ({
    path: '/',
    query: `v=${encodeURIComponent(row.payload)}`,
    label: row.label === 'norm' ? 'normal' : row.attack_type,
    index,
    method: 'GET',
  }));
}

/**
 * CSIC 2010 (test split): raw HTTP requests. Only the request line is used
 * (URL only: bodies are not in access logs); the absolute URL is reduced to
 * path and raw query the way an access log records the target.
 */
export function loadCsic(file: 'norm_test' | 'anomal_test'): LabelledTarget[] {
  const text = readGzipText(`${DATA_ROOT}/csic2010/${file}.txt.gz`);
  const targets: LabelledTarget[] = [];
  for (const line of text.split(/\r?\n/)) {
    const match = /^(GET|POST|PUT) (\S+) HTTP\/1\.[01]$/.exec(line);
    if (match === null) continue;
    const url = match[2]!.replace(/^https?:\/\/[^/?]*/, '');
    const q = url.indexOf('?');
    targets.push({
      path: (q === -1 ? url : url.slice(0, q)) || '/',
      query: q === -1 ? null : url.slice(q + 1),
      label: file === 'norm_test' ? 'normal' : 'anomalous',
      index: targets.length,
      method: match[1]!,
    });
  }
  return targets;
}

/** fwaf-badqueries: one attack request target per line, all positives. */
export function loadFwafBadQueries(): LabelledTarget[] {
  const lines = readGzipText(`${DATA_ROOT}/fwaf-badqueries/badqueries.txt.gz`).split(/\r?\n/);
  const targets: LabelledTarget[] = [];
  for (const line of lines) {
    if (line === '') continue;
    const q = line.indexOf('?');
    targets.push({ path: q === -1 ? line : line.slice(0, q), query: q === -1 ? null : line.slice(q + 1), label: 'attack', index: targets.length, method: 'GET' });
  }
  return targets;
}

const COMBINED_REQUEST = /^\S+ \S+ \S+ \[[^\]]*\] "(\S+) (\S+)(?: [^"]*)?"/;

/** elastic-apache: a real combined log; lines without a request line are skipped and counted. */
export function loadElasticApache(): { targets: LabelledTarget[]; unparsed: number } {
  const lines = readGzipText(`${DATA_ROOT}/elastic-apache/apache_logs.gz`).split('\n');
  const targets: LabelledTarget[] = [];
  let unparsed = 0;
  for (const line of lines) {
    if (line === '') continue;
    const match = COMBINED_REQUEST.exec(line);
    if (match === null) {
      unparsed++;
      continue;
    }
    const target = match[2]!;
    const q = target.indexOf('?');
    targets.push({ path: q === -1 ? target : target.slice(0, q), query: q === -1 ? null : target.slice(q + 1), label: 'normal', index: targets.length, method: match[1]! });
  }
  return { targets, unparsed };
}
