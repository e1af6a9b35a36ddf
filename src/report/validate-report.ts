// Validation against schema/report.schema.json, for tests of every part and for
// anyone consuming a report. The schema is read from the package, not copied,
// so there is one source of truth.
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';

export const REPORT_SCHEMA_URL = new URL('../../schema/report.schema.json', import.meta.url);

let compiled: { report: ValidateFunction; ndjsonLine: ValidateFunction } | undefined;

function validators(): { report: ValidateFunction; ndjsonLine: ValidateFunction } {
  if (!compiled) {
    const schema = JSON.parse(readFileSync(REPORT_SCHEMA_URL, 'utf8')) as { $id: string };
    const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
    ajv.addSchema(schema);
    compiled = {
      report: ajv.getSchema(schema.$id) as ValidateFunction,
      ndjsonLine: ajv.compile({ $ref: `${schema.$id}#/$defs/NdjsonLine` }),
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
  const validate = validators().ndjsonLine;
  return validate(value) ? [] : describeErrors(validate);
}
