/**
 * Feature vectors of one entity kind, one after another in one growable Float64Array: a day
 * of logs has hundreds of thousands of windows, and as arrays each vector costs about
 * 110 bytes (and the collector's time) where it holds 8 numbers.
 *
 * A matrix made with `sampled` knows how many vectors will come and keeps only those that
 * `evenRows` will be asked for (every k-th for the given caps): the forest is grown from at
 * most 100,000 windows, and keeping the other millions of a large input would make memory
 * grow with windows at the very end of the run.
 */
export class FeatureMatrix {
  private data: Float64Array;
  /** Vectors pushed (kept or not). */
  length = 0;
  /** Sampled matrices: the positions kept, ascending; the vector at `kept[k]` is stored in slot k. */
  private readonly kept: Int32Array | null;
  private stored = 0;

  constructor(readonly width: number, capacity = 1024, kept: Int32Array | null = null) {
    this.kept = kept;
    this.data = new Float64Array(Math.max(1, kept === null ? capacity : kept.length) * width);
  }

  static from(rows: readonly (readonly number[])[]): FeatureMatrix {
    const matrix = new FeatureMatrix(rows[0]?.length ?? 0, rows.length);
    for (const row of rows) matrix.push(row);
    return matrix;
  }

  /** A matrix for exactly `total` vectors that keeps only what `evenRows(cap)` returns for each of `caps`. */
  static sampled(width: number, total: number, caps: readonly number[]): FeatureMatrix {
    const positions = new Set<number>();
    for (const cap of caps) for (const position of evenPositions(total, cap)) positions.add(position);
    return new FeatureMatrix(width, 0, Int32Array.from(positions).sort());
  }

  push(values: readonly number[]): void {
    if (values.length !== this.width) throw new RangeError(`a feature vector of ${values.length} values in a matrix of width ${this.width}`);
    const position = this.length++;
    if (this.kept !== null) {
      if (this.kept[this.stored] !== position) return;
    } else if ((this.stored + 1) * this.width > this.data.length) {
      const grown = new Float64Array(Math.max(2 * this.data.length, (this.stored + 1) * this.width));
      grown.set(this.data);
      this.data = grown;
    }
    this.data.set(values, this.stored * this.width);
    this.stored++;
  }

  /** The vector pushed at `position`, as a view (no copy). Sampled matrices have only the positions they kept. */
  row(position: number): Float64Array {
    const slot = this.kept === null ? position : binarySearch(this.kept, position);
    if (slot < 0 || slot >= this.stored) throw new RangeError(`row ${position} was not kept`);
    return this.data.subarray(slot * this.width, (slot + 1) * this.width);
  }

  /** Every k-th row (views), deterministic, when there are more rows than `cap`; all rows otherwise. */
  evenRows(cap: number): Float64Array[] {
    return evenPositions(this.length, cap).map((position) => this.row(position));
  }
}

/** Every k-th of `rows`, deterministic, when there are more than `cap`; all of them otherwise. */
export function evenly<T>(rows: readonly T[], cap: number): T[] {
  return evenPositions(rows.length, cap).map((position) => rows[position]!);
}

/** The positions `evenly` picks among `total` rows. */
function evenPositions(total: number, cap: number): number[] {
  const n = Math.min(cap, total);
  const step = total / n;
  return Array.from({ length: n }, (_, i) => Math.floor(i * step));
}

function binarySearch(sorted: Int32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else if (sorted[mid]! > value) hi = mid - 1;
    else return mid;
  }
  return -1;
}
