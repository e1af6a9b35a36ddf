// Checks for baseline JSON read back from disk. A baseline file is input: it
// may be truncated, edited or hostile, so every size is checked before use.

import { InputError } from '../../errors.js';

export function fail(where: string, what: string): never {
  throw new InputError(`corrupt injection baseline: ${where} ${what}`);
}

export function asRecord(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(where, 'is not an object');
  return value as Record<string, unknown>;
}

export function asCount(value: unknown, where: string, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) fail(where, 'is not a non-negative integer in range');
  return value;
}

export function asBoolean(value: unknown, where: string): boolean {
  if (typeof value !== 'boolean') fail(where, 'is not a boolean');
  return value;
}

export function asString(value: unknown, where: string, maxLength: number): string {
  if (typeof value !== 'string' || value.length > maxLength) fail(where, `is not a string of at most ${maxLength} characters`);
  return value;
}

export function asArray(value: unknown, where: string, maxLength: number, exactLength?: number): unknown[] {
  if (!Array.isArray(value)) fail(where, 'is not an array');
  if (value.length > maxLength || (exactLength !== undefined && value.length !== exactLength)) {
    fail(where, `has ${value.length} entries (expected ${exactLength ?? `at most ${maxLength}`})`);
  }
  return value;
}

/** Entries of an object used as a map, refusing more than `maxKeys` before reading any of them. */
export function asMapEntries(value: unknown, where: string, maxKeys: number): Array<[string, unknown]> {
  const record = asRecord(value, where);
  const keys = Object.keys(record);
  if (keys.length > maxKeys) fail(where, `has ${keys.length} keys (at most ${maxKeys})`);
  return keys.map((key) => [key, record[key]]);
}
