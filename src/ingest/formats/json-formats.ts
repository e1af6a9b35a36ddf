import type { LogFormat } from '../../types.js';

/** JSON-lines formats (gateway-specific first, generic JSON last) and CSV. */
export const jsonFormats: readonly LogFormat[] = [];
