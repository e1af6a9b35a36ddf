/**
 * A pattern where `*` stands for any run of characters (also none, also `/`)
 * and every other character stands for itself, as an anchored RegExp.
 */
export function wildcardToRegExp(pattern: string, caseInsensitive = false): RegExp {
  const source = pattern
    .split('*')
    .map((literal) => literal.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`, caseInsensitive ? 'si' : 's');
}
