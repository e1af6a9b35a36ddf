// Validation against schema/report.schema.json, for tests of every part and for
// anyone consuming a report. The schema is read from the package, not copied,
// so there is one source of truth.
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';

export const REPORT_SCHEMA_URL = new URL('../../schema/report.schema.json', import.meta.url);

/** The $defs of each NDJSON line type: a line is judged by its own type's shape, so the errors name its fields. */
const NDJSON_LINE_DEFS = { header: 'NdjsonHeader', incident: 'NdjsonIncident', suppressed: 'NdjsonSuppressed' } as const;

interface Validators {
  report: ValidateFunction;
  ndjsonLine: ValidateFunction;
  byType: Record<keyof typeof NDJSON_LINE_DEFS, ValidateFunction>;
}

let compiled: Validators | undefined;

function validators(): Validators {
  if (!compiled) {
    const schema = JSON.parse(readFileSync(REPORT_SCHEMA_URL, 'utf8')) as { $id: string };
    const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
    ajv.addSchema(schema);
    compiled = {
      report: ajv.getSchema(schema.$id) as ValidateFunction,
      ndjsonLine: ajv.compile({ $ref: `${schema.$id}#/$defs/NdjsonLine` }),
      byType: {
        header: ajv.compile({ $ref: `${schema.$id}#/$defs/${NDJSON_LINE_DEFS.header}` }),
        incident: ajv.compile({ $ref: `${schema.$id}#/$defs/${NDJSON_LINE_DEFS.incident}` }),
        suppressed: ajv.compile({ $ref: `${schema.$id}#/$defs/${NDJSON_LINE_DEFS.suppressed}` }),
      },
    };
  }
  return compiled;
}

function describeErrors(validate: ValidateFunction): string[] {
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
}

/** Errors of `value` against the report schema, one sentence each; empty when valid. */
export function validateReport(value: unknown): string[] {
  const validate = validators().report;
  return validate(value) ? [] : describeErrors(validate);
}

/** Errors of one parsed `--format ndjson` line (header, incident or suppressed) against $defs/NdjsonLine. */
export function validateNdjsonLine(value: unknown): string[] {
  const type = typeof value === 'object' && value !== null ? (value as { type?: unknown }).type : undefined;
  const { byType, ndjsonLine } = validators();
  const validate = typeof type === 'string' && Object.hasOwn(byType, type) ? byType[type as keyof typeof byType] : ndjsonLine;
  return validate(value) ? [] : describeErrors(validate);
}
