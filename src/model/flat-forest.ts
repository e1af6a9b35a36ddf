import type { IsolationTreeNode } from 'ml-isolation-forest';
import { averagePathLength } from './path-length.js';

/**
 * An isolation forest as flat typed arrays: one node table for all trees, each
 * tree a contiguous preorder block starting at `treeStart[t]`. Scoring walks
 * these arrays; no objects are touched. Children always come after their
 * parent, so a walk can never loop.
 */
export interface FlatForest {
  readonly featureCount: number;
  readonly trees: number;
  /** ψ: rows per tree sub-sample (min of the requested size and the rows available). */
  readonly sampleSize: number;
  /** Length trees + 1: tree t owns nodes treeStart[t] .. treeStart[t+1]-1, its root first. */
  readonly treeStart: Int32Array;
  /** Split feature of an inner node; −1 marks a leaf. */
  readonly feature: Int32Array;
  /** Rows with row[feature] < split go left, all others (also NaN) go right, as in the library. */
  readonly split: Float64Array;
  /** Global node index of the left child; −1 on leaves. */
  readonly left: Int32Array;
  readonly right: Int32Array;
  /** Sub-sample rows that ended in this leaf; 0 on inner nodes. */
  readonly leafSize: Int32Array;
  /** Sub-sample rows that reached this node (inner nodes: sum over their leaves). */
  readonly nodeSize: Int32Array;
  /** Leaves only: depth + c(leafSize), the whole path length credited to a row ending here. */
  readonly leafPathLength: Float64Array;
  /** c(sampleSize): divides the mean path length in s(x, ψ) = 2^(−E[h(x)]/c(ψ)). */
  readonly pathLengthNormaliser: number;
}

/** The stored part of a forest; everything else in FlatForest is derived from it. */
export interface ForestTables {
  readonly featureCount: number;
  readonly sampleSize: number;
  readonly treeStart: Int32Array;
  readonly feature: Int32Array;
  readonly split: Float64Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly leafSize: Int32Array;
}

export type PathLengthFormula = (n: number) => number;

/**
 * Derives node sizes, depths and leaf path lengths from validated tables.
 * `pathLength` is the paper's c(n) in production; tests pass the library's own
 * variant to compare against its `predict` on equal terms.
 */
export function assembleForest(tables: ForestTables, pathLength: PathLengthFormula = averagePathLength): FlatForest {
  const nodeCount = tables.feature.length;
  const trees = tables.treeStart.length - 1;
  const nodeSize = new Int32Array(nodeCount);
  const depth = new Int32Array(nodeCount);
  const leafPathLength = new Float64Array(nodeCount);
  // Parents precede children, so one forward pass sets depths and one backward pass sums sizes.
  for (let t = 0; t < trees; t++) {
    const start = tables.treeStart[t]!;
    const end = tables.treeStart[t + 1]!;
    for (let node = start; node < end; node++) {
      if (tables.feature[node]! >= 0) {
        depth[tables.left[node]!] = depth[node]! + 1;
        depth[tables.right[node]!] = depth[node]! + 1;
      }
    }
    for (let node = end - 1; node >= start; node--) {
      if (tables.feature[node]! < 0) {
        nodeSize[node] = tables.leafSize[node]!;
        leafPathLength[node] = depth[node]! + pathLength(tables.leafSize[node]!);
      } else {
        nodeSize[node] = nodeSize[tables.left[node]!]! + nodeSize[tables.right[node]!]!;
      }
    }
  }
  return {
    featureCount: tables.featureCount,
    trees,
    sampleSize: tables.sampleSize,
    treeStart: tables.treeStart,
    feature: tables.feature,
    split: tables.split,
    left: tables.left,
    right: tables.right,
    leafSize: tables.leafSize,
    nodeSize,
    leafPathLength,
    pathLengthNormaliser: pathLength(tables.sampleSize),
  };
}

function countNodes(root: IsolationTreeNode): number {
  let count = 0;
  const pending: IsolationTreeNode[] = [root];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    count++;
    if (node.left !== undefined && node.right !== undefined) pending.push(node.right, node.left);
  }
  return count;
}

/** Copies trees grown by ml-isolation-forest into flat preorder tables. */
export function flattenTrees(
  roots: readonly IsolationTreeNode[],
  featureCount: number,
  sampleSize: number,
  pathLength: PathLengthFormula = averagePathLength,
): FlatForest {
  const treeStart = new Int32Array(roots.length + 1);
  for (let t = 0; t < roots.length; t++) treeStart[t + 1] = treeStart[t]! + countNodes(roots[t]!);
  const nodeCount = treeStart[roots.length]!;
  const feature = new Int32Array(nodeCount);
  const split = new Float64Array(nodeCount);
  const left = new Int32Array(nodeCount);
  const right = new Int32Array(nodeCount);
  const leafSize = new Int32Array(nodeCount);

  let next = 0;
  const pendingNodes: IsolationTreeNode[] = [];
  const pendingIndex: number[] = [];
  for (const root of roots) {
    // Preorder with an explicit stack: each node gets the next index when popped,
    // and records its index into the slot its parent reserved for it.
    pendingNodes.push(root);
    pendingIndex.push(-1);
    while (pendingNodes.length > 0) {
      const node = pendingNodes.pop()!;
      const parentSlot = pendingIndex.pop()!;
      const index = next++;
      if (parentSlot >= 0) right[parentSlot] = index;
      if (node.left !== undefined && node.right !== undefined) {
        feature[index] = node.splitColumn!;
        split[index] = node.splitValue!;
        left[index] = index + 1;
        pendingNodes.push(node.right, node.left);
        pendingIndex.push(index, -1);
      } else {
        feature[index] = -1;
        left[index] = -1;
        right[index] = -1;
        leafSize[index] = node.numberDataPoints();
      }
    }
  }
  return assembleForest({ featureCount, sampleSize, treeStart, feature, split, left, right, leafSize }, pathLength);
}
