// The README's examples as data: which command printed which output, run for real.
//
// An example is a ```console block right after a marker comment:
//
//   <!-- readme-example: forensics-show -->            every command exits 0
//   <!-- readme-example: threads exit=0,2 -->          exit status of each `$` command, in order
//
// Inside the block a line starting with `$ ` is a command (a trailing `\` continues it on the
// next line); the lines after it, up to the next command, are what it printed (stdout and
// stderr together, as a terminal shows them). Commands run in document order in one sandbox
// directory that looks like the repository root (`fixtures/` and `../shared/` by relative path,
// `anomalog` on the PATH is this checkout's bin/anomalog), so a file written by one example
// (`-o report.json`) is read by the next, and nothing is written into the repository.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, chmodSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const README_PATH = join(REPO_ROOT, 'README.md');
/** The documents whose marked examples are run and checked, relative to the repository root. */
export const EXAMPLE_DOCUMENTS = ['README.md', 'docs/ci.md'] as const;

const MARKER = /^<!--\s*readme-example:\s*([\w-]+)((?:\s+[\w-]+=[^\s>]+)*)\s*-->\s*$/;

export interface ReadmeCommand {
  /** The command as a shell runs it (continuation lines joined). */
  command: string;
  /** The command's lines as the README writes them, `$ ` included. */
  commandLines: string[];
  /** What the README shows it printed, one string (lines joined with \n, no trailing newline). */
  shown: string;
  /** The exit status the marker says it has (0 unless `exit=` says otherwise). */
  expectedExit: number;
}

export interface ReadmeExample {
  name: string;
  /** The marker's own text, kept as written. */
  marker: string;
  commands: ReadmeCommand[];
  /** Index (0-based) of the block's first content line and of its closing fence in the README's lines. */
  firstLine: number;
  closingLine: number;
}

export class ReadmeExampleError extends Error {}

/** Finds every marked example in a document's text (`document` names it in errors). */
export function parseReadmeExamples(text: string, document = 'README.md'): ReadmeExample[] {
  const lines = text.split('\n');
  const examples: ReadmeExample[] = [];
  const names = new Set<string>();
  for (let i = 0; i < lines.length; i++) {
    const match = MARKER.exec(lines[i]!);
    if (match === null) continue;
    const name = match[1]!;
    if (names.has(name)) throw new ReadmeExampleError(`${document}:${i + 1}: example "${name}" is marked twice`);
    names.add(name);
    const options = parseOptions(match[2] ?? '', i, document);
    const fence = i + 1;
    if (!/^```(console|sh|shell)?\s*$/.test(lines[fence] ?? '')) throw new ReadmeExampleError(`${document}:${i + 1}: the marker of "${name}" must be followed by a \`\`\`console block`);
    let closing = fence + 1;
    while (closing < lines.length && !/^```\s*$/.test(lines[closing]!)) closing++;
    if (closing >= lines.length) throw new ReadmeExampleError(`${document}:${fence + 1}: the block of "${name}" is not closed`);
    const commands = parseCommands(lines.slice(fence + 1, closing), name, fence + 2, document);
    if (options.exits !== undefined && options.exits.length !== commands.length) {
      throw new ReadmeExampleError(`${document}:${i + 1}: "${name}" has ${commands.length} commands but exit= lists ${options.exits.length} statuses`);
    }
    commands.forEach((command, k) => (command.expectedExit = options.exits?.[k] ?? 0));
    examples.push({ name, marker: lines[i]!, commands, firstLine: fence + 1, closingLine: closing });
    i = closing;
  }
  return examples;
}

function parseOptions(text: string, index: number, document: string): { exits?: number[] } {
  const options: { exits?: number[] } = {};
  for (const pair of text.trim().split(/\s+/).filter(Boolean)) {
    const [key, value] = pair.split('=') as [string, string];
    if (key === 'exit' && /^\d+(,\d+)*$/.test(value)) options.exits = value.split(',').map(Number);
    else throw new ReadmeExampleError(`${document}:${index + 1}: unknown example option "${pair}" (known: exit=0,2,…)`);
  }
  return options;
}

function parseCommands(block: string[], name: string, firstLineNumber: number, document: string): ReadmeCommand[] {
  const commands: ReadmeCommand[] = [];
  let i = 0;
  if (block.length > 0 && !block[0]!.startsWith('$ ')) throw new ReadmeExampleError(`${document}:${firstLineNumber}: the block of "${name}" must start with a "$ " command line`);
  while (i < block.length) {
    const commandLines = [block[i]!];
    while (commandLines.at(-1)!.endsWith('\\') && i + 1 < block.length) commandLines.push(block[++i]!);
    i++;
    const output: string[] = [];
    while (i < block.length && !block[i]!.startsWith('$ ')) output.push(block[i++]!);
    while (output.length > 0 && output.at(-1)!.trim() === '') output.pop();
    const command = commandLines.map((line, k) => (k === 0 ? line.slice(2) : line)).join('\n');
    commands.push({ command, commandLines, shown: output.join('\n'), expectedExit: 0 });
  }
  return commands;
}

/** The block's content lines for these outputs: a blank line separates an output from the next command. */
export function renderBlock(commands: readonly ReadmeCommand[], outputs: readonly string[]): string[] {
  const lines: string[] = [];
  commands.forEach((command, k) => {
    lines.push(...command.commandLines);
    const output = outputs[k]!;
    if (output !== '') lines.push(...output.split('\n'));
    if (output !== '' && k < commands.length - 1) lines.push('');
  });
  return lines;
}

/** The document with each example's block rewritten from `outputs` (one array per example, one string per command). */
export function rewriteReadme(text: string, examples: readonly ReadmeExample[], outputs: readonly (readonly string[])[]): string {
  const lines = text.split('\n');
  // From the last block up, so earlier line indexes stay valid.
  for (let e = examples.length - 1; e >= 0; e--) {
    const example = examples[e]!;
    lines.splice(example.firstLine, example.closingLine - example.firstLine, ...renderBlock(example.commands, outputs[e]!));
  }
  return lines.join('\n');
}

export interface CommandRun {
  output: string;
  exitCode: number | null;
}

/**
 * A directory laid out like the repository root for the examples: `fixtures` links to the
 * repository's, `../shared` to the shared data beside it, and `anomalog` on the PATH runs this
 * checkout's build. The README's commands are written from the repository root.
 */
export class ExampleSandbox {
  readonly root: string;
  readonly cwd: string;
  readonly binDirectory: string;

  constructor() {
    this.root = mkdtempSync(join(tmpdir(), 'anomalog-readme-'));
    this.cwd = join(this.root, 'repo');
    this.binDirectory = join(this.root, 'bin');
    mkdirSync(this.cwd);
    mkdirSync(this.binDirectory);
    symlinkSync(join(REPO_ROOT, 'fixtures'), join(this.cwd, 'fixtures'));
    const shared = resolve(REPO_ROOT, '../shared');
    if (existsSync(shared)) symlinkSync(shared, join(this.root, 'shared'));
    const shim = join(this.binDirectory, 'anomalog');
    writeFileSync(shim, `#!/bin/sh\nexec "${process.execPath}" "${join(REPO_ROOT, 'bin/anomalog')}" "$@"\n`);
    chmodSync(shim, 0o755);
  }

  /** Runs one command with bash, stdout and stderr on one pipe (the order a terminal shows). */
  run(command: string, timeoutMs = 300_000): Promise<CommandRun> {
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) if (value !== undefined && !key.startsWith('ANOMALOG_') && key !== 'FORCE_COLOR') env[key] = value;
    Object.assign(env, { PATH: `${this.binDirectory}:${process.env.PATH ?? '/usr/bin:/bin'}`, NO_COLOR: '1', TZ: 'UTC', LC_ALL: 'C.UTF-8' });
    return new Promise((resolvePromise, reject) => {
      const child = spawn('bash', ['-c', `exec 2>&1\n${command}`], { cwd: this.cwd, env, stdio: ['ignore', 'pipe', 'inherit'] });
      const chunks: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      child.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        const output = Buffer.concat(chunks).toString('utf8').replace(/\n+$/, '');
        resolvePromise({ output: output.split(this.root).join('<sandbox>'), exitCode: code });
      });
    });
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

/**
 * What may differ between the README and a run without the example being stale: the tool's
 * version (a release bumps it everywhere) and the sandbox's path. Nothing else is normalised:
 * the examples avoid what varies (timings are printed only on a terminal, and the examples pipe).
 */
export function normalizeOutput(text: string): string {
  return text
    .replace(/\banomalog(@| )\d+\.\d+\.\d+(-[\w.]+)?/g, 'anomalog$1<version>')
    .replace(/("version":\s*")\d+\.\d+\.\d+(-[\w.]+)?"/g, '$1<version>"')
    .replace(/\/tmp\/anomalog-readme-\w+/g, '<sandbox>')
    .replace(/[ \t]+$/gm, '');
}
