import type { LogFormat } from '../../types.js';
import { textFormats } from './text-formats.js';
import { jsonFormats } from './json-formats.js';

/** Every supported format, most specific first (detection breaks ties by this order). */
export const formats: readonly LogFormat[] = [...textFormats, ...jsonFormats];

export function findFormat(id: string): LogFormat | undefined {
  return formats.find((format) => format.id === id);
}
