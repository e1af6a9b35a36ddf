// Server-side code injection: PHP code in a value (`<?php`, `eval(`, `base64_decode(`),
// and server scriptlets (`<% … %>`). A PHP function counts only when called (`name(`,
// comments and spaces allowed before the parenthesis), so the word alone in a search
// box (`?q=system requirements`) is clean. Looked for in decoded, lower-cased text.
// Rule ids: `code-php-*` (evidence says "PHP code injection"), `code-*`.

import type { RuleSource } from './sources.js';

export interface CodePatternRule {
  rule: string;
  pattern: RegExp;
  source: RuleSource;
}

/**
 * Functions whose call in a request value is code injection, not data. Names that are
 * also English words (`system`, `eval`, `include`) count only with a code-like argument
 * (a string, a variable or another call): `system('id')`, not `operating system(s)`.
 */
export const PHP_DANGEROUS_FUNCTIONS: readonly { name: string; source: RuleSource }[] = [
  // In OWASP CRS php-function-names-933150.data.
  ...['base64_decode', 'call_user_func', 'curl_exec', 'file_get_contents', 'fsockopen', 'fputs', 'fwrite', 'gzinflate',
    'gzuncompress', 'hex2bin', 'ini_set', 'move_uploaded_file', 'phpinfo', 'phpversion', 'php_uname', 'posix_getpwuid',
    'proc_open', 'putenv', 'shell_exec', 'show_source', 'highlight_file', 'unserialize', 'var_dump', 'print_r',
    'get_current_user', 'getcwd', 'stream_socket_client', 'pfsockopen'].map((name) => ({ name, source: 'crs:php-function-names-933150.data' as RuleSource })),
  // Execution functions and constructs that CRS matches by its own regular expression (933160), not by that list.
  ...['eval', 'assert', 'system', 'exec', 'passthru', 'popen', 'pcntl_exec', 'call_user_func_array', 'create_function',
    'str_rot13', 'file_put_contents', 'preg_replace', 'include', 'require', 'include_once', 'require_once'].map((name) => ({ name, source: 'anomalog' as RuleSource })),
];

/** Names that are also English words: `assert()` in a sentence about C is prose, `assert($_POST[x])` is code. */
export const ENGLISH_FUNCTION_NAMES: ReadonlySet<string> = new Set(['eval', 'assert', 'system', 'exec', 'include', 'require']);

/** Patterns other than a function call (calls are matched against PHP_DANGEROUS_FUNCTIONS by name). */
export const CODE_PATTERN_RULES: readonly CodePatternRule[] = [
  { rule: 'code-php-open-tag', pattern: /<\?(?:php\b|=|\s)/, source: 'anomalog' },
  // `'.die(…).'` and `;exit(…)` break out of a string or statement into PHP.
  { rule: 'code-php-statement', pattern: /['"]\s*\.\s*(?:die|exit|md5|print|echo)\s*\(|;\s*(?:die|exit)\s*\(/, source: 'anomalog' },
  { rule: 'code-php-superglobal', pattern: /\$_(?:get|post|request|cookie|server|env|files|session)\s*\[|\$globals\s*\[/, source: 'anomalog' },
  // PHP-CGI argument injection (CVE-2012-1823, again CVE-2024-4577): a query that is php's own
  // `-d` switches (`-d allow_url_include=on -d auto_prepend_file=php://input`) runs the request body.
  { rule: 'code-php-cgi-args', pattern: /(?:^|\s)-d\s*(?:allow_url_include|auto_prepend_file|auto_append_file|safe_mode|disable_functions|open_basedir|suhosin\.simulation|cgi\.force_redirect)\b/, source: 'anomalog' },
  // ThinkPHP's `\think\app/invokefunction` (CVE-2018-20062) and its container variants.
  { rule: 'code-php-invokefunction', pattern: /\\think\\(?:app|container|request)|\/invokefunction\b/, source: 'anomalog' },
  // `<%= 7*7 %>` is a template probe (template-expression); a JSP/ASP directive or statement is code.
  { rule: 'code-server-tag', pattern: /<%[@!]|<%\s*(?:response|request|server|eval|execute|runtime|out)\s*[.(]/, source: 'anomalog' },
  // Spring4Shell (CVE-2022-22965) and Struts class-loader manipulation: `class.module.classLoader.URLs[0]=…`.
  { rule: 'code-java-classloader', pattern: /\bclass\s*\.\s*(?:module\s*\.\s*)?classloader\b|\[\s*['"]?class['"]?\s*\]\s*\[\s*['"]?classloader/, source: 'anomalog' },
  { rule: 'code-java-runtime', pattern: /java\.lang\.(?:runtime|processbuilder)|getruntime\s*\(\s*\)\s*\.\s*exec\s*\(/, source: 'anomalog' },
];
