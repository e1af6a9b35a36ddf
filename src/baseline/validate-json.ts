import { InputError } from '../errors.js';

/**
 * Small guards for reading an untrusted baseline file. Every failure is one sentence naming
 * the place in the file, and nothing is allocated from a size the file claims before it is checked.
 */
export class BaselineReader {
  constructor(private readonly file: string) {}

  fail(where: string, what: string): never {
    throw new InputError(`the baseline ${this.file} is corrupt: ${where} ${what}; learn it again with 'anomalog learn'`);
  }

  object(value: unknown, where: string): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(where, 'is not an object');
    return value as Record<string, unknown>;
  }

  /** Keys of a map-like object, refusing prototype-polluting names and more than `max` entries. */
  keys(value: Record<string, unknown>, where: string, max: number): string[] {
    const keys = Object.keys(value);
    if (keys.length > max) this.fail(where, `has ${keys.length} entries, more than the ${max} a baseline can hold`);
    for (const key of keys) {
      if (key === '__proto__' || key === 'constructor' || key === 'prototype') this.fail(where, `has a forbidden key "${key}"`);
    }
    return keys;
  }

  count(value: unknown, where: string): number {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) this.fail(where, 'is not a non-negative number');
    return value;
  }

  finite(value: unknown, where: string): number {
    if (typeof value !== 'number' || !Number.isFinite(value)) this.fail(where, 'is not a finite number');
    return value;
  }

  integer(value: unknown, where: string, min: number, max: number): number {
    if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) this.fail(where, `is not a whole number from ${min} to ${max}`);
    return value as number;
  }

  string(value: unknown, where: string, maxLength = 4096): string {
    if (typeof value !== 'string' || value.length > maxLength) this.fail(where, 'is not a string');
    return value;
  }

  array(value: unknown, where: string, maxLength: number): unknown[] {
    if (!Array.isArray(value)) this.fail(where, 'is not an array');
    if (value.length > maxLength) this.fail(where, `has ${value.length} items, more than ${maxLength}`);
    return value;
  }

  counts(value: unknown, where: string, length: number): Float64Array<ArrayBuffer> {
    const list = this.array(value, where, length);
    if (list.length !== length) this.fail(where, `must have ${length} items`);
    return Float64Array.from(list, (v, i) => this.count(v, `${where}[${i}]`));
  }
}
