import type { Report } from '../types.js';

/** What the CLI decides for every renderer; renderers themselves never look at the environment. */
export interface RenderOptions {
  /** Whether ANSI colour may be written (see color-policy.ts); only the table uses it. */
  color: boolean;
  /** Show at most this many incidents (all when absent). */
  top?: number;
  /** List suppressed incidents instead of only counting them. */
  showSuppressed?: boolean;
  /** Wall time of the run, for the footer of the human formats. */
  elapsedMs?: number;
  /** Columns available to the table; 120 when unknown (e.g. piped). */
  terminalWidth?: number;
  /** HTML drill-down: the first lines of each incident (by id), re-read from the inputs, already formatted. */
  incidentLines?: Readonly<Record<string, readonly string[]>>;
  /** HTML drill-down: the report file `anomalog show` should be pointed at (else a placeholder). */
  reportPath?: string;
}

/** A pure report serialiser: same report and options, same string. */
export type Renderer = (report: Report, options: RenderOptions) => string;
