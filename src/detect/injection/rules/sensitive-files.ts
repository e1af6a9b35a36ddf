// Requests for files a web root must never serve: secrets (`.env`, `.git/`, key
// files, wallets), server configuration (`web.config`, `.htpasswd`) and backups or
// archives of the site or its source. Matched on the decoded, lower-cased path.
//
// `name`: a path segment is this name, or the path holds `/<name>/` or ends in `/<name>`
//   (entries with a `/` inside, like `.git/config`, must appear whole at a segment start).
// `suffix`: the path ends with it (`foo.sql`, `index.php.bak`).
// `servedToo`: flagged whatever the answer. Without it only when the site did not serve
//   it (4xx): a shop may well serve `/downloads/catalogue.zip`, but nobody serves `.env`
//   legitimately, and a 200 there is worse, not better.
// Rule id: `sensitive-file-<slug of the entry>`.

import type { RuleSource } from './sources.js';

export interface SensitiveFileRule {
  entry: string;
  match: 'name' | 'suffix';
  servedToo: boolean;
  source: RuleSource;
}

const CS: RuleSource = 'crowdsec:web/sensitive_data.txt';
const CRS: RuleSource = 'crs:restricted-files.data';
const OWN: RuleSource = 'anomalog';

const name = (entry: string, source: RuleSource, servedToo = true): SensitiveFileRule => ({ entry, match: 'name', servedToo, source });
const suffix = (entry: string, source: RuleSource, servedToo = false): SensitiveFileRule => ({ entry, match: 'suffix', servedToo, source });

export const SENSITIVE_FILE_RULES: readonly SensitiveFileRule[] = [
  // Secrets and environment files (CrowdSec sensitive_data.txt).
  ...['.env', '.env.backup', '.env.dev', '.env.development', '.env.development.local', '.env.dist', '.env.local', '.env.php',
    '.env.prod', '.env.production.local', '.env.save', '.env.staging', '.env.stage', '.env.test', '.environment', '.envrc',
    '.env~', 'env.bak', 'env.backup', 'env.json', '.gitlab-ci/.env', '.docker/.env'].map((e) => name(e, CS)),
  name('.env.production', OWN),
  // Version control.
  ...['.git', '.git/head', '.git/config', '.svn', '.svn/entries', '.cvs', '.subversion'].map((e) => name(e, CS)),
  name('.hg', OWN),
  name('.git-credentials', OWN),
  name('.bzr', OWN),
  // Shell and tool history, dotfiles with credentials.
  ...['.bash_history', '.bashrc', '.mysql_history', '.sh_history', '.history', '.profile', '.rhosts', '.forward', '.passwd',
    '.pwd', '.msmtprc', '.s3cfg', '.ssh', '.aws', '.aws/config', '.awscfg', 'aws/credentials', 'aws-key.yml',
    'config/aws.yml', 'secrets.yml', 'secrets.json', '.docker/config.json', '.docker/daemon.json', '.vscode/sftp.json',
    '.deployment-config.json', '.lanproxy/config.json', '.jupyter/jupyter_notebook_config.json', '.htaccess',
    '.htpasswd', '.hta', '.listing', '.listings', '.perf', '.cache', '.config', '.cvsignore'].map((e) => name(e, CS)),
  ...['.netrc', '.npmrc', '.pgpass', '.my.cnf', '.kube', '.gnupg', '.boto', '.htdigest', '.user.ini',
    '.ds_store', '.idea', 'sftp-config.json', '.ws_ftp.ini', 'wp-config.bak', 'wp-config.old', 'wp-config.txt'].map((e) =>
    name(e, CRS),
  ),
  ...['composer.json', 'composer.lock', 'debug.log'].map((e) => name(e, CS, false)),
  ...['package.json', 'php.ini', 'phpinfo.php', 'docker-compose.yml', 'dockerfile', 'wp-config.php'].map((e) => name(e, OWN, false)),
  // Server configuration.
  name('web.config', OWN),
  name('global.asa', OWN),
  name('server-status', OWN, false),
  // Private keys and certificates' keys.
  ...['id_rsa', 'id_dsa', 'id_ecdsa', 'id_ed25519', 'id_rsa.pub', 'server.key', 'privatekey.pem', 'private.key', 'key.pem', 'cert.pem.key'].map((e) => name(e, OWN)),
  ...['.pem', '.key', '.p12', '.pfx', '.jks', '.keystore', '.ppk'].map((e) => suffix(e, OWN)),
  // Cryptocurrency wallets.
  ...['wallet.dat', 'wallet.json', 'wallet.zip', 'wallet.bak', '.bitcoin', '.electrum', '.ethereum', 'keystore', 'mnemonic.txt'].map((e) => name(e, OWN)),
  // Database dumps (CrowdSec sensitive_data.txt), backups of files and of the site.
  ...['.sql', '.sql.gz', '.sql.tar', '.sql.bzip2', '.sql.bz2', '.sql.zip', '.sql.rar', '.sql.7z', '.bak'].map((e) => suffix(e, CS)),
  ...['.sql.tgz', '.sql.xz'].map((e) => suffix(e, CRS)),
  ...['.old', '.orig', '.original', '.save', '.swp', '.swo', '~', '.backup', '.dump', '.tmp', '.copy', '.dist'].map((e) => suffix(e, OWN)),
  // Archives of the whole site (`/backup.zip`, `/www.tar.gz`, `/site.rar`).
  ...['backup', 'backups', 'www', 'wwwroot', 'site', 'website', 'web', 'html', 'htdocs', 'public_html', 'db', 'database', 'dump', 'data', 'old', 'archive', 'bak', 'src', 'source', 'home', 'root']
    .flatMap((base) => ['.zip', '.rar', '.7z', '.tar', '.tar.gz', '.tgz', '.tar.bz2', '.gz'].map((ext) => name(base + ext, OWN, false))),
];
