import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { InputError } from '../errors.js';
import { BASELINE_SCHEMA, type BaselineDocument } from './baseline-schema.js';
import { sketchAddsUp, type SerializedSketch } from './quantile-sketch.js';

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  // verbose: each error carries the schema that failed, which words the sentence.
  compiled ??= new Ajv2020({ strict: true, verbose: true }).compile(BASELINE_SCHEMA);
  return compiled;
}

/** The sentence every refusal shares: which file, where in it, what is wrong, what to do. */
export function corruptBaseline(file: string, where: string, what: string): InputError {
  return new InputError(`the baseline ${file} is corrupt: ${where} ${what}; learn it again with 'anomalog learn'`);
}

/**
 * Checks the body of a baseline file against BASELINE_SCHEMA, then what a schema cannot say
 * (statuses within requests, sketch bins adding up to their count). Throws one InputError
 * naming the first field that is wrong, as `endpoints["GET /a"].requests`.
 */
export function validateBaselineDocument(doc: Record<string, unknown>, file: string): asserts doc is Record<string, unknown> & BaselineDocument {
  const validate = validator();
  if (!validate(doc)) {
    const errors = validate.errors ?? [];
    // A propertyNames failure comes as the inner error (naming the key) and a bare summary.
    const error = errors.find((e) => e.propertyName !== undefined) ?? errors[0]!;
    throw corruptBaseline(file, fieldPath(doc, error), describe(error));
  }
  const body = doc as unknown as BaselineDocument;
  for (const [key, endpoint] of Object.entries(body.endpoints)) {
    const where = `endpoints["${key}"]`;
    const { status } = endpoint;
    if (status['2xx'] + status['3xx'] + status['4xx'] + status['5xx'] > endpoint.requests) throw corruptBaseline(file, where, 'has more statuses than requests');
    checkSketches(file, where, { latencyMs: endpoint.latencyMs, sizeBytes: endpoint.sizeBytes, perClientWindow: endpoint.perClientWindow });
  }
  const { windows: _windows, ...population } = body.clients;
  checkSketches(file, 'clients', population);
}

function checkSketches(file: string, where: string, sketches: Record<string, SerializedSketch>): void {
  for (const [name, sketch] of Object.entries(sketches)) {
    if (!sketchAddsUp(sketch)) throw corruptBaseline(file, `${where}.${name}`, 'has bins that do not add up to its count');
  }
}

/** `endpoints["GET /a"].status.2xx`, `clientHistories[3][1]`: keys of data maps quoted, fields dotted, items indexed. */
function fieldPath(doc: unknown, error: ErrorObject): string {
  const segments = error.instancePath === '' ? [] : error.instancePath.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let path = '';
  let value: unknown = doc;
  for (const [i, segment] of segments.entries()) {
    if (Array.isArray(value)) path += `[${segment}]`;
    else if (i === 1 && (segments[0] === 'endpoints' || segments[0] === 'consumers')) path += `["${segment}"]`;
    else path += path === '' ? segment : `.${segment}`;
    value = (value as Record<string, unknown>)[segment];
  }
  if (error.keyword === 'required') return `${path === '' ? '' : `${path}.`}${String(error.params.missingProperty)}`;
  return path === '' ? 'the document' : path;
}

function describe(error: ErrorObject): string {
  const schema = error.parentSchema as { type?: string; minimum?: number; maximum?: number; exclusiveMinimum?: number; minItems?: number; maxItems?: number; maxProperties?: number; const?: unknown };
  const data = error.data;
  switch (error.keyword) {
    case 'required':
      return 'is missing';
    case 'not':
      return `has a forbidden key "${error.propertyName}"`;
    case 'additionalProperties':
      return `has an unexpected field "${String(error.params.additionalProperty)}"`;
    case 'const':
      return `is not ${JSON.stringify(schema.const)}`;
    case 'pattern':
      return 'is not base64';
    case 'enum':
      return error.propertyName === undefined ? 'has an unexpected value' : `has an unknown entity kind "${error.propertyName}"`;
    case 'maxProperties':
      return `has ${Object.keys(data as object).length} entries, more than the ${schema.maxProperties} a baseline can hold`;
    case 'minItems':
    case 'maxItems':
      if (schema.minItems === schema.maxItems) return `must have ${schema.maxItems} items`;
      return `has ${(data as unknown[]).length} items, more than ${schema.maxItems}`;
  }
  switch (schema.type) {
    case 'object':
      return 'is not an object';
    case 'array':
      return 'is not an array';
    case 'string':
      return 'is not a string';
    case 'integer':
      return `is not a whole number from ${schema.minimum} to ${schema.maximum}`;
    case 'number':
      if (schema.exclusiveMinimum === 0) return 'is not a positive number';
      return schema.minimum === 0 ? 'is not a non-negative number' : 'is not a finite number';
    default:
      return `fails the "${error.keyword}" check`;
  }
}
