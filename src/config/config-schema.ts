import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';

// The published schema file is the single source of truth for the config's
// shape. src/config and dist/config both sit two levels below the package root,
// next to schema/, so the same relative URL works from source and from the build.
const SCHEMA_URL = new URL('../../schema/config.schema.json', import.meta.url);

let compiled: ValidateFunction | null = null;

export function readConfigSchema(): Record<string, unknown> {
  return JSON.parse(readFileSync(SCHEMA_URL, 'utf8')) as Record<string, unknown>;
}

function compileConfigSchema(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, allowUnionTypes: true, strict: true, verbose: true });
    compiled = ajv.compile(readConfigSchema());
  }
  return compiled;
}

/** Every way `value` breaks schema/config.schema.json (empty when it conforms). */
export function schemaErrors(value: unknown): ErrorObject[] {
  const validate = compileConfigSchema();
  return validate(value) ? [] : [...(validate.errors ?? [])];
}
