// Which path segments occur under each directory. A path whose segment the
// baseline never (or only once) saw counts only where the directory has
// minimum support and a closed set of entries: on a shop with 28 pages hit
// thousands of times, `/tienda1/miembros.inc` is a probe; on a blog whose
// directories keep gaining new posts, a new page is just new content.

import { asBoolean, asCount, asMapEntries, asRecord, fail } from './json-guard.js';
import { isClosedSet, rareCounts } from './closed-set.js';

export interface PathVocabularyLimits {
  /** Total nodes kept; further new segments are not recorded. */
  maxNodes: number;
  /** Children per directory; past it the directory counts as open. */
  maxChildren: number;
  /** Segments looked at per path. */
  maxDepth: number;
  /** Requests a directory needs before an unseen entry under it counts. */
  minSupport: number;
}

export const DEFAULT_PATH_VOCABULARY_LIMITS: PathVocabularyLimits = { maxNodes: 50_000, maxChildren: 256, maxDepth: 12, minSupport: 50 };

/** Marks "the path ends here", so `/a/` and `/a` and `/a/b` differ. */
const END = '\u0000';
const MAX_SEGMENT = 128;

interface PathNode {
  count: number;
  children: Map<string, PathNode>;
  overflowed: boolean;
}

function newNode(): PathNode {
  return { count: 0, children: new Map(), overflowed: false };
}

export function pathSegments(path: string, maxDepth: number): string[] {
  const trimmed = path.startsWith('/') ? path.slice(1) : path;
  const segments = trimmed.split('/').slice(0, maxDepth).map((s) => s.slice(0, MAX_SEGMENT));
  segments.push(END);
  return segments;
}

function display(prefix: string[]): string {
  return '/' + prefix.map((s) => s.replace(/[^\x20-\x7e]/g, '?')).join('/') + (prefix.length > 0 ? '/' : '');
}

export class PathVocabulary {
  private readonly root = newNode();
  private nodes = 1;
  readonly limits: PathVocabularyLimits;

  constructor(limits: Partial<PathVocabularyLimits> = {}) {
    this.limits = { ...DEFAULT_PATH_VOCABULARY_LIMITS, ...limits };
  }

  learn(path: string): void {
    let node = this.root;
    node.count++;
    for (const segment of pathSegments(path, this.limits.maxDepth)) {
      let child = node.children.get(segment);
      if (child === undefined) {
        if (node.children.size >= this.limits.maxChildren || this.nodes >= this.limits.maxNodes) {
          node.overflowed = true;
          return;
        }
        child = newNode();
        node.children.set(segment, child);
        this.nodes++;
      }
      child.count++;
      node = child;
    }
  }

  /** A reason when `path` leaves the known tree at a closed, well-supported directory; else null. */
  explain(path: string): string | null {
    let node = this.root;
    const prefix: string[] = [];
    for (const segment of pathSegments(path, this.limits.maxDepth)) {
      const child = node.children.get(segment);
      if (child !== undefined && child.count > 1) {
        node = child;
        prefix.push(segment);
        continue;
      }
      if (node.overflowed || node.count < this.limits.minSupport) return null;
      const rare = rareCounts([...node.children.values()].map((c) => c.count));
      if (!isClosedSet(rare.onceSeen, rare.twiceSeen, node.count)) return null;
      const what =
        segment === END ? 'a request ending at' : segment === '' ? 'an empty segment (trailing or doubled `/`) under' : `entry \`${segment.slice(0, 60).replace(/[^\x20-\x7e]/g, '?')}\` under`;
      return `path: ${what} ${display(prefix)} never seen (${node.children.size} known entries, ${node.count} requests)`;
    }
    return null;
  }

  merge(other: PathVocabulary): void {
    const walk = (mine: PathNode, theirs: PathNode): void => {
      mine.count += theirs.count;
      mine.overflowed ||= theirs.overflowed;
      for (const [segment, child] of theirs.children) {
        let target = mine.children.get(segment);
        if (target === undefined) {
          if (mine.children.size >= this.limits.maxChildren || this.nodes >= this.limits.maxNodes) {
            mine.overflowed = true;
            continue;
          }
          target = newNode();
          mine.children.set(segment, target);
          this.nodes++;
        }
        walk(target, child);
      }
    };
    walk(this.root, other.root);
  }

  toJSON(): PathVocabularyJSON {
    const encode = (node: PathNode): PathNodeJSON => {
      const json: PathNodeJSON = { c: node.count };
      if (node.overflowed) json.o = true;
      if (node.children.size > 0) json.k = Object.fromEntries([...node.children].map(([s, child]) => [s, encode(child)]));
      return json;
    };
    return { limits: { ...this.limits }, root: encode(this.root) };
  }

  static fromJSON(value: unknown, where = 'paths'): PathVocabulary {
    const r = asRecord(value, where);
    const l = asRecord(r.limits, `${where}.limits`);
    const limits: PathVocabularyLimits = {
      maxNodes: asCount(l.maxNodes, `${where}.limits.maxNodes`, 10_000_000),
      maxChildren: asCount(l.maxChildren, `${where}.limits.maxChildren`, 1_000_000),
      maxDepth: asCount(l.maxDepth, `${where}.limits.maxDepth`, 256),
      minSupport: asCount(l.minSupport, `${where}.limits.minSupport`),
    };
    const vocabulary = new PathVocabulary(limits);
    vocabulary.nodes = 0;
    const decode = (json: unknown, at: string, depth: number): PathNode => {
      if (depth > limits.maxDepth + 1) fail(at, 'is nested deeper than maxDepth');
      if (++vocabulary.nodes > limits.maxNodes) fail(at, 'exceeds maxNodes');
      const n = asRecord(json, at);
      const node: PathNode = { count: asCount(n.c, `${at}.c`), children: new Map(), overflowed: n.o === undefined ? false : asBoolean(n.o, `${at}.o`) };
      if (n.k !== undefined) {
        for (const [segment, child] of asMapEntries(n.k, `${at}.k`, limits.maxChildren)) {
          if (segment.length > MAX_SEGMENT) fail(`${at}.k`, 'has a segment longer than allowed');
          const decoded = decode(child, `${at}.k[${JSON.stringify(segment.slice(0, 20))}]`, depth + 1);
          if (decoded.count > node.count) fail(`${at}.k`, 'has a child counted more often than its parent');
          node.children.set(segment, decoded);
        }
      }
      return node;
    };
    const root = decode(r.root, `${where}.root`, 0);
    vocabulary.root.count = root.count;
    vocabulary.root.overflowed = root.overflowed;
    for (const [s, c] of root.children) vocabulary.root.children.set(s, c);
    return vocabulary;
  }
}

interface PathNodeJSON {
  c: number;
  o?: true;
  k?: Record<string, PathNodeJSON>;
}

export interface PathVocabularyJSON {
  limits: PathVocabularyLimits;
  root: PathNodeJSON;
}
