// Which host is "the site": a Referer naming it means a page of the site sent the browser (asset
// fan-out), not a search engine or another site. A log with a Host field names it; a combined log
// without one names it most often in its own Referers (every page's assets carry it).

import { compactCopy } from '../normalize/compact-copy.js';

/** Distinct hosts tallied; past this, new hosts are not counted (a log names few hosts often). */
const HOSTS_CAP = 10_000;
/** A referer host is the site's when it names at least this share of all referred requests. */
const SITE_REFERER_SHARE = 0.2;
/** A Host value is the site's when at least this share of records carry it. */
const SITE_HOST_SHARE = 0.01;

/** The host of an absolute http(s) URL, lower case, without port or a leading `www.`; null otherwise. */
export function urlHost(url: string): string | null {
  let start: number;
  if (url.startsWith('http://')) start = 7;
  else if (url.startsWith('https://')) start = 8;
  else if (url.length > 8 && /^https?:\/\//i.test(url)) start = url[4] === ':' ? 7 : 8;
  else return null;
  let end = start;
  while (end < url.length) {
    const c = url.charCodeAt(end);
    // '/', '?', '#', ':' end the host.
    if (c === 47 || c === 63 || c === 35 || c === 58) break;
    end++;
  }
  return bareHost(url.slice(start, end));
}

/** A Host value as `urlHost` writes hosts: lower case, no port, no leading `www.`. */
export function bareHost(host: string): string | null {
  let h = host.toLowerCase();
  const colon = h.indexOf(':');
  if (colon >= 0 && h.indexOf(':', colon + 1) < 0) h = h.slice(0, colon);
  if (h.startsWith('www.')) h = h.slice(4);
  return h === '' ? null : h;
}

/** Tallies the hosts records name (Host field and Referer) and says which are the site's. */
export class SiteHosts {
  private readonly referers = new Map<string, number>();
  private readonly hosts = new Map<string, number>();
  private readonly names = new Map<string, string>();
  private referred = 0;
  private records = 0;

  /** The referer's host, stored once (the same string every time), counted; null when none. */
  noteReferer(referer: string | null): string | null {
    if (referer === null) return null;
    const host = urlHost(referer);
    if (host === null) return null;
    this.referred++;
    return this.count(this.referers, host);
  }

  noteHost(host: string | null): void {
    this.records++;
    if (host === null) return;
    const bare = bareHost(host);
    if (bare !== null) this.count(this.hosts, bare);
  }

  /** The site's hosts: the Host values of the log, else its dominant referer host. */
  siteHosts(): Set<string> {
    const out = new Set<string>();
    for (const [host, n] of this.hosts) if (n >= SITE_HOST_SHARE * this.records) out.add(host);
    if (out.size > 0) return out;
    let best: string | null = null;
    let bestCount = 0;
    for (const [host, n] of this.referers) {
      if (n > bestCount || (n === bestCount && best !== null && host < best)) {
        best = host;
        bestCount = n;
      }
    }
    if (best !== null && bestCount >= SITE_REFERER_SHARE * this.referred) out.add(best);
    return out;
  }

  /** Counts `host` and returns its stored copy (a slice of a log line would keep the line alive). */
  private count(map: Map<string, number>, host: string): string {
    const n = map.get(host);
    if (n !== undefined) {
      map.set(host, n + 1);
      return this.names.get(host) ?? host;
    }
    const copy = compactCopy(host);
    if (map.size < HOSTS_CAP) {
      map.set(copy, 1);
      this.names.set(copy, copy);
    }
    return copy;
  }
}
