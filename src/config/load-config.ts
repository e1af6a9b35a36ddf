import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { InputError, UsageError } from '../errors.js';
import type { LoadedConfig } from './config-types.js';
import { locateJsonSyntaxError } from './json-syntax-error.js';
import { validateConfig } from './validate-config.js';

export const DEFAULT_CONFIG_FILE = 'anomalog.config.json';

// A config is a few kilobytes of rules; anything this big is the wrong file.
const MAX_CONFIG_BYTES = 1024 * 1024;

export interface LoadConfigOptions {
  /** `--config FILE`, relative to cwd. */
  configPath?: string;
  /** `--no-config`: read no file at all. */
  noConfig?: boolean;
  cwd: string;
}

function readConfigText(absolutePath: string, displayPath: string, explicit: boolean): string | null {
  let size: number;
  try {
    const stat = statSync(absolutePath);
    if (stat.isDirectory()) throw new InputError(`config file ${displayPath} is a directory, not a file`);
    size = stat.size;
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      if (!explicit) return null;
      throw new InputError(`config file ${displayPath} not found (given with --config)`);
    }
    throw new InputError(`cannot read config file ${displayPath}: ${(error as Error).message}`);
  }
  if (size > MAX_CONFIG_BYTES) {
    throw new InputError(`config file ${displayPath} is ${size} bytes; a config is at most ${MAX_CONFIG_BYTES} bytes`);
  }
  try {
    return readFileSync(absolutePath, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read config file ${displayPath}: ${(error as Error).message}`);
  }
}

function parseConfigJson(text: string, displayPath: string): unknown {
  // Editors on Windows save UTF-8 with a byte-order mark; JSON.parse rejects it.
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  try {
    return JSON.parse(body);
  } catch {
    const where = locateJsonSyntaxError(body);
    const detail = where ? `line ${where.line}, column ${where.column}: ${where.problem}` : 'it does not parse';
    throw new InputError(`invalid config ${displayPath}: not JSON (${detail})`);
  }
}

/**
 * Reads and checks the config: `--config FILE`, else `anomalog.config.json` in
 * cwd (not in parent directories: the file in effect is the one you can see).
 * Returns null when there is none to read. Any problem refuses the whole file
 * with one InputError naming the file, the place (`suppress[2].client`) and
 * what is wrong: nothing runs on half a config.
 */
export function loadConfig(options: LoadConfigOptions): LoadedConfig | null {
  if (options.noConfig && options.configPath !== undefined) {
    throw new UsageError('--config and --no-config cannot be used together');
  }
  if (options.noConfig) return null;
  const explicit = options.configPath !== undefined;
  const displayPath = options.configPath ?? DEFAULT_CONFIG_FILE;
  if (explicit && displayPath === '') throw new UsageError('--config needs a file name');
  const absolutePath = path.resolve(options.cwd, displayPath);
  const text = readConfigText(absolutePath, displayPath, explicit);
  if (text === null) return null;
  const parsed = parseConfigJson(text, displayPath);
  const validation = validateConfig(parsed);
  if (!validation.ok) {
    const [first, ...rest] = validation.problems;
    const place = first!.path === '' ? '' : `${first!.path}: `;
    const more = rest.length === 0 ? '' : ` (and ${rest.length} more problem${rest.length === 1 ? '' : 's'})`;
    throw new InputError(`invalid config ${displayPath}: ${place}${first!.problem}${more}`);
  }
  return { ...validation.config, path: absolutePath, displayPath };
}
