import { readFile, stat } from 'node:fs/promises';
import { InputError } from '../errors.js';
import { MAX_BASELINE_FILE_BYTES, parseBaseline, type BaselineFile } from '../baseline/baseline-file.js';

/** Reads and validates a baseline file; any problem is one InputError sentence (exit 2). */
export async function loadBaseline(path: string): Promise<BaselineFile> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    throw new InputError(`cannot read the baseline ${path}: no such file`);
  }
  if (size > MAX_BASELINE_FILE_BYTES) throw new InputError(`the baseline ${path} is ${size} bytes, larger than any baseline anomalog writes`);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read the baseline ${path}: ${(error as Error).message}`);
  }
  return parseBaseline(text, path);
}
