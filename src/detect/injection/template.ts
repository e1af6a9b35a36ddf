// Template and expression-language injection, and JNDI lookups (class `jndi`): `${…}`, `{{…}}`, `#{…}`,
// `<%= … %>`, and Log4Shell's `${jndi:` with its lookup obfuscations.

/**
 * An expression in template delimiters. The body must hold more than a bare name:
 * `${linkto}` is a page's unexpanded variable, `${7*7}` or `{{config.items()}}` is a probe.
 */
// OGNL (Struts) `%{…}` as well: `%{(#a=@java.lang.Runtime@getRuntime())}`.
const EXPRESSION = /%\{[^{}]{0,200}?[^a-z0-9_\s{}][^{}]{0,200}\}|\$\{[^{}]{0,200}?[^a-z0-9_\s{}][^{}]{0,200}\}|\{\{[^{}]{0,200}?[^a-z0-9_\s{}][^{}]{0,200}\}\}|#\{[^{}]{0,200}?[^a-z0-9_\s{}][^{}]{0,200}\}|\*\{[^{}]{0,200}?[^a-z0-9_\s{}][^{}]{0,200}\}|<%=?[\s\S]{0,200}?%>|\{%[\s\S]{0,200}?%\}/;
/** `${lower:j}`, `${upper:N}`, `${date:'j'}`, `${::-d}`, `${env:NOPE:-i}`: each lookup yields one or a few characters. */
const LOOKUP_FRAGMENT =
  /\$\{(?:lower|upper|base64|main|sys|ctx|bundle|web|spring|k8s|docker|jvmrunargs):([^${}':]{0,10})\}|\$\{date:'([^${}']{0,10})'\}|\$\{[^${}]{0,40}?:-([^${}]{0,10})\}/g;
/** Server-side includes: `<!--#exec cmd=…-->`, `<!--#include virtual=…-->`. */
const SSI = /<!--\s*#\s*(?:exec|include|echo|config|printenv|set|fsize|flastmod)\b/;
const JNDI = /\$\{\s*jndi\s*:|jndi:(?:ldaps?|rmi|dns|iiop|corba|nds|nis|https?):/;

/** Resolve Log4j lookup fragments (bounded passes) so `${${lower:j}ndi:` reads `${jndi:`. */
export function resolveLookupFragments(decoded: string): string {
  let current = decoded;
  for (let pass = 0; pass < 5 && current.includes('${'); pass++) {
    // The fragment pattern cannot match `${jndi:…}` itself (no known prefix, no `:-`), so only the pieces resolve.
    const next = current.replace(LOOKUP_FRAGMENT, (_whole, cased?: string, dated?: string, fallback?: string) => cased ?? dated ?? fallback ?? '');
    if (next === current) break;
    current = next;
  }
  return current;
}

/** Rule names for one decoded value; empty when clean. */
export function detectTemplateInjection(decoded: string): string[] {
  const found: string[] = [];
  const hasMarker = decoded.includes('{') || decoded.includes('<%') || decoded.includes('jndi') || decoded.includes('<!--');
  if (!hasMarker) return found;
  const jndi = JNDI.test(decoded) || (decoded.includes('${') && JNDI.test(resolveLookupFragments(decoded)));
  if (jndi) found.push('jndi-lookup');
  // A JNDI lookup is itself a `${…}` expression: name it once, as what it is.
  else if (EXPRESSION.test(decoded)) found.push('template-expression');
  if (SSI.test(decoded)) found.push('template-ssi');
  return found;
}
