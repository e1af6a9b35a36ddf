// The CrowdSec hub's own attack tests (../shared/data/real/crowdsec-hub-tests), read as
// combined-format access lines with the addresses CrowdSec must alert on (labels.csv).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const REAL_DIR = '../shared/data/real';
export const HUB_DIR = join(REAL_DIR, 'crowdsec-hub-tests');

/** Log types whose test files are nginx/Apache access logs (combined, common, vhost- or syslog-prefixed). */
const COMBINED_LOG_TYPES = new Set(['nginx', 'apache2']);

export interface AccessLine {
  /** 1-based line number in the test file. */
  line: number;
  client: string;
  ident: string;
  user: string;
  /** Epoch milliseconds of the original timestamp (its zone offset applied). */
  time: number;
  request: string;
  status: string;
  bytes: string;
  referer: string;
  userAgent: string;
}

export interface HubTest {
  /** Directory name of the test, e.g. `nginx-http-sqli-probing`. */
  name: string;
  file: string;
  logType: string;
  scenarios: string[];
  expected: string[];
  lines: AccessLine[];
  /** Lines of the file that are not access lines (nginx/Apache error-log lines interleaved in some tests). */
  otherLines: number;
}

// client ident user [dd/Mon/yyyy:HH:MM:SS +hhmm] "request" status bytes ["referer" "agent"] …
// An optional prefix (syslog header, virtual host) before the client is dropped.
const ACCESS_LINE =
  /^(?:.*?\s)?((?:\d{1,3}\.){3}\d{1,3}|[0-9A-Fa-f]*:[0-9A-Fa-f:.]+) (\S+) (\S+) \[([^\]]+)\] "((?:[^"\\]|\\.)*)" (\d{3}) (\S+)(?: "((?:[^"\\]|\\.)*)" "((?:[^"\\]|\\.)*)")?/;
const CLF_TIME = /^(\d{2})\/([A-Za-z]{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Epoch ms of `dd/Mon/yyyy:HH:MM:SS +hhmm` (its offset applied), NaN when it is not one. */
export function parseClfTime(text: string): number {
  const m = CLF_TIME.exec(text);
  const month = m ? MONTHS.indexOf(m[2] as string) : -1;
  if (!m || month < 0) return Number.NaN;
  const offsetMinutes = (m[7] === '-' ? -1 : 1) * (Number(m[8]) * 60 + Number(m[9]));
  return Date.UTC(Number(m[3]), month, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6])) - offsetMinutes * 60_000;
}

export function parseAccessLine(text: string, line: number): AccessLine | null {
  const m = ACCESS_LINE.exec(text);
  const time = m ? parseClfTime(m[4] as string) : Number.NaN;
  if (!m || Number.isNaN(time)) return null;
  return {
    line,
    client: m[1] as string,
    ident: m[2] as string,
    user: m[3] as string,
    time,
    request: m[5] as string,
    status: m[6] as string,
    bytes: m[7] as string,
    referer: m[8] ?? '-',
    userAgent: m[9] ?? '-',
  };
}

/** `dd/Mon/yyyy:HH:MM:SS +0000` of an epoch time. */
export function formatClfTime(time: number): string {
  const d = new Date(time);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

/** The line in plain combined format at another time (referer and agent `-` when the test had none). */
export function renderCombined(line: AccessLine, time: number): string {
  return `${line.client} ${line.ident} ${line.user} [${formatClfTime(time)}] "${line.request}" ${line.status} ${line.bytes} "${line.referer}" "${line.userAgent}"`;
}

/**
 * Attack tests of type nginx or apache2 whose file holds access lines (the nginx error-log
 * test `nginx_req_limit_exceeded` has none and is left out): the 62 tests issue 20 measures.
 */
export function loadHubTests(): HubTest[] {
  const rows = readFileSync(join(HUB_DIR, 'labels.csv'), 'utf8').trim().split('\n');
  const header = (rows.shift() as string).split(',');
  const col = (name: string): number => header.indexOf(name);
  const tests: HubTest[] = [];
  for (const row of rows) {
    const cells = row.split(',');
    const [file, logType, kind] = [cells[col('file')], cells[col('crowdsec_log_type')], cells[col('kind')]] as string[];
    if (kind !== 'attack' || !COMBINED_LOG_TYPES.has(logType as string)) continue;
    const text = readFileSync(join(HUB_DIR, file as string), 'utf8');
    const lines: AccessLine[] = [];
    let otherLines = 0;
    text.split('\n').forEach((raw, index) => {
      if (raw.trim() === '') return;
      const parsed = parseAccessLine(raw.replace(/\s+$/, ''), index + 1);
      if (parsed) lines.push(parsed);
      else otherLines++;
    });
    if (lines.length === 0) continue;
    tests.push({
      name: (file as string).split('/')[0] as string,
      file: file as string,
      logType: logType as string,
      scenarios: (cells[col('expected_scenarios')] ?? '').split(' ').filter(Boolean),
      expected: (cells[col('alert_source_ips')] ?? '').split(' ').filter(Boolean),
      lines,
      otherLines,
    });
  }
  return tests;
}
