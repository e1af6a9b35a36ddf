/**
 * Counts per key with memory bounded by `capacity` keys, for the top-N panels of `anomalog top`.
 *
 * Exact while the keys fit. Past that, the least-counted half is dropped (lossy counting, Manku
 * and Motwani 2002): a key that was dropped and comes back is undercounted by at most
 * `maxDropped`, so a heavy hitter keeps its place and the panel says its counts are lower bounds.
 */
export class TopCounter<Extra> {
  private readonly entries = new Map<string, { count: number; extra: Extra }>();
  /** Largest count ever dropped: the most any reported count can be short. */
  maxDropped = 0;
  /** Keys seen, exactly while nothing was dropped. */
  private distinctKeys = 0;

  constructor(
    private readonly capacity: number,
    private readonly newExtra: () => Extra,
  ) {}

  /** The entry of `key` counted once more; its `extra` for the caller to update. */
  add(key: string): Extra {
    let entry = this.entries.get(key);
    if (entry === undefined) {
      if (this.entries.size >= this.capacity) this.prune();
      entry = { count: 0, extra: this.newExtra() };
      this.entries.set(key, entry);
      this.distinctKeys += 1;
    }
    entry.count += 1;
    return entry.extra;
  }

  /** Whether every count is exact (no key was ever dropped). */
  get exact(): boolean {
    return this.maxDropped === 0;
  }

  /** Distinct keys, or null once some were dropped (then it is unknown). */
  get distinct(): number | null {
    return this.exact ? this.distinctKeys : null;
  }

  /** The `limit` largest counts, ties by key so the output is stable. */
  top(limit: number): { key: string; count: number; extra: Extra }[] {
    return [...this.entries]
      .map(([key, { count, extra }]) => ({ key, count, extra }))
      .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .slice(0, limit);
  }

  private prune(): void {
    const counts = [...this.entries.values()].map((entry) => entry.count).sort((a, b) => a - b);
    const threshold = counts[Math.floor(counts.length / 2)]!;
    for (const [key, entry] of this.entries) {
      if (entry.count <= threshold) {
        this.entries.delete(key);
        if (entry.count > this.maxDropped) this.maxDropped = entry.count;
      }
    }
  }
}
