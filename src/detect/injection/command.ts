// OS command injection: a shell metacharacter that ends or substitutes a
// command, followed by a command an attacker runs to confirm the hole.

/** Commands seen in injection probes; each is one word a shell would run. */
export const PROBE_COMMANDS = [
  'cat', 'id', 'wget', 'curl', 'nc', 'ncat', 'netcat', 'bash', 'sh', 'zsh', 'ksh', 'ping', 'whoami', 'uname', 'ls',
  'sleep', 'echo', 'printf', 'pwd', 'ifconfig', 'ipconfig', 'netstat', 'nslookup', 'dig', 'ps', 'env', 'set',
  'perl', 'python', 'python3', 'php', 'ruby', 'busybox', 'chmod', 'rm', 'mkfifo', 'telnet', 'tftp', 'ftp', 'dir',
  'type', 'net', 'cmd', 'powershell', 'systeminfo', 'tasklist', 'certutil', 'bitsadmin', 'head', 'tail', 'more',
  'less', 'touch', 'reboot', 'shutdown', 'kill', 'hostname', 'passwd', 'useradd', 'nohup', 'xterm', 'timeout', 'del',
  'copy', 'ver', 'find', 'grep', 'awk', 'sed', 'base64', 'openssl', 'socat', 'tclsh', 'lua', 'node', 'java', 'cscript', 'wscript',
];
const COMMAND_WORDS = PROBE_COMMANDS.join('|');
const WORD_END = '(?:\\.exe)?(?=$|[\\s;|&`$()<>\'"]|\\+|,)';
/** `; id`, `| cat /etc/passwd`, `&& ping -c 3 x`, `` `id` ``, `$(whoami)`, `\nsleep 5` after a quote. */
const AFTER_SEPARATOR = new RegExp(
  `(?:[;|\`\\n]|&&|\\$\\(|\\$\\{ifs\\}|^&|[^&]&(?!&))[\\s+]*["'(]*[\\s+]*(?:(?:/?usr)?(?:/s?bin/)|[a-z]:\\\\windows\\\\system32\\\\)?(?:${COMMAND_WORDS})${WORD_END}`,
);
/** A command given by absolute path or as a Windows binary needs no separator: `/bin/sleep 31`, `ping.exe -n 3`. */
const ABSOLUTE_COMMAND = new RegExp(`(?:^|[\\s"'(])(?:/usr)?/s?bin/(?:${COMMAND_WORDS})${WORD_END}|(?:^|\\s)(?:ping|cmd|powershell|net|nslookup)\\.exe\\b`);
/** Reading a file or host through the shell: `cat /etc/…`, `type c:\…`, `dir c:`, `ping -c 3`. */
// `+` counts as a space: payloads written for URLs (`+|+dir+c:/`) keep it after `%2B` encoding.
const COMMAND_WITH_ARGUMENT = /(?:^|[\s+;|&`(])(?:cat|type|more|head|tail)[\s+]+[\/\\a-z]:?[\/\\]|(?:^|[\s+;|&`(])dir[\s+]+[a-z]:|(?:^|[\s+;|&`(])ping[\s+]+-[nci][\s+]*\d|(?:^|[\s+;|&`(])(?:wget|curl)[\s+]+(?:-[a-z]+[\s+]+)*(?:https?|ftp):\/\//;
const SUBSTITUTION = /\$\((?!\()[^)]*\)|`[^`]+`/;
/** `$((40+9))`: shell arithmetic, which scanners echo back to prove execution. */
const ARITHMETIC = /\$\(\(\s*\d+\s*[-+*\/]\s*\d+\s*\)\)/;

/** Rule names for one decoded value; empty when clean. */
export function detectCommandInjection(decoded: string): string[] {
  const found: string[] = [];
  if (AFTER_SEPARATOR.test(decoded)) found.push('command-after-separator');
  if (ABSOLUTE_COMMAND.test(decoded)) found.push('command-absolute-binary');
  if (COMMAND_WITH_ARGUMENT.test(decoded)) found.push('command-with-argument');
  if (ARITHMETIC.test(decoded)) found.push('command-arithmetic');
  if (found.length === 0 && SUBSTITUTION.test(decoded)) {
    // A substitution counts only when it runs a known command, e.g. `$(id)` or `` `uname -a` ``.
    const inner = decoded.match(SUBSTITUTION)![0].replace(/^\$\(|^`|\)$|`$/g, '').trim();
    if (new RegExp(`^(?:(?:/usr)?/s?bin/)?(?:${COMMAND_WORDS})${WORD_END}`).test(inner)) found.push('command-substitution');
  }
  return found;
}
