import type { FilterCount, LogRecord, RecordSelector } from '../types.js';
import { clientInRange, parseClientRange, type ClientRange } from './client-range.js';
import { wildcardToRegExp } from './wildcard.js';

/**
 * What the record flags ask for (`--client`, `--consumer`, `--route`, `--method`, `--status`,
 * `--agent`, `--since`, `--until`). Each flag may be given several times: a record passes a flag
 * when it matches any of its values, and passes the filter when it passes every flag given.
 */
export interface RecordFilterSpec {
  sinceMs?: number;
  untilMs?: number;
  client?: readonly string[];
  consumer?: readonly string[];
  route?: readonly string[];
  method?: readonly string[];
  status?: readonly string[];
  agent?: readonly string[];
}

/** One flag's test, with the records it kept counted (each stage sees only what the earlier ones kept). */
interface Stage {
  flag: string;
  value: string;
  test: (record: LogRecord) => boolean;
  kept: number;
}

/** The order stages run in and are reported in: cheap numeric tests first, strings after. */
const STAGE_ORDER = ['since', 'until', 'status', 'method', 'client', 'consumer', 'route', 'agent'] as const;

/** Thrown for a flag value that is not a valid filter; the CLI turns it into a usage error. */
export class FilterSyntaxError extends Error {}

/**
 * The records the user asked about, as a chain of tests over parsed fields. A record is kept when
 * every stage passes; `counts()` says how many each stage kept, in order (a funnel), so a report
 * can say "--client kept 1,204 of 10,000, then --status 4xx kept 87".
 */
export class RecordFilter implements RecordSelector {
  private readonly stages: Stage[];
  seen = 0;

  constructor(spec: RecordFilterSpec) {
    this.stages = [];
    for (const name of STAGE_ORDER) {
      const stage = buildStage(name, spec);
      if (stage !== null) this.stages.push(stage);
    }
  }

  /** True when no flag was given: every record passes and there is nothing to report. */
  get empty(): boolean {
    return this.stages.length === 0;
  }

  keep(record: LogRecord): boolean {
    this.seen += 1;
    const stages = this.stages;
    for (let i = 0; i < stages.length; i += 1) {
      const stage = stages[i]!;
      if (!stage.test(record)) return false;
      stage.kept += 1;
    }
    return true;
  }

  /** Records kept by each flag, in the order applied (each counted among those the flags before it kept). */
  counts(): FilterCount[] {
    return this.stages.map((stage) => ({ filter: stage.flag, value: stage.value, kept: stage.kept }));
  }
}

function buildStage(name: (typeof STAGE_ORDER)[number], spec: RecordFilterSpec): Stage | null {
  switch (name) {
    case 'since': {
      if (spec.sinceMs === undefined) return null;
      const since = spec.sinceMs;
      return stage('--since', new Date(since).toISOString(), (record) => record.timeMs >= since);
    }
    case 'until': {
      if (spec.untilMs === undefined) return null;
      const until = spec.untilMs;
      return stage('--until', new Date(until).toISOString(), (record) => record.timeMs < until);
    }
    case 'status':
      return anyOf('--status', spec.status, statusTest);
    case 'method':
      return anyOf('--method', spec.method, methodTest);
    case 'client':
      return anyOf('--client', spec.client, clientTest);
    case 'consumer':
      return anyOf('--consumer', spec.consumer, (value) => (record) => record.consumer === value);
    case 'route':
      return anyOf('--route', spec.route, routeTest);
    case 'agent':
      return anyOf('--agent', spec.agent, agentTest);
  }
}

function stage(flag: string, value: string, test: (record: LogRecord) => boolean): Stage {
  return { flag, value, test, kept: 0 };
}

function anyOf(flag: string, values: readonly string[] | undefined, build: (value: string) => (record: LogRecord) => boolean): Stage | null {
  if (values === undefined || values.length === 0) return null;
  const tests = values.map(build);
  const test = tests.length === 1 ? tests[0]! : (record: LogRecord) => tests.some((one) => one(record));
  return stage(flag, values.join(','), test);
}

/** `404`, `4xx`, `500-599`: a code, a class or an inclusive range. */
export function parseStatusFilter(text: string): { low: number; high: number } {
  const value = text.trim().toLowerCase();
  let match = /^([1-5])xx$/.exec(value);
  if (match) return { low: Number(match[1]) * 100, high: Number(match[1]) * 100 + 99 };
  match = /^(\d{3})$/.exec(value);
  if (match) return { low: Number(match[1]), high: Number(match[1]) };
  match = /^(\d{3})-(\d{3})$/.exec(value);
  if (match && Number(match[1]) <= Number(match[2])) return { low: Number(match[1]), high: Number(match[2]) };
  throw new FilterSyntaxError(`--status expects a code (404), a class (4xx) or a range (500-599), got '${text}'`);
}

function statusTest(text: string): (record: LogRecord) => boolean {
  const { low, high } = parseStatusFilter(text);
  return (record) => record.status !== null && record.status >= low && record.status <= high;
}

export function parseMethodFilter(text: string): string {
  const method = text.trim().toUpperCase();
  if (!/^[A-Z][A-Z0-9_-]*$/.test(method)) throw new FilterSyntaxError(`--method expects an HTTP method such as GET, got '${text}'`);
  return method;
}

function methodTest(text: string): (record: LogRecord) => boolean {
  const method = parseMethodFilter(text);
  return (record) => record.method === method;
}

/** Logs repeat the same few thousand clients; a range test parses the address, so answers are remembered. */
const CLIENT_CACHE_LIMIT = 65_536;

/**
 * An address or CIDR block matches every spelling of the addresses inside it (IPv4-mapped IPv6
 * included); anything else (a host name) must equal the client field exactly.
 */
function clientTest(text: string): (record: LogRecord) => boolean {
  const value = text.trim();
  if (value === '') throw new FilterSyntaxError('--client expects an address, a CIDR block or a host name, got an empty value');
  const range: ClientRange | null = parseClientRange(value);
  if (range === null) {
    if (value.includes('/')) throw new FilterSyntaxError(`--client expects an address or a CIDR block such as 203.0.113.0/24, got '${text}'`);
    return (record) => record.client === value;
  }
  const answers = new Map<string, boolean>();
  return (record) => {
    const client = record.client;
    if (client === null) return false;
    let answer = answers.get(client);
    if (answer === undefined) {
      answer = clientInRange(client, range);
      if (answers.size >= CLIENT_CACHE_LIMIT) answers.clear();
      answers.set(client, answer);
    }
    return answer;
  };
}

/**
 * A route template (`/api/users/{id}`) or a path (`/wp-login.php`), exactly or with `*` for any
 * characters (`/api/*`): a record matches when its route template or its path does.
 */
function routeTest(text: string): (record: LogRecord) => boolean {
  const value = text.trim();
  if (value === '') throw new FilterSyntaxError('--route expects a route template, a path or a glob such as /api/*, got an empty value');
  if (!value.includes('*')) return (record) => record.route === value || record.path === value;
  const pattern = wildcardToRegExp(value);
  return (record) => (record.route !== null && pattern.test(record.route)) || (record.path !== null && pattern.test(record.path));
}

/** `/regex/flags` is a regular expression; anything else a case-insensitive substring of the user agent. */
export function parseAgentFilter(text: string): RegExp | string {
  const regex = /^\/(.+)\/([a-z]*)$/s.exec(text);
  if (regex) {
    try {
      return new RegExp(regex[1]!, regex[2]!.replace(/[gy]/g, ''));
    } catch (error) {
      throw new FilterSyntaxError(`--agent: '${text}' is not a valid regular expression (${(error as Error).message})`);
    }
  }
  if (text === '') throw new FilterSyntaxError('--agent expects a substring or /regex/, got an empty value');
  return text.toLowerCase();
}

function agentTest(text: string): (record: LogRecord) => boolean {
  const agent = parseAgentFilter(text);
  if (typeof agent === 'string') return (record) => record.userAgent !== null && record.userAgent.toLowerCase().includes(agent);
  return (record) => record.userAgent !== null && agent.test(record.userAgent);
}
