// Path traversal and file disclosure: climbing out of the web root (`../`
// in any encoding), naming a system file outright, or including a remote one.

/** A path segment made only of two or more dots: `../`, `..\`, `/....//`, `/..` at the end. */
const DOT_DOT = /(?:^|[\/\\])\.{2,}(?=[\/\\{;?%\s]|$)/;
/** `0x2e0x2e0x2f`: dots and slashes spelled as hex literals, which some decoders (and FuzzDB) use. */
const HEX_LITERAL_SEPARATOR = /0?x(?:2e|2f|5c)/g;
const SYSTEM_FILES = new RegExp(
  [
    '/etc/(?:passwd|shadow|group|hosts|issue|motd|fstab|crontab|sudoers|hostname|resolv\\.conf|httpd|apache2|nginx|ssh|mysql|php)',
    '/proc/(?:self|version|cmdline|mounts|net|sched_debug|\\d+/)',
    '/(?:var/log|var/www|usr/local/apache|root)/',
    '[a-z]:[\\/\\\\]*(?:windows|winnt|boot\\.ini|inetpub|system32)',
    '(?:^|[\\/\\\\:])(?:win\\.ini|boot\\.ini|system\\.ini|autoexec\\.bat)\\b',
    '(?:^|[\\/\\\\])system32[\\/\\\\]',
    'web-inf',
    // Separators are sometimes lost or stripped by the path they traverse (`....etcpasswd`).
    '(?:^|[\\/\\\\.:])etc[\\/\\\\]*(?:passwd|shadow)\\b',
    // Secrets a web root holds (`.env`, `.git/`, `web.config`, keys) are sensitive-file probes: rules/sensitive-files.ts.
  ].join('|'),
);
/**
 * Path normalisation tricks: `/./` repeated, or three or more slashes in a row,
 * in a value that is itself a path. Servers collapse these; filters often do not.
 */
const DOT_SEGMENTS = /^[\/\\](?:\.?[\/\\]){2,}|^[\/\\]\.[\/\\]|(?:[\/\\]\.){2,}[\/\\]/;
// A `file:` URL only as the whole value: inside a path it is a broken link, not a request for a file.
/** Remote file inclusion: a URL as the whole value, ended by `?` so the app's own suffix (`.php`) becomes a query string. */
const REMOTE_INCLUDE = /^(?:https?|ftps?):\/\/[^\s?]+\?+$/;
const FILE_SCHEME = /^[\s"']*file:[\/\\]|\b(?:php|zip|phar|expect|glob|data):\/\/|php:\/\/(?:filter|input)/;

/** Rule names for one decoded value (a path or a query value); empty when clean. */
export function detectTraversal(decoded: string): string[] {
  const found: string[] = [];
  const text = /x(?:2e|2f|5c)/.test(decoded) ? decoded.replace(HEX_LITERAL_SEPARATOR, (hex) => (hex.endsWith('2e') ? '.' : hex.endsWith('2f') ? '/' : '\\')) : decoded;
  if (text.includes('..') && DOT_DOT.test(text)) found.push('traversal-dot-dot');
  if (SYSTEM_FILES.test(text)) found.push('traversal-system-file');
  if (DOT_SEGMENTS.test(text)) found.push('traversal-dot-segments');
  if (FILE_SCHEME.test(decoded)) found.push('traversal-file-scheme');
  if (REMOTE_INCLUDE.test(decoded)) found.push('traversal-remote-include');
  return found;
}
