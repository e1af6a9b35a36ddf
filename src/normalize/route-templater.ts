import { isPlaceholder, shapePlaceholder } from './segment-placeholder.js';
import { compactCopy } from './compact-copy.js';

/** The one route every folded (rare, over-the-cap) path shares. */
export const OTHER_ROUTE = '/{other}';
/** A learned position's rare values that have no recognised shape. */
export const PARAM = '{param}';
/** A learned position's rare values that are word-like slugs (`bag-cable`, `how-to-reset-your-password`). */
export const SLUG = '{slug}';
type GroupLabel = typeof PARAM | typeof SLUG;

export interface RouteTemplaterOptions {
  /** Distinct routes kept before the rest fold into `/{other}`. */
  maxRoutes?: number;
  /** A position learns a parameter once it has this many distinct values that are not established literals. */
  paramMinDistinct?: number;
}

export const DEFAULT_MAX_ROUTES = 1000;
const DEFAULT_PARAM_MIN_DISTINCT = 16;
/**
 * A value needs this much repeated traffic to stay a literal beside a learned
 * parameter: a path requested once or twice cannot be told from a probe.
 */
export const MIN_LITERAL_REQUESTS = 3;
/** …and at least this share of the repeated traffic of its parent's established values. */
export const MIN_LITERAL_SHARE = 0.01;
/** Literal values tracked per position; past it the least requested one is evicted into the parameter. */
const MAX_CHILDREN = 256;
/** Provisional routes (unestablished literals at learned positions) allowed per kept route: they cost an aggregate each until the end. */
const PROVISIONAL_ROUTES_PER_ROUTE = 1;
/** Segments past this depth are not told apart (probes like `/a/b/c/d/…`). */
const MAX_DEPTH = 16;
/** Longer literal segments are parameters whatever their shape (and would cost memory as keys). */
const MAX_LITERAL_LENGTH = 128;
/** Distinct folded routes remembered for the `folded` count; past this the count is a lower bound. */
const MAX_FOLDED_TRACKED = 100_000;
/** Recently templated paths remembered; real logs repeat paths a lot. Cleared when full. */
const PATH_CACHE_SIZE = 20_000;
/** Hyphenated words: at least two parts with a letter, nothing but letters and digits between the hyphens. */
const SLUG_SHAPE = /^[a-z0-9]+(?:-[a-z0-9]+)+$/i;
const LETTER = /[a-z]/i;

/** Whether a segment is a word-like slug (`bag-cable`), as opposed to a file name or a random name. */
export function isSlugShaped(segment: string): boolean {
  if (!SLUG_SHAPE.test(segment)) return false;
  let wordy = 0;
  for (const part of segment.split('-')) if (LETTER.test(part)) wordy += 1;
  return wordy >= 2;
}

function groupLabelOf(segment: string): GroupLabel {
  return isSlugShaped(segment) ? SLUG : PARAM;
}

interface CachedRoute {
  route: string;
  /** Trie nodes the path went through, so a cached hit still counts as a hit for the learning. */
  nodes: TrieNode[];
  generation: number;
}

class TrieNode {
  /** Requests through this node. */
  hits = 0;
  /** Requests whose path ends here. */
  ends = 0;
  /** Tracked literal children (at most MAX_CHILDREN below the root). */
  readonly literals = new Map<string, TrieNode>();
  /** Values evicted from, or never admitted to, `literals`, by group. */
  groups: Map<GroupLabel, TrieNode> | null = null;
  shapes: Map<string, TrieNode> | null = null;
  /** Distinct values that went to a group without being tracked (evicted or over budget). */
  lost = 0;
  /** Tracked children with at least MIN_LITERAL_REQUESTS hits. */
  established = 0;
  /** Whether `template()` names this node by its literal before it is established. */
  labelLiteral = true;
  /** Repeated traffic below and at this node, computed when routes are resolved. */
  solid = 0;
  /** Set when an eviction took the node out of the trie (merged into a group): a cached path through it is stale. */
  detached = false;

  /** `slug`: the node's value (or group) is word-like, so its traffic counts as repeated. */
  constructor(readonly slug: boolean, readonly collective = false) {}

  child(map: 'groups', name: GroupLabel): TrieNode;
  child(map: 'shapes', name: string): TrieNode;
  child(map: 'groups' | 'shapes', name: string): TrieNode {
    if (map === 'groups') {
      this.groups ??= new Map();
      let node = this.groups.get(name as GroupLabel);
      if (node === undefined) {
        node = new TrieNode(name === SLUG, true);
        this.groups.set(name as GroupLabel, node);
      }
      return node;
    }
    this.shapes ??= new Map();
    let node = this.shapes.get(name);
    if (node === undefined) {
      node = new TrieNode(false);
      this.shapes.set(name, node);
    }
    return node;
  }

  *children(): Iterable<TrieNode> {
    yield* this.literals.values();
    if (this.groups !== null) yield* this.groups.values();
    if (this.shapes !== null) yield* this.shapes.values();
  }
}

/** The final form of one position: its literals, learned groups and shapes, each resolved below. */
interface ResolvedNode {
  literals: Map<string, ResolvedNode>;
  groups: Map<string, ResolvedNode>;
  shapes: Map<string, ResolvedNode>;
}

/**
 * Turns request paths into endpoint templates: `/api/v1/users/8812` →
 * `/api/v1/users/{id}`. Shapes (numbers, UUIDs, long hex, base64-like tokens,
 * e-mail addresses, dates) are recognised per segment. Positions with many
 * distinct values are learned from the traffic: a value that carries a
 * meaningful share of its parent's repeated traffic stays a literal, the rare
 * ones become `{slug}` (hyphenated words) or `{param}` beside it, so a scanner
 * requesting hundreds of random names under `/api/` leaves `/api/v1/search`
 * alone. The decision is a function of the final counts, not of the order of
 * lines: `template()` hands out a provisional route while reading and
 * `canonical()` maps it to its final form at the end. Memory is bounded by the
 * caps (routes, trie nodes, tracked values per position), not by lines.
 */
export class RouteTemplater {
  private readonly root = new TrieNode(false);
  private readonly maxRoutes: number;
  private readonly maxNodes: number;
  private readonly paramMinDistinct: number;
  private nodes = 1;
  /** Routes handed out, in the form they count against the cap (unestablished literals as their group). */
  private readonly routes = new Set<string>();
  /**
   * Every route string `template()` returned (provisional literals included): the only routes
   * `canonical()` may rewrite. A route the log itself carried (API Gateway `resourcePath`, Kong's
   * route) never went through the trie, and reading it against the trie would turn a gateway's
   * `/api/v1/…` into `/api/{param}/…` as soon as a scanner probed enough names under `/api/`.
   * Each entry is a route the aggregates hold anyway, so this costs no more than they do.
   */
  private readonly handedOut = new Set<string>();
  private readonly foldedRoutes = new Set<string>();
  private foldedOverflow = 0;
  private readonly cache = new Map<string, CachedRoute>();
  /** Bumped by every eviction: a cached path may go through a node no longer in the trie. */
  private generation = 0;
  /**
   * Values at learned positions still named by their literal while unestablished. Each may
   * become a provisional route (and an aggregate until the end); past the budget, new rare
   * values are named by their group until they reach MIN_LITERAL_REQUESTS requests.
   */
  private provisionalBudget: number;
  private resolved: ResolvedNode | null = null;

  constructor(options: RouteTemplaterOptions = {}) {
    this.maxRoutes = Math.max(1, Math.floor(options.maxRoutes ?? DEFAULT_MAX_ROUTES));
    this.paramMinDistinct = Math.max(2, Math.floor(options.paramMinDistinct ?? DEFAULT_PARAM_MIN_DISTINCT));
    // Room for the kept routes' segments plus the literals still being judged.
    this.maxNodes = Math.max(10_000, this.maxRoutes * 16);
    this.provisionalBudget = PROVISIONAL_ROUTES_PER_ROUTE * this.maxRoutes;
  }

  /** How many distinct routes were folded into `/{other}` because of the cap (a lower bound past 100 000). */
  get folded(): number {
    return this.foldedRoutes.size + this.foldedOverflow;
  }

  /** Distinct routes handed out so far (at most `maxRoutes`, plus `/{other}`), established values counted once. */
  get routeCount(): number {
    return this.routes.size;
  }

  /** The provisional template of a request path (without query), learning from it. */
  template(path: string): string {
    this.resolved = null;
    const cached = this.cache.get(path);
    if (cached !== undefined && (cached.generation === this.generation || this.resolvesAsCached(cached))) {
      if (cached.generation !== this.generation) {
        // What resolving the path again would have done: store it afresh (clearing a full cache first, as a new entry would).
        if (this.cache.size >= PATH_CACHE_SIZE) {
          this.cache.clear();
          this.cache.set(compactCopy(path), cached);
        }
        cached.generation = this.generation;
      }
      // Cached paths are all literal: each node is a tracked child of the one before.
      const nodes = cached.nodes;
      nodes[0]!.hits += 1;
      for (let i = 1; i < nodes.length; i += 1) {
        if (++nodes[i]!.hits === MIN_LITERAL_REQUESTS) nodes[i - 1]!.established += 1;
      }
      nodes[nodes.length - 1]!.ends += 1;
      return cached.route;
    }
    const nodes: TrieNode[] = [];
    const route = this.resolvePath(path, nodes);
    // Folded and unroutable paths are not cached: they hold no trie nodes to count and are rare.
    // Nor are paths with a placeholder in them (`/users/8812`): most come once, and a cache of
    // one-off paths would only hold them (and their log lines) long enough to be promoted
    // to the old generation as garbage. The copy keeps the key from pinning its line.
    if (nodes.length > 0 && route === path) {
      if (this.cache.size >= PATH_CACHE_SIZE) this.cache.clear();
      this.cache.set(compactCopy(path), { route, nodes, generation: this.generation });
    }
    return route;
  }

  /**
   * Whether a path cached before the latest eviction would resolve now exactly as its cache entry
   * says (same nodes, all literal, same counting): no node of it was evicted, and each would still
   * be named by its literal. Evictions are frequent where random names arrive at a learned position;
   * re-resolving every cached path after each of them cost more than the rest of templating.
   */
  private resolvesAsCached(cached: CachedRoute): boolean {
    const nodes = cached.nodes;
    if (nodes[0] !== this.root) return false;
    for (let i = 1; i < nodes.length; i += 1) {
      const node = nodes[i]!;
      if (node.detached || node.collective) return false;
      // As `step` decides for a tracked child: established after this request, or a position not learned.
      if (node.hits + 1 < MIN_LITERAL_REQUESTS && this.isLearnedPosition(nodes[i - 1]!, i - 1)) return false;
    }
    return true;
  }

  private resolvePath(path: string, visited: TrieNode[]): string {
    // `*`, authority forms and garbage targets are not endpoints of this service.
    if (path.charCodeAt(0) !== 0x2f /* / */) return OTHER_ROUTE;
    let node: TrieNode = this.root;
    node.hits += 1;
    visited.push(node);
    let route = '';
    // The route as it counts against the cap: unestablished literals as their group.
    let capKey: string | null = null;
    let start = 1;
    for (let depth = 0; ; depth += 1) {
      let end = path.indexOf('/', start);
      if (end === -1) end = path.length;
      if (depth >= MAX_DEPTH) {
        route += '/{other}';
        if (capKey !== null) capKey += '/{other}';
        break;
      }
      const segment = path.slice(start, end);
      const generation = this.generation;
      const step = this.step(node, segment, depth);
      // An eviction on the way may have dropped nodes counted so far: do not cache this path.
      if (this.generation !== generation) visited.length = 0;
      if (step.node === null) {
        visited.length = 0;
        return this.fold(route + `/${step.label}` + (end < path.length ? path.slice(end) : ''));
      }
      if (step.provisional !== null && capKey === null) capKey = route;
      route += `/${step.label}`;
      if (capKey !== null) capKey += `/${step.provisional ?? step.label}`;
      node = step.node;
      node.hits += 1;
      if (node.hits === MIN_LITERAL_REQUESTS && step.parent !== null) step.parent.established += 1;
      visited.push(node);
      if (end >= path.length) break;
      start = end + 1;
    }
    node.ends += 1;
    // A provisional route is not cached: its form changes once the value is established.
    if (capKey !== null) visited.length = 0;
    return this.admit(route, capKey ?? route);
  }

  /**
   * One segment: the child node to go to and its label. `provisional` is the group label of a
   * literal handed out before it is established at a learned position (it counts as its group
   * against the route cap); `parent` is set for tracked literal children.
   */
  private step(node: TrieNode, segment: string, depth: number): { label: string; node: TrieNode | null; provisional: GroupLabel | null; parent: TrieNode | null } {
    // Over-long segments are probes or payloads, never an endpoint: fold the route.
    if (segment.length > MAX_LITERAL_LENGTH) return { label: segment, node: null, provisional: null, parent: null };
    const shape = shapePlaceholder(segment);
    if (shape !== null) {
      const existed = node.shapes?.has(shape) ?? false;
      if (!existed && this.nodes >= this.maxNodes) return { label: shape, node: null, provisional: null, parent: null };
      if (!existed) this.nodes += 1;
      return { label: shape, node: node.child('shapes', shape), provisional: null, parent: null };
    }
    let child = node.literals.get(segment);
    if (child === undefined) {
      const learned = this.isLearnedPosition(node, depth);
      if (this.nodes >= this.maxNodes || (learned && node.literals.size >= MAX_CHILDREN && !this.evictRarest(node))) {
        if (!learned) return { label: segment, node: null, provisional: null, parent: null };
        // Untracked: the value joins its group directly.
        node.lost += 1;
        const label = groupLabelOf(segment);
        if (!node.groups?.has(label)) this.nodes += 1;
        return { label, node: node.child('groups', label), provisional: null, parent: null };
      }
      child = new TrieNode(isSlugShaped(segment));
      this.nodes += 1;
      if (learned) {
        child.labelLiteral = this.provisionalBudget > 0;
        if (child.labelLiteral) this.provisionalBudget -= 1;
      }
      node.literals.set(segment, child);
    }
    // `hits` is counted by the caller: established means at least MIN_LITERAL_REQUESTS after this request.
    if (child.hits + 1 >= MIN_LITERAL_REQUESTS) return { label: segment, node: child, provisional: null, parent: node };
    if (!this.isLearnedPosition(node, depth)) return { label: segment, node: child, provisional: null, parent: node };
    const group = groupLabelOf(segment);
    if (child.labelLiteral) return { label: segment, node: child, provisional: group, parent: node };
    return { label: group, node: child, provisional: null, parent: node };
  }

  /** Whether a position has enough distinct non-established values to learn a parameter (never the root). */
  private isLearnedPosition(node: TrieNode, depth: number): boolean {
    if (depth === 0) return false;
    const distinct = node.literals.size + node.lost;
    return distinct >= MAX_CHILDREN || distinct - node.established >= this.paramMinDistinct;
  }

  /**
   * Makes room at a full learned position: the least requested tracked value (the oldest
   * among equals) moves into its group, with what was learned below it. Values at least
   * as requested as the new one's future are kept, so a value with a meaningful share is
   * never the one evicted while rare values keep arriving.
   */
  private evictRarest(node: TrieNode): boolean {
    // Keys and values side by side: no [key, value] array per child (an eviction reads up to MAX_CHILDREN of them).
    // A value is counted as it is added, so none has fewer than one hit: the first with one is the
    // rarest and the oldest among equals, and where random names arrive it is near the front.
    const values = node.literals.values();
    let segment = '';
    let fewest = Infinity;
    for (const candidate of node.literals.keys()) {
      const hits = values.next().value!.hits;
      if (hits < fewest) {
        segment = candidate;
        fewest = hits;
        if (hits <= 1) break;
      }
    }
    const child = node.literals.get(segment);
    if (child === undefined) return false;
    node.literals.delete(segment);
    node.lost += 1;
    if (child.hits >= MIN_LITERAL_REQUESTS) node.established -= 1;
    this.nodes -= subtreeSize(child);
    this.mergeInto(node.child('groups', groupLabelOf(segment)), child);
    this.generation += 1;
    return true;
  }

  /** Moves an evicted subtree's counts into `target`; every node of `source` leaves the trie. */
  private mergeInto(target: TrieNode, source: TrieNode): void {
    source.detached = true;
    target.hits += source.hits;
    target.ends += source.ends;
    target.lost += source.lost;
    for (const [segment, child] of source.literals) {
      let existing = target.literals.get(segment);
      if (existing === undefined) {
        existing = new TrieNode(child.slug);
        target.literals.set(segment, existing);
        this.nodes += 1;
      }
      const wasEstablished = existing.hits >= MIN_LITERAL_REQUESTS;
      this.mergeInto(existing, child);
      if (!wasEstablished && existing.hits >= MIN_LITERAL_REQUESTS) target.established += 1;
    }
    if (source.groups !== null) {
      for (const [label, child] of source.groups) {
        if (!target.groups?.has(label)) this.nodes += 1;
        this.mergeInto(target.child('groups', label), child);
      }
    }
    if (source.shapes !== null) {
      for (const [shape, child] of source.shapes) {
        if (!target.shapes?.has(shape)) this.nodes += 1;
        this.mergeInto(target.child('shapes', shape), child);
      }
    }
  }

  /**
   * The final template for a route returned earlier by `template()`, so
   * aggregates keyed by provisional routes can be merged at the end. Decided
   * from the counts of all paths seen, whatever their order. Idempotent. Any
   * other route (one the gateway logged) is returned as it is.
   */
  canonical(route: string): string {
    if (route === OTHER_ROUTE || route.charCodeAt(0) !== 0x2f || !this.handedOut.has(route)) return route;
    let node: ResolvedNode | null = this.resolvedRoot();
    let result = '';
    for (const segment of route.slice(1).split('/')) {
      if (node === null) {
        result += `/${segment}`;
        continue;
      }
      if (segment === PARAM || segment === SLUG) {
        node = node.groups.get(segment) ?? null;
        result += `/${segment}`;
      } else if (isPlaceholder(segment)) {
        node = node.shapes.get(segment) ?? null;
        result += `/${segment}`;
      } else {
        const literal = node.literals.get(segment);
        if (literal !== undefined) {
          node = literal;
          result += `/${segment}`;
          continue;
        }
        const label = groupLabelOf(segment);
        const group = node.groups.get(label);
        if (group !== undefined) {
          node = group;
          result += `/${label}`;
        } else {
          node = null;
          result += `/${segment}`;
        }
      }
    }
    return result;
  }

  /** The final form of the whole trie, rebuilt after new paths were seen. */
  private resolvedRoot(): ResolvedNode {
    if (this.resolved === null) {
      computeSolid(this.root);
      this.resolved = this.resolve([this.root], 0);
    }
    return this.resolved;
  }

  /**
   * Decides one position from the nodes that make it up (several when earlier
   * positions were merged into a group): a value is a literal unless the position
   * is learned and the value has less than MIN_LITERAL_REQUESTS repeated requests
   * or less than MIN_LITERAL_SHARE of the repeated traffic of the established values.
   */
  private resolve(members: readonly TrieNode[], depth: number): ResolvedNode {
    const literals = new Map<string, TrieNode[]>();
    const groups = new Map<string, TrieNode[]>();
    const shapes = new Map<string, TrieNode[]>();
    let lost = 0;
    for (const member of members) {
      lost += member.lost;
      for (const [segment, child] of member.literals) appendTo(literals, segment, child);
      if (member.groups !== null) for (const [label, child] of member.groups) appendTo(groups, label, child);
      if (member.shapes !== null) for (const [shape, child] of member.shapes) appendTo(shapes, shape, child);
    }
    const solid = new Map<string, number>();
    let establishedSolid = 0;
    let established = 0;
    for (const [segment, nodes] of literals) {
      let total = 0;
      for (const child of nodes) total += child.solid;
      solid.set(segment, total);
      if (total >= MIN_LITERAL_REQUESTS) {
        established += 1;
        establishedSolid += total;
      }
    }
    const distinct = literals.size + lost;
    const learned = depth > 0 && (distinct >= MAX_CHILDREN || distinct - established >= this.paramMinDistinct);
    const minor = (segment: string): boolean => {
      const weight = solid.get(segment)!;
      return weight < MIN_LITERAL_REQUESTS || weight < MIN_LITERAL_SHARE * establishedSolid;
    };
    // A catalogue whose every page is fetched a few times has no unestablished values, yet its
    // slugs are as rare as any: many slugs each under the share make the position learned for slugs.
    let minorSlugs = 0;
    if (depth > 0 && !learned) for (const segment of literals.keys()) if (isSlugShaped(segment) && minor(segment)) minorSlugs += 1;
    const slugsLearned = minorSlugs >= this.paramMinDistinct;
    const resolved: ResolvedNode = { literals: new Map(), groups: new Map(), shapes: new Map() };
    for (const [segment, nodes] of literals) {
      if (!(learned || (slugsLearned && isSlugShaped(segment))) || !minor(segment)) {
        resolved.literals.set(segment, this.resolve(nodes, depth + 1));
      } else {
        for (const node of nodes) appendTo(groups, groupLabelOf(segment), node);
      }
    }
    for (const [label, nodes] of groups) resolved.groups.set(label, this.resolve(nodes, depth + 1));
    for (const [shape, nodes] of shapes) resolved.shapes.set(shape, this.resolve(nodes, depth + 1));
    return resolved;
  }

  private admit(route: string, capKey: string): string {
    if (!this.routes.has(capKey)) {
      if (this.routes.size >= this.maxRoutes) return this.fold(route);
      this.routes.add(capKey);
    }
    this.handedOut.add(route);
    return route;
  }

  private fold(route: string): string {
    if (!this.foldedRoutes.has(route)) {
      if (this.foldedRoutes.size < MAX_FOLDED_TRACKED) this.foldedRoutes.add(route);
      else this.foldedOverflow += 1;
    }
    return OTHER_ROUTE;
  }
}

function appendTo<K>(map: Map<K, TrieNode[]>, key: K, node: TrieNode): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [node]);
  else list.push(node);
}

function subtreeSize(node: TrieNode): number {
  let total = 1;
  for (const child of node.children()) total += subtreeSize(child);
  return total;
}

/**
 * Repeated traffic of every node: requests ending at a path requested at least
 * MIN_LITERAL_REQUESTS times, or at a slug. A request to a random name (the
 * scanner's `/api/v2/fdcf756e.sql`) counts for nothing, so any amount of probing
 * leaves the weights of the real values, and every decision based on them, as
 * they were.
 */
function computeSolid(node: TrieNode): number {
  let total = node.ends >= MIN_LITERAL_REQUESTS && !node.collective ? node.ends : node.slug ? node.ends : 0;
  for (const child of node.children()) total += computeSolid(child);
  node.solid = total;
  return total;
}
