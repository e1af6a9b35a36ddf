/** A request target split into path, raw query and the authority it named (if any). */
export interface SplitTarget {
  path: string;
  /** Raw, without `?`; null when there is no `?`, `""` when `?` is present but empty. */
  query: string | null;
  /** `host[:port]` of an absolute-form or authority-form target, else null. */
  host: string | null;
}

/** Index after `scheme://` when `target` starts with an absolute-form scheme, else -1. */
function schemeEnd(target: string): number {
  const limit = Math.min(target.length, 24);
  for (let i = 0; i < limit; i++) {
    const c = target.charCodeAt(i);
    if (c === 58 /* : */) {
      return i > 0 && target.charCodeAt(i + 1) === 47 && target.charCodeAt(i + 2) === 47 ? i + 3 : -1;
    }
    const isLetter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    const isSchemeChar = isLetter || (i > 0 && ((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46));
    if (!isSchemeChar) return -1;
  }
  return -1;
}

/**
 * Splits a request target at its first `?`. Origin-form `/p?q` keeps the path;
 * absolute-form `http://host:port/p?q` is reduced to path `/p` and host
 * `host:port` (path `/` when the URL has none); `*` stays `*`. A target without a
 * leading `/` is either host-relative (`test.k8s.local/`, logged by HAProxy
 * ingress: host before the first `/`) or CONNECT authority-form (`host:443`:
 * path and host are both the authority).
 */
export function splitTarget(target: string): SplitTarget {
  const questionMark = target.indexOf('?');
  const query = questionMark >= 0 ? target.slice(questionMark + 1) : null;
  const beforeQuery = questionMark >= 0 ? target.slice(0, questionMark) : target;
  const first = target.charCodeAt(0);
  if (first === 47 /* / */ || target === '*') return { path: beforeQuery, query, host: null };
  const authorityStart = schemeEnd(beforeQuery);
  const start = authorityStart >= 0 ? authorityStart : 0;
  const slash = beforeQuery.indexOf('/', start);
  if (slash < 0) {
    if (authorityStart >= 0) {
      const host = beforeQuery.slice(authorityStart);
      return { path: '/', query, host: host.length > 0 ? host : null };
    }
    return { path: beforeQuery, query, host: query === null && looksLikeHost(beforeQuery) ? beforeQuery : null };
  }
  const host = beforeQuery.slice(start, slash);
  if (authorityStart < 0 && !looksLikeHost(host)) return { path: beforeQuery, query, host: null };
  return { path: beforeQuery.slice(slash), query, host: host.length > 0 ? host : null };
}

/** `name.example:8080`, `[::1]:80`: letters, digits, `.-:[]`, with a dot or colon, not starting with a dot. */
function looksLikeHost(s: string): boolean {
  if (s.length === 0 || s.charCodeAt(0) === 46) return false;
  let hasSeparator = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const isAlnum = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    if (c === 46 || c === 58) hasSeparator = true;
    else if (!isAlnum && c !== 45 && c !== 91 && c !== 93) return false;
  }
  return hasSeparator;
}
