// Strings a tracker keeps for the whole scan (addresses, paths, agents) must not pin the log line
// they were sliced from: compactCopy copies them. In the injection worker every value arrives as
// a string of its own (deserialized from the batch, or the one string of a coded value), so the
// copy would only cost time and memory (and make each lookup compare characters instead of
// finding the same string): the worker says so once, and keeps them as they are.
import { compactCopy } from '../../normalize/compact-copy.js';

let standalone = false;

/** Called once by the injection worker thread: every string it hands the trackers is already standalone. */
export function keepStringsAsGiven(): void {
  standalone = true;
}

/** `text`, or a copy of it that does not keep a larger string alive. */
export function keptString(text: string): string {
  return standalone ? text : compactCopy(text);
}
