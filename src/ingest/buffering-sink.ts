import type { PayloadSink } from './envelope.js';
import { DETECTION_SAMPLE_LINES } from './detect-format.js';
import { isBlank, trimLineEnds } from './line-text.js';

/** Lines seen while the format is not known yet, replayed once it is. */
export type BufferedEvent = { text: string; line: number; reason: null } | { text: null; line: number; reason: string };

/** Holds the first lines of an input until the sample for format detection is complete. */
export class BufferingSink implements PayloadSink {
  readonly events: BufferedEvent[] = [];
  readonly sample: string[] = [];

  payload(text: string, line: number): void {
    const clean = trimLineEnds(text);
    this.events.push({ text: clean, line, reason: null });
    if (this.sample.length < DETECTION_SAMPLE_LINES && !isBlank(clean)) this.sample.push(clean);
  }

  skip(reason: string, line: number): void {
    this.events.push({ text: null, line, reason });
  }
}
