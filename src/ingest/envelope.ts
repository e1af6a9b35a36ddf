import { MAX_LINE_BYTES } from './line-reader.js';

/** Where unwrapped lines go: a payload to parse (with the line it starts on) or a line that carries none. */
export interface PayloadSink {
  payload(text: string, line: number): void;
  skip(reason: string, line: number): void;
}

/** A container-runtime envelope around one log line. */
interface Envelope {
  kind: 'cri' | 'docker';
  stream: string;
  payload: string;
  /** The runtime split a long line; the rest follows in the next envelopes of the same stream. */
  partial: boolean;
}

/**
 * Removes the container-runtime envelopes that are never part of an access log
 * and so are safe to strip on every line: CRI (`<RFC3339 ts> stdout|stderr P|F payload`)
 * and Docker json-file (`{"log":"payload\n","stream":…}`). Split lines (CRI `P`,
 * Docker chunks without a final `\n`) are joined with the following envelopes of
 * the same stream; the joined payload is reported at the line where it starts
 * and each later fragment counts as a skipped `continuation` line, so lines read
 * still equal records plus skipped. A fragment whose continuation never comes
 * is parsed on its own.
 */
export class EnvelopeUnwrapper {
  private pending: { envelope: Envelope; text: string; line: number; tooLong: boolean } | null = null;

  unwrap(text: string, line: number, sink: PayloadSink): void {
    const envelope = parseEnvelope(text);
    const pending = this.pending;
    if (pending !== null) {
      if (envelope !== null && envelope.kind === pending.envelope.kind && envelope.stream === pending.envelope.stream) {
        sink.skip('continuation', line);
        if (!pending.tooLong) {
          pending.text += envelope.payload;
          if (pending.text.length > MAX_LINE_BYTES) pending.tooLong = true;
        }
        if (!envelope.partial) this.flush(sink);
        return;
      }
      this.flush(sink);
    }
    if (envelope === null) {
      sink.payload(text, line);
    } else if (envelope.partial) {
      this.pending = { envelope, text: envelope.payload, line, tooLong: false };
    } else {
      sink.payload(envelope.payload, line);
    }
  }

  /** Emits a joined line still waiting for its end (call at the end of each input). */
  flush(sink: PayloadSink): void {
    const pending = this.pending;
    if (pending === null) return;
    this.pending = null;
    if (pending.tooLong) sink.skip('line-too-long', pending.line);
    else sink.payload(pending.text, pending.line);
  }
}

const CRI_SHAPE = /^\d{4}-\d\d-\d\dT[0-9:.]+(?:Z|[+-]\d\d:?\d\d) (stdout|stderr) ([PF])(?: |$)/;

export function parseEnvelope(text: string): Envelope | null {
  const first = text.charCodeAt(0);
  if (first === 0x7b /* { */) return parseDockerEnvelope(text);
  // Cheap shape checks before the regex: `YYYY-MM-DDT`.
  if (first >= 0x30 && first <= 0x39 && text.charCodeAt(4) === 0x2d && text.charCodeAt(10) === 0x54) {
    const match = CRI_SHAPE.exec(text);
    if (match === null) return null;
    return { kind: 'cri', stream: match[1]!, partial: match[2] === 'P', payload: text.slice(match[0].length) };
  }
  return null;
}

function parseDockerEnvelope(text: string): Envelope | null {
  if (!text.startsWith('{"log":')) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { log, stream } = value as { log?: unknown; stream?: unknown };
  if (typeof log !== 'string') return null;
  let payload = log;
  let partial = true;
  if (payload.endsWith('\n')) {
    partial = false;
    payload = payload.slice(0, payload.endsWith('\r\n') ? -2 : -1);
  }
  return { kind: 'docker', stream: typeof stream === 'string' ? stream : '', payload, partial };
}

// syslog prefixes. HAProxy logs carry one that its own parser reads, so these are
// only stripped for a file when that makes its lines look more like some format
// (see detect-format.ts); never on every line blindly.
const SYSLOG_5424 = /^<\d{1,3}>1 \S+ \S+ \S+ \S+ \S+ (?:-|(?:\[(?:[^\]"\\]|\\.|"(?:[^"\\]|\\.)*")*\])+)(?: |$)/;
const SYSLOG_3164 = /^(?:<\d{1,3}>)?[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d (?:\S+ )?[A-Za-z0-9_.\-/]+(?:\[\d+\])?: ?/;
const SYSLOG_ISO = /^(?:<\d{1,3}>)?\d{4}-\d\d-\d\dT[0-9:.]+(?:Z|[+-]\d\d:?\d\d) \S+ [A-Za-z0-9_.\-/]+(?:\[\d+\])?: ?/;
/** `host program[pid]: ` or `program[pid]: ` without a timestamp (journald MESSAGE, `haproxy[123]: `). */
const SYSLOG_TAG = /^(?:[A-Za-z0-9_.\-]+ )?[A-Za-z][A-Za-z0-9_.\-/]*(?:\[\d+\])?: /;

/**
 * The line inside envelopes that could also be part of a format: a syslog
 * prefix (RFC 5424, RFC 3164, ISO-timestamped, or a bare `tag[pid]: `), a JSON
 * object whose text is in `message`/`MESSAGE` (journald, platform and
 * CloudWatch exports), or an extra pair of double quotes with the inner quotes
 * doubled (CSV/Excel exports). Null when the line has none of these.
 */
export function unwrapAmbiguous(text: string): string | null {
  let inner = unwrapOnce(text);
  if (inner === null) return null;
  // Layers nest (journald JSON around `host nginx: …`); a few rounds is plenty and bounds the work.
  for (let round = 0; round < 3; round += 1) {
    const next = unwrapOnce(inner);
    if (next === null) break;
    inner = next;
  }
  return inner;
}

function unwrapOnce(text: string): string | null {
  const first = text.charCodeAt(0);
  if (first === 0x22 /* " */) return unwrapDoubleQuoted(text);
  if (first === 0x7b /* { */) return messageOfJson(text);
  if (first === 0x3c /* < */) {
    const match = SYSLOG_5424.exec(text) ?? SYSLOG_3164.exec(text) ?? SYSLOG_ISO.exec(text);
    return match === null ? null : text.slice(match[0].length);
  }
  if (first >= 0x41 && first <= 0x5a) {
    const match = SYSLOG_3164.exec(text) ?? SYSLOG_TAG.exec(text);
    return match === null ? null : text.slice(match[0].length);
  }
  if (first >= 0x30 && first <= 0x39) {
    const match = SYSLOG_ISO.exec(text);
    return match === null ? null : text.slice(match[0].length);
  }
  if (first >= 0x61 && first <= 0x7a) {
    const match = SYSLOG_TAG.exec(text);
    return match === null ? null : text.slice(match[0].length);
  }
  return null;
}

/** `"1.2.3.4 - - [..] ""GET / HTTP/1.1"" 200 …"` → `1.2.3.4 - - [..] "GET / HTTP/1.1" 200 …`. */
export function unwrapDoubleQuoted(text: string): string | null {
  if (text.length < 2 || text.charCodeAt(text.length - 1) !== 0x22) return null;
  const inner = text.slice(1, -1);
  // A lone quote inside means this is not one quoted cell (e.g. a CSV row `"a","b"`).
  let index = inner.indexOf('"');
  while (index !== -1) {
    if (inner.charCodeAt(index + 1) !== 0x22) return null;
    index = inner.indexOf('"', index + 2);
  }
  return inner.replaceAll('""', '"');
}

function messageOfJson(text: string): string | null {
  if (!text.includes('"message"') && !text.includes('"MESSAGE"')) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const record = value as Record<string, unknown>;
  const message = record.message ?? record.MESSAGE;
  return typeof message === 'string' ? message.replace(/\r?\n$/, '') : null;
}
