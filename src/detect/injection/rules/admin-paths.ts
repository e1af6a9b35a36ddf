// Admin consoles, login pages and CMS/database front ends that discovery scans ask for.
// A finding only when the site answered 404 or 410: it does not run that software, so
// the request was looking for it. Matched on the decoded, lower-cased path.
//
// `prefix`: the path starts with the entry (`/phpmyadmin2017/index.php`, `/administrator/`).
// `anywhere`: the entry may sit under any directory (`/blog/wp-login.php`, `/old/wp-admin/`).
// Rule id: `admin-<slug of the entry>`.

import type { RuleSource } from './sources.js';

export interface AdminPathRule {
  entry: string;
  match: 'prefix' | 'anywhere';
  source: RuleSource;
}

const CS: RuleSource = 'crowdsec:web/admin_interfaces.txt';
const OWN: RuleSource = 'anomalog';

const prefix = (entry: string, source: RuleSource): AdminPathRule => ({ entry, match: 'prefix', source });
const anywhere = (entry: string, source: RuleSource): AdminPathRule => ({ entry, match: 'anywhere', source });

export const ADMIN_PATH_RULES: readonly AdminPathRule[] = [
  // CrowdSec admin_interfaces.txt (matched there as a prefix of the path).
  ...['/admin', '/manager', '/phpmyadmin', '/pma', '/phpinfo', '/boaform/', '/kcfinder/upload.php', '/+cscoe+/', '/dana-na/',
    '/repeater.php', '/sitecore/admin/login.aspx', '/sitecore/login/default.aspx', '/sitecore/admin/cache.aspx', '/solr/',
    '/sphider/admin/admin.php', '/sitefinity/authenticate/swt', '/scriptcase/devel/iface/', '/scriptcase/prod/lib/php/',
    '/web/database/manager', '/sfmc/login', '/dms/out/out.login.php', '/rsso/admin/', '/admin/login_uid.php',
    '/remote/login', '/commandcenter/restservlet/'].map((e) => prefix(e, CS)),
  ...['/wp-admin', '/wp-login'].map((e) => anywhere(e, CS)),
  // anomalog's own: WordPress, Joomla, Drupal, database and hosting panels.
  ...['/wp-content/', '/wp-includes/', '/xmlrpc.php', '/wp-json/', '/phpmyadmin', '/myadmin', '/mysqladmin', '/adminer', '/dbadmin', '/sqladmin', '/phppgadmin'].map((e) => anywhere(e, OWN)),
  // Registration and content-creation pages that spam bots ask for (Drupal's `/user/register` and
  // `/node/add/…`, WordPress multisite's signup): on a site without that CMS, a 404 there is a probe.
  ...['/wp-signup.php', '/wp-register.php'].map((e) => anywhere(e, OWN)),
  ...['/user/register', '/node/add'].map((e) => prefix(e, OWN)),
  ...['/administrator', '/user/login', '/cpanel', '/whm', '/webadmin', '/siteadmin', '/admin.php', '/login.php', '/typo3', '/umbraco', '/joomla', '/drupal', '/bitrix/admin', '/magento', '/backend', '/wp/', '/wordpress', '/cms/', '/panel', '/controlpanel', '/admincp', '/adminpanel', '/console', '/jmx-console', '/web-console', '/manager/html', '/host-manager', '/system/console'].map((e) => prefix(e, OWN)),
];
