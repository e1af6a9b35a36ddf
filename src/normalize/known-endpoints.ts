/**
 * Maps endpoints inferred from new traffic onto the endpoints of a saved baseline. Templates are
 * learned online, so the traffic scored today may template a path (`/api/{param}/products/{id}`)
 * differently from the traffic learned yesterday (`/api/v1/products/{id}`); a placeholder on
 * either side matches any one segment, and the candidate with the most literal agreement wins.
 */
export class KnownEndpoints {
  private readonly byShape = new Map<string, string[][]>();
  private readonly known: Set<string>;
  private readonly cache = new Map<string, string>();

  constructor(endpoints: Iterable<string>) {
    this.known = new Set(endpoints);
    for (const endpoint of [...this.known].sort()) {
      const parts = splitEndpoint(endpoint);
      if (!parts) continue;
      const shape = `${parts[0]} ${parts.length}`;
      const list = this.byShape.get(shape) ?? [];
      list.push(parts);
      this.byShape.set(shape, list);
    }
  }

  resolve(endpoint: string): string {
    if (this.known.has(endpoint)) return endpoint;
    const cached = this.cache.get(endpoint);
    if (cached !== undefined) return cached;
    let best = endpoint;
    const parts = splitEndpoint(endpoint);
    if (parts) {
      let bestScore = -1;
      for (const candidate of this.byShape.get(`${parts[0]} ${parts.length}`) ?? []) {
        let score = 0;
        for (let i = 1; i < parts.length && score >= 0; i++) {
          const a = parts[i]!;
          const b = candidate[i]!;
          if (a === b) score += 2;
          else if (!isPlaceholder(a) && !isPlaceholder(b)) score = -1;
        }
        if (score > bestScore) {
          bestScore = score;
          best = `${candidate[0]} /${candidate.slice(1).join('/')}`;
        }
      }
    }
    this.cache.set(endpoint, best);
    return best;
  }
}

function splitEndpoint(endpoint: string): string[] | null {
  const space = endpoint.indexOf(' ');
  if (space < 0 || endpoint[space + 1] !== '/') return null;
  return [endpoint.slice(0, space), ...endpoint.slice(space + 2).split('/')];
}

function isPlaceholder(segment: string): boolean {
  return segment.startsWith('{') && segment.endsWith('}') && segment !== '{other}';
}
