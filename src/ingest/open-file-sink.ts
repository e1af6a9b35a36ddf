import type { FormatOptions } from '../types.js';
import { InputError } from '../errors.js';
import { escapeTerminal } from '../text/sanitize.js';
import type { InputSource } from './open-input.js';
import { chooseFormat, chooseUnwrapping, describeUndetectable } from './detect-format.js';
import { FormatSwitcher } from './format-switcher.js';
import { FileSink, type IngestContext } from './file-sink.js';

/** Format id shown for inputs with no non-blank line (nothing needed detecting). */
export const NO_FORMAT = '-';

/**
 * The sink that reads one input, with the format chosen from its first lines (`sample`): the
 * forced one (`--log-format`), the detected one (several for a mixed input), or none. An
 * undetectable input is an InputError, except a file met in a directory walk.
 */
export function openFileSink(source: InputSource, sample: readonly string[], context: IngestContext): FileSink {
  const { forced, formats, stats } = context;
  const formatOptions: FormatOptions = {
    fieldMap: context.fieldMap,
    defaultYear: new Date(source.mtimeMs ?? Date.now()).getUTCFullYear(),
  };
  const sink = (format: FormatSwitcher['format'], unwrap: boolean, mixed: FormatSwitcher['mixedCandidates'] = null, undetected = false): FileSink =>
    new FileSink(source.name, new FormatSwitcher(source.name, format, mixed, formats, formatOptions, stats), unwrap, context, undetected);
  if (forced !== null) {
    stats.formats[source.name] = forced.id;
    return sink(forced, chooseUnwrapping(sample, forced));
  }
  if (sample.length === 0) {
    stats.formats[source.name] = NO_FORMAT;
    return sink(null, false);
  }
  const choice = chooseFormat(sample, formats);
  if (choice === null) {
    // A file met in a directory walk (a README, a PROVENANCE.md, a core dump) costs its own lines, not the run.
    if (source.fromDirectory && !context.strict) {
      stats.formats[source.name] = NO_FORMAT;
      return sink(null, false, null, true);
    }
    throw new InputError(describeUndetectable(escapeTerminal(source.name)));
  }
  stats.formats[source.name] = choice.format.id;
  return sink(choice.format, choice.unwrapAmbiguous, choice.mixed ? choice.candidates : null);
}
