// Cross-site scripting: markup or script that a browser would run if the
// value were reflected into a page. Looked for in decoded, lower-cased text.

/** Tags that run script, load content or restyle a page when injected. */
const DANGEROUS_TAGS = [
  'script', 'img', 'image', 'svg', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'body', 'html', 'meta',
  'link', 'style', 'base', 'form', 'input', 'button', 'textarea', 'select', 'video', 'audio', 'source', 'marquee',
  'details', 'math', 'isindex', 'xml', 'xss', 'layer', 'ilayer', 'bgsound', 'table', 'td', 'div', 'a', 'head',
  'title', 'plaintext', 'xmp', 'template', 'keygen', 'track', 'animate', 'set', 'use', 'foreignobject', 'br', 'p',
  'span', 'h1', 'b', 'i', 'u', 'font', 'blink', 'noscript', 'dialog', 'portal', 'embed',
];
// No space after `<`: browsers read `< b` as text, not a tag.
const TAG_OPEN = new RegExp(`</?(${DANGEROUS_TAGS.join('|')})(?=[\\s/>"'\\x60]|$)`);
/** Any tag that carries an event handler, whatever its name (`<crosssitescripting onmouseover=…>`). */
const TAG_WITH_HANDLER = /<[a-z][a-z0-9:-]*[\s/][^>]*?\bon[a-z]{3,}\s*=/;
const EVENT_HANDLER = new RegExp(
  '(?:^|[\\s"\'/`;])on(?:load|error|click|dblclick|mouse[a-z]*|key[a-z]*|focus[a-z]*|blur|change|submit|reset|' +
    'select|abort|unload|beforeunload|resize|scroll|input|toggle|animation[a-z]*|transition[a-z]*|pointer[a-z]*|' +
    'drag[a-z]*|drop|copy|cut|paste|contextmenu|wheel|touch[a-z]*|play[a-z]*|pause|ended|begin|end|readystatechange|' +
    'message|hashchange|popstate|pageshow|pagehide|show|start|finish|bounce|afterprint|beforeprint|search|invalid|' +
    'loadstart|progress|formchange|forminput|activate|beforeactivate|deactivate|help|move|moveend|movestart|' +
    'propertychange|filterchange|datasetchanged|rowenter|rowexit|seek|stop|timeerror|trackchange|urlflip|' +
    'repeat|reverse|storage|offline|online|volumechange|waiting|canplay[a-z]*|durationchange|emptied|stalled|suspend|' +
    'timeupdate|ratechange|seeked|seeking|loadeddata|loadedmetadata|auxclick|securitypolicyviolation)\\s*=',
);
const SCRIPT_SCHEME = /(?:javascript|vbscript|livescript|mocha|jscript|ecmascript):|data:(?:text\/html|text\/xml|image\/svg|application\/(?:x-)?(?:xhtml|javascript|ecmascript))/;
const SCRIPT_SINK = /\b(?:alert|prompt|confirm|eval|settimeout|setinterval|execscript|msgbox)\s*[(`]|\bdocument\s*\.\s*(?:cookie|write|domain|location|body)|\bwindow\s*\.\s*(?:location|open|name)|\.innerhtml\b|string\s*\.\s*fromcharcode|\bexpression\s*\(|-moz-binding|behavior\s*:\s*url|\bimport\s*\(\s*['"]/;
const BREAKOUT_CLOSE = /<\s*\/\s*(?:script|style|title|textarea|noscript|xmp|iframe)\s*>/;
/** UTF-7 `+ADw-` is `<`: old IE sniffed UTF-7 and ran such pages. */
const UTF7_TAG = /\+adw-|\+ad4-/;

/** Rule names for one decoded value; empty when clean. */
export function detectXss(decoded: string): string[] {
  const found: string[] = [];
  const squeezed = decoded.includes(' ') ? decoded.replace(/ /g, '') : decoded;
  if (decoded.includes('<')) {
    if (TAG_OPEN.test(decoded)) found.push('xss-tag');
    if (TAG_WITH_HANDLER.test(decoded)) found.push('xss-tag-event-handler');
    if (BREAKOUT_CLOSE.test(decoded)) found.push('xss-close-tag');
  }
  if (EVENT_HANDLER.test(decoded) && /["'<>\/`;]/.test(decoded)) found.push('xss-event-handler');
  // Browsers ignore spaces and control characters inside a URL scheme (`java script:`).
  if (SCRIPT_SCHEME.test(squeezed)) found.push('xss-script-scheme');
  if (SCRIPT_SINK.test(decoded)) found.push('xss-script-sink');
  if (UTF7_TAG.test(decoded)) found.push('xss-utf7');
  return found;
}
