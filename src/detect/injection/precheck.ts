// The fast path: most request targets are plain words, digits and slashes.
// Only a value with a character or word that some rule needs is decoded and
// tokenised; this keeps the detector cheap on a million-line log.

/** Characters no rule can do without (before decoding: `%`, `&`, `\` and `+` may hide the rest). */
const QUERY_SUSPECT = /[^a-zA-Z0-9_.,@:\/-]|\.\.|^[\/\\]|[a-zA-Z]:[\/]|\/(?:s?bin|etc|proc|usr)\/|classloader|information_schema|xp_cmdshell/i;
const PATH_SUSPECT = /[^a-zA-Z0-9_.,@:\/~-]|\.\.|\/(?:etc|proc|bin|sbin|usr\/bin|var|root)\/|(?:win|boot|system)\.ini|web-inf|system32|\/\.(?:ht|git|svn|ssh|env|aws)/i;

/** True when a query name or value may hold something a rule would match. */
export function queryPartMayInject(raw: string): boolean {
  return QUERY_SUSPECT.test(raw);
}

/** True when a request path may hold something a rule would match. */
export function pathMayInject(raw: string): boolean {
  return PATH_SUSPECT.test(raw);
}
