// V8's JSON.parse messages differ between Node versions and often give no
// position ("Unexpected token '}', ... is not valid JSON"). A config author
// needs a line and column, so after JSON.parse has failed this small scanner
// walks the text again to find where and why.

export interface JsonSyntaxProblem {
  line: number;
  column: number;
  problem: string;
}

class JsonScanFailure extends Error {
  constructor(
    readonly offset: number,
    readonly problem: string,
  ) {
    super(problem);
  }
}

function describeAt(text: string, offset: number): string {
  if (offset >= text.length) return 'end of file';
  const ch = text[offset]!;
  return /[\x20-\x7e]/.test(ch) ? `"${ch}"` : `character U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

function scanJson(text: string): void {
  let at = 0;
  const fail = (problem: string): never => {
    throw new JsonScanFailure(at, problem);
  };
  const skipSpace = (): void => {
    while (at < text.length && ' \t\n\r'.includes(text[at]!)) at += 1;
  };
  const expect = (what: string): never => {
    if (text[at] === '/') fail('comments are not allowed in JSON');
    if (text[at] === "'") fail('strings must use double quotes');
    return fail(`expected ${what}, found ${describeAt(text, at)}`);
  };

  const scanString = (): void => {
    at += 1; // opening quote
    for (;;) {
      if (at >= text.length) fail('unterminated string');
      const ch = text[at]!;
      if (ch === '"') {
        at += 1;
        return;
      }
      if (ch < ' ') fail('control character inside a string (write it as an escape, e.g. \\n)');
      if (ch === '\\') {
        const next = text[at + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(at + 2, at + 6))) fail('bad \\u escape');
          at += 6;
          continue;
        }
        if (next === undefined || !'"\\/bfnrt'.includes(next)) fail('bad escape in a string');
        at += 2;
        continue;
      }
      at += 1;
    }
  };

  const scanValue = (depth: number): void => {
    if (depth > 200) fail('nesting too deep');
    skipSpace();
    const ch = text[at];
    if (ch === '{') {
      at += 1;
      skipSpace();
      if (text[at] === '}') {
        at += 1;
        return;
      }
      for (;;) {
        skipSpace();
        if (text[at] !== '"') expect('a key in double quotes');
        scanString();
        skipSpace();
        if (text[at] !== ':') expect('":" after the key');
        at += 1;
        scanValue(depth + 1);
        skipSpace();
        if (text[at] === ',') {
          at += 1;
          skipSpace();
          if (text[at] === '}') fail('trailing comma before "}"');
          continue;
        }
        if (text[at] === '}') {
          at += 1;
          return;
        }
        expect('"," or "}"');
      }
    }
    if (ch === '[') {
      at += 1;
      skipSpace();
      if (text[at] === ']') {
        at += 1;
        return;
      }
      for (;;) {
        scanValue(depth + 1);
        skipSpace();
        if (text[at] === ',') {
          at += 1;
          skipSpace();
          if (text[at] === ']') fail('trailing comma before "]"');
          continue;
        }
        if (text[at] === ']') {
          at += 1;
          return;
        }
        expect('"," or "]"');
      }
    }
    if (ch === '"') return scanString();
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(at, at + 400));
    if (literal) {
      at += literal[0].length;
      return;
    }
    expect('a value');
  };

  scanValue(0);
  skipSpace();
  if (at < text.length) fail(`unexpected ${describeAt(text, at)} after the end of the JSON value`);
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i += 1) {
    if (text[i] === '\n') {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Where and why `text` is not JSON; null if the scanner finds nothing wrong. */
export function locateJsonSyntaxError(text: string): JsonSyntaxProblem | null {
  try {
    scanJson(text);
    return null;
  } catch (error) {
    if (!(error instanceof JsonScanFailure)) throw error;
    return { ...lineAndColumn(text, error.offset), problem: error.problem };
  }
}
