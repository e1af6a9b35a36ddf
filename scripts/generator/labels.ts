// The label file written beside generated logs: what was planted where, in the
// identities each format shows (a consumer is a key id in API Gateway, a username in nginx JSON, …).
import type { PlantedKind } from './incidents/plan.js';

export interface IncidentLabel {
  kind: PlantedKind;
  /** ISO 8601 UTC. */
  start: string;
  end: string;
  /** Addresses that sent the planted traffic; empty when the incident affects every client. */
  clients: string[];
  /** Consumer ids as this format logs them; empty for formats without a consumer. */
  consumers: string[];
  /** "METHOD /route/{id}" or null when the incident is not about one endpoint. */
  endpoint: string | null;
  description: string;
  /** Lines added or changed by the incident in this file. */
  requests: number;
}

export interface LabelledFile {
  /** Generator format name (`nginx`, `apigw`, …). */
  format: string;
  describes: string;
  lines: number;
  /** True when nothing was planted in this file (clean day or learn period). */
  clean: boolean;
  start: string;
  end: string;
  labels: IncidentLabel[];
}

export interface LabelsDocument {
  version: 1;
  generator: string;
  seed: number;
  ratePerSecond: number;
  scale: number;
  /** File name (relative to the labels file) → what it holds. */
  files: Record<string, LabelledFile>;
}
