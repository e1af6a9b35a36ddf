// When is a vocabulary (a directory's entries, a route's parameter names, a
// parameter's values) closed, so that something outside it is news?
//
// Good–Turing: the share of observations that are items seen exactly once
// estimates how likely the next observation is a new item. A log full of new
// blog posts has many once-seen entries and stays open; a shop whose 28 pages
// are each hit hundreds of times has none and is closed. The bar is strict
// because every open-looking-closed set costs false positives on real sites.

/** Missing mass below which a set with rare items still counts as closed. */
export const CLOSED_MISSING_MASS = 0.0003;

/**
 * `onceSeen` and `twiceSeen`: items observed exactly once and twice; `observations`:
 * total observations of the set. A set with neither counts as closed outright.
 */
export function isClosedSet(onceSeen: number, twiceSeen: number, observations: number): boolean {
  if (observations <= 0) return false;
  if (onceSeen === 0 && twiceSeen === 0) return true;
  return onceSeen / observations < CLOSED_MISSING_MASS;
}

/** Count items seen once and twice among `counts`. */
export function rareCounts(counts: Iterable<number>): { onceSeen: number; twiceSeen: number } {
  let onceSeen = 0;
  let twiceSeen = 0;
  for (const count of counts) {
    if (count === 1) onceSeen++;
    else if (count === 2) twiceSeen++;
  }
  return { onceSeen, twiceSeen };
}
