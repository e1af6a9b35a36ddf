import { isPlaceholder, shapePlaceholder } from './segment-placeholder.js';
import { compactCopy } from './compact-copy.js';

/** The one route every folded (rare, over-the-cap) path shares. */
export const OTHER_ROUTE = '/{other}';
const PARAM = '{param}';

export interface RouteTemplaterOptions {
  /** Distinct routes kept before the rest fold into `/{other}`. */
  maxRoutes?: number;
  /** A position becomes `{param}` once it has this many distinct literal values under one parent, mostly rare. */
  paramMinDistinct?: number;
}

export const DEFAULT_MAX_ROUTES = 1000;
const DEFAULT_PARAM_MIN_DISTINCT = 32;
/** A literal value seen at most this often counts as rare when judging whether a position varies. */
const RARE_HITS = 2;
/**
 * Share of rare values above which a crowded position is a parameter, not a
 * list of endpoints. Judged only once the parent has seen four times as many
 * requests as the distinct-value threshold: a fixed set of endpoints requested
 * round-robin looks all-new at first but repeats by then; slugs keep coming new.
 */
const RARE_SHARE = 0.5;
const EVIDENCE_FACTOR = 4;
/** Distinct literals tracked under one parent; reaching it makes the position `{param}` whatever the counts. */
const MAX_CHILDREN = 256;
/** Segments past this depth are not told apart (probes like `/a/b/c/d/…`). */
const MAX_DEPTH = 16;
/** Longer literal segments are parameters whatever their shape (and would cost memory as keys). */
const MAX_LITERAL_LENGTH = 128;
/** Distinct folded routes remembered for the `folded` count; past this the count is a lower bound. */
const MAX_FOLDED_TRACKED = 100_000;
/** Recently templated paths remembered; real logs repeat paths a lot. Cleared when full. */
const PATH_CACHE_SIZE = 20_000;

interface CachedRoute {
  route: string;
  /** Trie nodes the path went through, so a cached hit still counts as a hit for the learning. */
  nodes: TrieNode[];
  generation: number;
}

class TrieNode {
  hits = 0;
  /** Literal children; null once the position became `{param}`. */
  literals: Map<string, TrieNode> | null = new Map();
  param: TrieNode | null = null;
  placeholders: Map<string, TrieNode> | null = null;

  placeholderChild(name: string): TrieNode {
    this.placeholders ??= new Map();
    let child = this.placeholders.get(name);
    if (child === undefined) {
      child = new TrieNode();
      this.placeholders.set(name, child);
    }
    return child;
  }

  size(): number {
    let total = 1;
    if (this.literals !== null) for (const child of this.literals.values()) total += child.size();
    if (this.placeholders !== null) for (const child of this.placeholders.values()) total += child.size();
    if (this.param !== null) total += this.param.size();
    return total;
  }
}

/**
 * Turns request paths into endpoint templates: `/api/v1/users/8812` →
 * `/api/v1/users/{id}`. Shapes (numbers, UUIDs, long hex, base64-like tokens,
 * e-mail addresses, dates) are recognised per segment; positions whose values
 * are many and varied under the same parent (`/catalog/red-shoes`,
 * `/catalog/blue-hat`, …) are learned online from the paths seen and become
 * `{param}` from then on. Decisions only go from literal to placeholder, never
 * back, so `canonical()` can re-resolve any route returned earlier against the
 * final state. Memory is bounded by the caps, not by the number of lines.
 */
export class RouteTemplater {
  private readonly root = new TrieNode();
  private readonly maxRoutes: number;
  private readonly maxNodes: number;
  private readonly paramMinDistinct: number;
  private nodes = 1;
  private routes = new Set<string>();
  private readonly foldedRoutes = new Set<string>();
  private foldedOverflow = 0;
  private readonly cache = new Map<string, CachedRoute>();
  /** Bumped by every promotion: cached routes from before may have a more general form now. */
  private generation = 0;

  constructor(options: RouteTemplaterOptions = {}) {
    this.maxRoutes = Math.max(1, Math.floor(options.maxRoutes ?? DEFAULT_MAX_ROUTES));
    this.paramMinDistinct = Math.max(2, Math.floor(options.paramMinDistinct ?? DEFAULT_PARAM_MIN_DISTINCT));
    // Room for the kept routes' segments plus the literals still being judged.
    this.maxNodes = Math.max(10_000, this.maxRoutes * 16);
  }

  /** How many distinct routes were folded into `/{other}` because of the cap (a lower bound past 100 000). */
  get folded(): number {
    return this.foldedRoutes.size + this.foldedOverflow;
  }

  /** Distinct routes handed out so far (at most `maxRoutes`, plus `/{other}`). */
  get routeCount(): number {
    return this.routes.size;
  }

  /** The template of a request path (without query), learning from it. */
  template(path: string): string {
    const cached = this.cache.get(path);
    if (cached !== undefined && cached.generation === this.generation) {
      for (const node of cached.nodes) node.hits += 1;
      return cached.route;
    }
    const nodes: TrieNode[] = [];
    const route = this.resolvePath(path, nodes);
    // Folded and unroutable paths are not cached: they hold no trie nodes to count and are rare.
    // Nor are paths with a parameter in them (`/users/8812`): most come once, and a cache of
    // one-off paths would only hold them (and their log lines) long enough to be promoted
    // to the old generation as garbage. The copy keeps the key from pinning its line.
    if (nodes.length > 0 && route === path) {
      if (this.cache.size >= PATH_CACHE_SIZE) this.cache.clear();
      this.cache.set(compactCopy(path), { route, nodes, generation: this.generation });
    }
    return route;
  }

  private resolvePath(path: string, visited: TrieNode[]): string {
    // `*`, authority forms and garbage targets are not endpoints of this service.
    if (path.charCodeAt(0) !== 0x2f /* / */) return OTHER_ROUTE;
    let node: TrieNode | null = this.root;
    node.hits += 1;
    visited.push(node);
    let route = '';
    let start = 1;
    for (let depth = 0; ; depth += 1) {
      let end = path.indexOf('/', start);
      if (end === -1) end = path.length;
      if (depth >= MAX_DEPTH) {
        route += '/{other}';
        break;
      }
      const segment = path.slice(start, end);
      const generation = this.generation;
      const step: { label: string; node: TrieNode | null } = this.step(node, segment, depth);
      // A promotion on the way drops the nodes counted so far from the trie: do not cache this path.
      if (this.generation !== generation) visited.length = 0;
      route += `/${step.label}`;
      node = step.node;
      if (node === null) {
        visited.length = 0;
        return this.fold(route + (end < path.length ? path.slice(end) : ''));
      }
      node.hits += 1;
      visited.push(node);
      if (end >= path.length) break;
      start = end + 1;
    }
    return this.admit(route);
  }

  /**
   * The current template for a route returned earlier by `template()`, so
   * aggregates keyed by early routes can be merged at the end. Idempotent.
   */
  canonical(route: string): string {
    if (route === OTHER_ROUTE || route.charCodeAt(0) !== 0x2f) return route;
    let node: TrieNode | null = this.root;
    const segments = route.slice(1).split('/');
    let result = '';
    for (const segment of segments) {
      if (node === null) {
        result += `/${segment}`;
        continue;
      }
      if (isPlaceholder(segment)) {
        if (segment === PARAM) {
          node = node.param;
        } else {
          node = node.placeholders?.get(segment) ?? null;
        }
        result += `/${segment}`;
      } else if (node.param !== null) {
        node = node.param;
        result += `/${PARAM}`;
      } else {
        node = node.literals?.get(segment) ?? null;
        result += `/${segment}`;
      }
    }
    return result;
  }

  private step(node: TrieNode, segment: string, depth: number): { label: string; node: TrieNode | null } {
    // Over-long segments are probes or payloads, never an endpoint: fold the route.
    if (segment.length > MAX_LITERAL_LENGTH) return { label: segment, node: null };
    const shape = shapePlaceholder(segment);
    if (shape !== null) {
      const existed = node.placeholders?.has(shape) ?? false;
      if (!existed && this.nodes >= this.maxNodes) return { label: shape, node: null };
      if (!existed) this.nodes += 1;
      return { label: shape, node: node.placeholderChild(shape) };
    }
    if (node.param !== null) return { label: PARAM, node: node.param };
    const literals = node.literals!;
    let child = literals.get(segment);
    if (child !== undefined) return { label: segment, node: child };
    if (this.nodes >= this.maxNodes) return { label: segment, node: null };
    child = new TrieNode();
    literals.set(segment, child);
    this.nodes += 1;
    // The root is never a parameter: top-level probes (`/wp-login.php`, `/.env`) are capped instead.
    if (depth > 0 && this.shouldBecomeParam(node, literals)) {
      this.promote(node);
      return { label: PARAM, node: node.param };
    }
    return { label: segment, node: child };
  }

  private shouldBecomeParam(parent: TrieNode, literals: Map<string, TrieNode>): boolean {
    if (literals.size >= MAX_CHILDREN) return true;
    if (literals.size < this.paramMinDistinct || parent.hits < EVIDENCE_FACTOR * this.paramMinDistinct) return false;
    let rare = 0;
    for (const child of literals.values()) if (child.hits <= RARE_HITS) rare += 1;
    return rare >= literals.size * RARE_SHARE;
  }

  /** Turns a node's literal children into one `{param}` child, merging what was learned below them. */
  private promote(node: TrieNode): void {
    const literals = node.literals;
    if (literals === null) return;
    this.generation += 1;
    node.literals = null;
    node.param ??= new TrieNode();
    for (const child of literals.values()) this.mergeInto(node.param, child);
    // Promotions are rare (each needs dozens of new values), so a recount is cheap enough.
    this.nodes = this.root.size();
    // Routes handed out so far may now have a shorter form: keep the set (and the cap) in canonical terms.
    this.routes = new Set([...this.routes].map((route) => this.canonical(route)));
  }

  private mergeInto(target: TrieNode, source: TrieNode): void {
    target.hits += source.hits;
    if (source.placeholders !== null) {
      for (const [name, child] of source.placeholders) this.mergeInto(target.placeholderChild(name), child);
    }
    if (source.param !== null) {
      target.param ??= new TrieNode();
      this.mergeInto(target.param, source.param);
      if (target.literals !== null) this.promote(target);
    }
    if (source.literals !== null) {
      for (const [segment, child] of source.literals) {
        if (target.param !== null) {
          this.mergeInto(target.param, child);
        } else {
          let existing = target.literals!.get(segment);
          if (existing === undefined) {
            existing = new TrieNode();
            target.literals!.set(segment, existing);
          }
          this.mergeInto(existing, child);
        }
      }
      if (target.literals !== null && this.shouldBecomeParam(target, target.literals)) this.promote(target);
    }
  }

  private admit(route: string): string {
    if (this.routes.has(route)) return route;
    if (this.routes.size < this.maxRoutes) {
      this.routes.add(route);
      return route;
    }
    return this.fold(route);
  }

  private fold(route: string): string {
    if (!this.foldedRoutes.has(route)) {
      if (this.foldedRoutes.size < MAX_FOLDED_TRACKED) this.foldedRoutes.add(route);
      else this.foldedOverflow += 1;
    }
    return OTHER_ROUTE;
  }
}
