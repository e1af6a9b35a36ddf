// Template, expression-language and JNDI injection: `${…}`, `{{…}}`, `#{…}`,
// `<%= … %>`, and Log4Shell's `${jndi:` with its lookup obfuscations.

/**
 * An expression in template delimiters. The body must hold more than a bare name:
 * `${linkto}` is a page's unexpanded variable, `${7*7}` or `{{config.items()}}` is a probe.
 */
const EXPRESSION = /\$\{[^{}]{0,200}?[^a-z0-9_\s{}][^{}]{0,200}\}|\{\{[^{}]{0,200}?[^a-z0-9_\s{}][^{}]{0,200}\}\}|#\{[^{}]{0,200}?[^a-z0-9_\s{}][^{}]{0,200}\}|\*\{[^{}]{0,200}?[^a-z0-9_\s{}][^{}]{0,200}\}|<%=?[\s\S]{0,200}?%>|\{%[\s\S]{0,200}?%\}/;
/** `${lower:j}`, `${upper:N}`, `${::-d}`, `${env:NOPE:-i}`, `${date:'j'}`: each yields one or a few characters. */
const LOOKUP_FRAGMENT = /\$\{(?:(?:lower|upper|date|env|sys|main|base64|bundle|ctx|jvmrunargs|k8s|docker|web|spring):)?(?:[^${}]*?:-)?'?([^${}':]{0,10})'?\}/g;
const JNDI = /\$\{\s*jndi\s*:|jndi:(?:ldaps?|rmi|dns|iiop|corba|nds|nis|https?):/;

/** Resolve Log4j lookup fragments (bounded passes) so `${${lower:j}ndi:` reads `${jndi:`. */
export function resolveLookupFragments(decoded: string): string {
  let current = decoded;
  for (let pass = 0; pass < 5 && current.includes('${'); pass++) {
    // The fragment pattern cannot match `${jndi:…}` itself (its body has a `:` and no `:-`), so only the pieces resolve.
    const next = current.replace(LOOKUP_FRAGMENT, (_whole, inner: string) => inner);
    if (next === current) break;
    current = next;
  }
  return current;
}

/** Rule names for one decoded value; empty when clean. */
export function detectTemplateInjection(decoded: string): string[] {
  const found: string[] = [];
  const hasMarker = decoded.includes('{') || decoded.includes('<%') || decoded.includes('jndi');
  if (!hasMarker) return found;
  if (JNDI.test(decoded) || (decoded.includes('${') && JNDI.test(resolveLookupFragments(decoded)))) found.push('template-jndi');
  if (EXPRESSION.test(decoded)) found.push('template-expression');
  return found;
}
