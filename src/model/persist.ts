import { InputError } from '../errors.js';
import { assembleForest, type FlatForest } from './flat-forest.js';
import { FOREST_FORMAT, FOREST_FORMAT_VERSION } from './forest-schema.js';

export { FOREST_FORMAT, FOREST_FORMAT_VERSION } from './forest-schema.js';
/** ~16.8M nodes, ~500 MB of tables: the most a file may make us allocate. */
export const MAX_TOTAL_NODES = 1 << 24;

/**
 * JSON-able form of a FlatForest. Node tables are base64 of little-endian
 * arrays, concatenated tree after tree in preorder; child indices are local to
 * their tree (−1 on leaves). Node sizes, depths and path lengths are not stored:
 * they are recomputed on load from the validated tables.
 */
export interface SerializedForest {
  format: typeof FOREST_FORMAT;
  version: typeof FOREST_FORMAT_VERSION;
  featureCount: number;
  trees: number;
  sampleSize: number;
  nodesPerTree: number[];
  /** int16 per node: split feature, −1 on leaves. */
  feature: string;
  /** float64 per node: split value, 0 on leaves. */
  split: string;
  /** int32 per node: tree-local child index, −1 on leaves. */
  left: string;
  right: string;
  /** int32 per node: sub-sample rows in the leaf, 0 on inner nodes. */
  leafSize: string;
}

/** The library grows inner nodes down to depth ceil(log2 ψ), so leaves sit at most one level deeper. */
export function maxTreeDepth(sampleSize: number): number {
  return Math.ceil(Math.log2(sampleSize)) + 1;
}

export function maxNodesPerTree(sampleSize: number): number {
  return 2 ** (maxTreeDepth(sampleSize) + 1) - 1;
}

export function serializeForest(forest: FlatForest): SerializedForest {
  const nodeCount = forest.feature.length;
  const feature = Buffer.alloc(nodeCount * 2);
  const split = Buffer.alloc(nodeCount * 8);
  const left = Buffer.alloc(nodeCount * 4);
  const right = Buffer.alloc(nodeCount * 4);
  const leafSize = Buffer.alloc(nodeCount * 4);
  const nodesPerTree: number[] = [];
  for (let t = 0; t < forest.trees; t++) {
    const start = forest.treeStart[t]!;
    const end = forest.treeStart[t + 1]!;
    nodesPerTree.push(end - start);
    for (let node = start; node < end; node++) {
      const isLeaf = forest.feature[node]! < 0;
      feature.writeInt16LE(isLeaf ? -1 : forest.feature[node]!, node * 2);
      split.writeDoubleLE(isLeaf ? 0 : forest.split[node]!, node * 8);
      left.writeInt32LE(isLeaf ? -1 : forest.left[node]! - start, node * 4);
      right.writeInt32LE(isLeaf ? -1 : forest.right[node]! - start, node * 4);
      leafSize.writeInt32LE(isLeaf ? forest.leafSize[node]! : 0, node * 4);
    }
  }
  return {
    format: FOREST_FORMAT,
    version: FOREST_FORMAT_VERSION,
    featureCount: forest.featureCount,
    trees: forest.trees,
    sampleSize: forest.sampleSize,
    nodesPerTree,
    feature: feature.toString('base64'),
    split: split.toString('base64'),
    left: left.toString('base64'),
    right: right.toString('base64'),
    leafSize: leafSize.toString('base64'),
  };
}

/** A saved forest that does not describe real isolation trees; `reason` says where and how. */
export class InvalidForest extends InputError {
  constructor(readonly reason: string) {
    super(`The isolation forest in the baseline is invalid: ${reason}.`);
  }
}

function invalid(reason: string): never {
  throw new InvalidForest(reason);
}

/** Decodes a base64 field only after checking its length matches what the validated counts imply. */
function bytesField(forest: SerializedForest, key: 'feature' | 'split' | 'left' | 'right' | 'leafSize', byteLength: number): Buffer {
  const value = forest[key];
  if (value.length !== 4 * Math.ceil(byteLength / 3)) {
    invalid(`"${key}" holds ${value.length} base64 characters where ${4 * Math.ceil(byteLength / 3)} are expected (truncated or padded)`);
  }
  const bytes = Buffer.from(value, 'base64');
  if (bytes.length !== byteLength) invalid(`"${key}" decodes to ${bytes.length} bytes where ${byteLength} are expected`);
  return bytes;
}

/**
 * Rebuilds a FlatForest from a saved one whose shape FOREST_SCHEMA has checked (the baseline
 * file's one ajv validation). What a schema cannot say is checked here: every count against
 * the others before any table is allocated, and the tables to describe real isolation trees
 * (children after parents, each node reached exactly once, depth and leaf sizes consistent
 * with ψ) before use. Throws InvalidForest with one sentence on the first problem.
 */
export function deserializeForest(value: SerializedForest): FlatForest {
  const { featureCount, trees, sampleSize, nodesPerTree } = value;
  if (nodesPerTree.length !== trees) invalid(`"nodesPerTree" must be an array of ${trees} node counts`);
  const nodeCap = maxNodesPerTree(sampleSize);
  let nodeCount = 0;
  for (let t = 0; t < trees; t++) {
    const count = nodesPerTree[t]!;
    if (count < 1 || count > nodeCap) invalid(`tree ${t} must have from 1 to ${nodeCap} nodes`);
    nodeCount += count;
  }
  if (nodeCount > MAX_TOTAL_NODES) invalid(`it claims ${nodeCount} nodes, more than the ${MAX_TOTAL_NODES} allowed`);

  const featureBytes = bytesField(value, 'feature', nodeCount * 2);
  const splitBytes = bytesField(value, 'split', nodeCount * 8);
  const leftBytes = bytesField(value, 'left', nodeCount * 4);
  const rightBytes = bytesField(value, 'right', nodeCount * 4);
  const leafSizeBytes = bytesField(value, 'leafSize', nodeCount * 4);

  const treeStart = new Int32Array(trees + 1);
  const feature = new Int32Array(nodeCount);
  const split = new Float64Array(nodeCount);
  const left = new Int32Array(nodeCount);
  const right = new Int32Array(nodeCount);
  const leafSize = new Int32Array(nodeCount);
  const maxDepth = maxTreeDepth(sampleSize);
  const parents = new Int32Array(nodeCap);
  const depth = new Int32Array(nodeCap);
  const size = new Int32Array(nodeCap);

  for (let t = 0; t < trees; t++) {
    const start = treeStart[t]!;
    const count = nodesPerTree[t]!;
    treeStart[t + 1] = start + count;
    parents.fill(0, 0, count);
    depth[0] = 0;
    for (let local = 0; local < count; local++) {
      const node = start + local;
      const where = `tree ${t} node ${local}`;
      const f = featureBytes.readInt16LE(node * 2);
      const s = splitBytes.readDoubleLE(node * 8);
      const l = leftBytes.readInt32LE(node * 4);
      const r = rightBytes.readInt32LE(node * 4);
      const leaf = leafSizeBytes.readInt32LE(node * 4);
      if (local > 0 && parents[local] !== 1) invalid(`${where} is not the child of exactly one earlier node`);
      if (f === -1) {
        if (l !== -1 || r !== -1 || s !== 0) invalid(`${where} is a leaf but has a split or children`);
        if (leaf < 0 || leaf > sampleSize) invalid(`${where} holds ${leaf} rows, outside 0..${sampleSize}`);
      } else {
        if (f < 0 || f >= featureCount) invalid(`${where} splits on feature ${f}, outside 0..${featureCount - 1}`);
        if (!Number.isFinite(s)) invalid(`${where} has a split value that is not a finite number`);
        if (leaf !== 0) invalid(`${where} is an inner node but claims leaf rows`);
        for (const child of [l, r]) {
          if (child <= local || child >= count) {
            invalid(`${where} points to child ${child}, outside ${local + 1}..${count - 1}`);
          }
          parents[child] = parents[child]! + 1;
          depth[child] = depth[local]! + 1;
        }
        if (l === r) invalid(`${where} has the same node as both children`);
        if (depth[local]! + 1 > maxDepth) invalid(`${where} has children deeper than ${maxDepth}, the most ψ = ${sampleSize} allows`);
      }
      feature[node] = f;
      split[node] = s;
      left[node] = f === -1 ? -1 : start + l;
      right[node] = f === -1 ? -1 : start + r;
      leafSize[node] = leaf;
    }
    // Children follow parents, so a backward pass sums leaf rows up the tree.
    for (let local = count - 1; local >= 0; local--) {
      const node = start + local;
      if (feature[node]! === -1) {
        size[local] = leafSize[node]!;
      } else {
        size[local] = size[left[node]! - start]! + size[right[node]! - start]!;
        if (size[local]! < 2) invalid(`tree ${t} node ${local} splits fewer than 2 rows`);
      }
    }
    if (size[0] !== sampleSize) invalid(`tree ${t} holds ${size[0]} rows in its leaves, not ψ = ${sampleSize}`);
  }
  return assembleForest({ featureCount, sampleSize, treeStart, feature, split, left, right, leafSize });
}
