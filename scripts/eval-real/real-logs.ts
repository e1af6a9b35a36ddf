// The shared real logs `npm run eval:real-logs` reads, and the shared real data it does not
// (with why): docs/real-logs.md is regenerated from these.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { REAL_DIR } from './hub-tests.js';

export interface RealLog {
  /** Stable id, also the key prefix of verdicts and must-find items. */
  id: string;
  /** What anomalog is given (files; a directory's log files listed one by one). */
  inputs: string[];
  /** The command line a reader can paste, relative to the repo root. */
  shown: string;
  /** Whether the log holds something an analyst would want found (the floor applies only then). */
  worthFinding: boolean;
}

function logFiles(dir: string): string[] {
  return readdirSync(join(REAL_DIR, dir))
    .filter((name) => name.endsWith('.log'))
    .sort()
    .map((name) => join(REAL_DIR, dir, name));
}

function one(id: string, file: string, worthFinding: boolean): RealLog {
  const path = join(REAL_DIR, file);
  return { id, inputs: [path], shown: path, worthFinding };
}

export function realLogs(): RealLog[] {
  return [
    one('elastic-apache', 'elastic-apache/apache_logs.gz', true),
    one('logparser-hackers', 'logparser-hackers/hackers-access.log', true),
    one('secrepo-webhawk-2021', 'secrepo-webhawk/access.log.2021-10-22', true),
    one('secrepo-webhawk-2022', 'secrepo-webhawk/access.log.2022-12-22', true),
    one('nasa-http', 'nasa-http/NASA_access_log_Aug95', false),
    one('netnea-labor07', 'netnea-labor07/labor-07-example-access.log.gz', true),
    { id: 'iis-webknowit', inputs: logFiles('iis-webknowit'), shown: `${join(REAL_DIR, 'iis-webknowit')}/*.log`, worthFinding: true },
    { id: 'iis-waikolai', inputs: logFiles('iis-waikolai'), shown: `${join(REAL_DIR, 'iis-waikolai')}/*.log`, worthFinding: true },
  ];
}

/** Shared real data that is not an access log of one site, so not read here. */
export const NOT_READ: ReadonlyArray<{ dir: string; why: string }> = [
  { dir: 'crowdsec-hub-tests', why: 'hand-made attack snippets of 1–356 lines, one per test: measured by `npm run eval:real` spliced into elastic-apache' },
  { dir: 'csic2010', why: 'raw HTTP requests (request line, headers, body) with no time, client or status, not access-log lines' },
  { dir: 'fwaf-badqueries', why: 'a list of attack request targets, one per line: no time, client or status' },
  { dir: 'httpparams', why: 'parameter values labelled norm/anom in a CSV: not traffic' },
];
