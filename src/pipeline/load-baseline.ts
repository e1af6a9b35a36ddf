import { readFile, stat } from 'node:fs/promises';
import { InputError } from '../errors.js';
import { MAX_BASELINE_FILE_BYTES, parseBaseline, type BaselineFile } from '../baseline/baseline-file.js';
import { ENTITY_KINDS } from '../baseline/baseline.js';
import { FEATURE_NAMES } from '../features/feature-names.js';
import { describeBaseline, type BaselineDescription } from '../features/describe-baseline.js';

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
  return withTheseFeatures(parseBaseline(text, path), path);
}

/**
 * A forest reads its vector by position: a baseline whose forests were grown on other features
 * (another anomalog, the feature table changed) would be scored on the wrong values without a
 * word. Each forest's feature names must be this anomalog's, in its order.
 */
function withTheseFeatures(file: BaselineFile, path: string): BaselineFile {
  for (const kind of ENTITY_KINDS) {
    const names = file.baseline.models[kind]?.featureNames;
    if (names === undefined) continue;
    const expected = FEATURE_NAMES[kind];
    if (names.length !== expected.length || names.some((name, i) => name !== expected[i])) {
      throw new InputError(`the baseline ${path} was learned on other ${kind} features (${names.join(', ')}) than this anomalog computes (${expected.join(', ')}); learn it again with 'anomalog learn'`);
    }
  }
  return file;
}

/** `inspect`: what a baseline file holds, described (its profiles and the features of each forest). */
export async function inspectBaseline(path: string): Promise<BaselineDescription> {
  const { baseline, files } = await loadBaseline(path);
  return describeBaseline(baseline, files);
}
