import type { IncidentKind, Severity } from '../types.js';

/** Report formats `--format` takes (src/report/renderers.ts registers the same ids). */
export const REPORT_FORMATS = ['table', 'json', 'ndjson', 'csv', 'markdown', 'html'] as const;
export type ConfigReportFormat = (typeof REPORT_FORMATS)[number];

/**
 * Defaults for command-line flags. The CLI uses a value here only when the flag
 * is not on the command line: command line > config > built-in default.
 * Names are the flags in camelCase (`--sample-size` → `sampleSize`).
 */
export interface ConfigDefaults {
  window?: string;
  seed?: number;
  trees?: number;
  sampleSize?: number;
  top?: number;
  failOn?: Severity;
  minSeverity?: Severity;
  minConfidence?: number;
  format?: ConfigReportFormat;
  logFormat?: string;
  /** record field → source field, as `--map record_field=source_field`. */
  map?: Readonly<Record<string, string>>;
  redact?: boolean;
  strict?: boolean;
  showSuppressed?: boolean;
}

/** Every field but `reason` is optional; the fields given must all match. */
export interface SuppressRule {
  kind?: IncidentKind;
  /** Route template pattern: `GET /api/v1/*`, `* /health`, `/health`. */
  endpoint?: string;
  /** Address or CIDR, IPv4 or IPv6, or a list of them. */
  client?: string | readonly string[];
  /** Exact consumer id, `*` wildcards allowed. */
  consumer?: string;
  /** Case-insensitive substring. */
  userAgent?: string;
  /** ISO 8601 time (without a zone it is UTC), or a date (00:00 UTC). */
  from?: string;
  until?: string;
  reason: string;
}

export type IgnoreDirection = 'increase' | 'decrease';

export interface IgnoreRule {
  /** Evidence feature name, `*` wildcards allowed. */
  feature: string;
  endpoint?: string;
  /** The direction that matters: evidence moving the other way is dropped. */
  direction?: IgnoreDirection;
  /** `"20%"` of the baseline, or an absolute difference in the evidence's unit. */
  within?: string | number;
  reason: string;
}

export interface AnomalogConfig {
  defaults: ConfigDefaults;
  suppress: SuppressRule[];
  ignore: IgnoreRule[];
}

export interface LoadedConfig extends AnomalogConfig {
  /** Absolute path of the file read. */
  path: string;
  /** The path as the user wrote it (or `anomalog.config.json`), for messages. */
  displayPath: string;
}
