// Webshells and backdoors a scanner hopes an earlier intruder left behind (`/c99.php`,
// `/wso.php`, `/up.php`): the request asks whether the site is already someone else's.
// Matched on the last segment of the decoded, lower-cased path (CrowdSec's scenario
// `http-backdoors-attempts` reads the file name the same way).
//
// `servedToo`: flagged whatever the answer (a 200 on `/c99.php` is worse, not better).
//   Without it only when the site did not serve it (4xx): names a site may well have
//   (`upload.php`, `css.php`, `list.jsp`) are a probe only where they do not exist.
// Rule id: `backdoor-<slug of the entry>`.
//
// Upload handlers (UPLOAD_HANDLER_RULES): the file managers and upload scripts of web editors
// (FCKeditor, CKFinder, TinyMCE's tinybrowser, elFinder…) that let anyone plant a webshell when
// left open. Matched anywhere in the decoded, lower-cased path, and only when answered 4xx: a
// site that runs the editor serves them to its own authors. Rule id: `backdoor-upload-<slug>`.

import type { RuleSource } from './sources.js';

export interface BackdoorRule {
  entry: string;
  servedToo: boolean;
  source: RuleSource;
}

const CS: RuleSource = 'crowdsec:web/backdoors.txt';
const OWN: RuleSource = 'anomalog';

/** Names in CrowdSec's list that ordinary sites also use: a finding only when answered 4xx. */
const ORDINARY_NAMES: ReadonlySet<string> = new Set([
  'css.php', 'log.php', 'list.jsp', 'list.pl', 'tool.asp', 'fileupload.aspx', 'filesystembrowser.aspx', 'bug.php', 'ws.php',
  'root.php', 'upfile.php', 'upl.php', 'sql.aspx', 'browser.jsp', 'co.php', 'ee.php', 'g5.php',
]);

/** CrowdSec sec-lists `web/backdoors.txt`, every entry (two differ only in case there: kept once). */
const CROWDSEC_NAMES: readonly string[] = [
  '1.php', '1337.php', '150.php', '3fexe.asp', 'acid.php', 'Ajax_PHP_Command_Shell.php', 'AK-74.php', 'alfa-rex.php',
  'alfa-rex.php56', 'alfa3.php', 'andela.php', 'angel.php', 'Ani-Shell.php', 'Antichat_Shell.php', 'antichat.php',
  'aspxSH.asp', 'aspxshell.aspx', 'ASpy.asp', 'aspydrv.asp', 'aspydrv.php', 'Ayyildiz_Tim.php', 'aZRaiLPhp_v1.0.php',
  'b37.php', 'backupsql.php', 'bdotw44shell.php', 'bloodsecv4.php', 'browser.jsp', 'bug.php', 'bypass.php', 'c.php',
  'c100.php', 'c37.php', 'c66.php', 'c99_locus7s.php', 'c99_madnet.php', 'c99_PSych0.php', 'c99_w4cking.php',
  'c99-shadows-mod.php', 'c99-Ultimate.php', 'c99.php', 'c99madshell.php', 'c99shell.php', 'c99ud.php',
  'c99unlimited.php', 'c99v2.php', 'CasuS-1.5.php', 'cbfphpsh.php', 'cgitelnet.php', 'cgitelnet.pl',
  'cihshell_fix.php', 'cmd_win32.jsp', 'cmd.asp', 'cmd.aspx', 'cmd.jsp', 'cmd.php', 'cmd.pl', 'cmdexec.aspx',
  'co.php', 'configkillerionkros.php', 'connect-back.php', 'cpg_143_incl_xpl.php', 'Crystal.php', 'CrystalShell.php',
  'css.php', 'ctt_sh.php', 'CWShellDumper.php', 'cybershell.php', 'dc.pl', 'dC3_Security.php', 'ddos.php',
  'Dive_Shell.php', 'dq.php', 'dra.php', 'DTool_Pro.php', 'Dx.php', 'ee.php', 'EFSO.asp', 'egy.php', 'Ekin0x.php',
  'elmaliseker.asp', 'erne.php', 'eval-stdin.php', 'ex0shell.php', 'FaTaLisTiCz_Fx.php', 'filesman.php',
  'filesystembrowser.aspx', 'fileupload.aspx', 'g00nshell-v1.3.php', 'g00nv13.php', 'G5.php', 'Gamma_Web_Shell.php',
  'GRP_WebShell.php', 'hacker.php', 'hkrkoz.php', 'indosec.php', 'irc.pl', 'ironshell.php', 'isko.php',
  'iskorpitx.php', 'itsecteam_shell.php', 'jspbd.jsp', 'jspshell.jsp', 'JspWebshell 1.2.jsp', 'JspWebshell_1.2.php',
  'KA_uShell_0.1.6.php', 'kral.php', 'lifkaS.php', 'list.jsp', 'list.pl', 'liz0zim.php', 'Loaderz_WEB_Shell.php',
  'locus.php', 'Locus7s.php', 'log.php', 'lolipop.php', 'lostDC.php', 'Mackers_Private_Shell.php', 'matamu.php',
  'megabor.php', 'mma.php', 'Moroccan_Spamers.php', 'MyShell.php', 'NCC-Shell.php', 'NetworkFileManagerPHP.php',
  'NGH.php', 'Non-alphanumeric.php', 'NTDaddy_v1.9.php', 'ntdaddy.asp', 'obfuscated-punknopass.php', 'password.php',
  'PerlWebShellbyRST-GHC.pl', 'PHANTASMA.php', 'Php_Backdoor.txt.php', 'PHP_Shell.php', 'php-backdoor.php',
  'pHpINJ.php', 'PHPJackal.php', 'PHPRemoteView.php', 'PhpSpy.php', 'PHVayv.php', 'Predator.php',
  'Private-i3lue.php', 'punk-nopass.php', 'punkholic.php', 'pws.php', 'pws.pl', 'qsd-backdoor.php', 'r00t.php',
  'r57.php', 'r58.php', 'RemExp.asp', 'root.php', 'Rootshell.v.1.0.php', 'ru24_post_sh.php', 's72_Shell.php',
  'Safe_Mode_Bypass.php', 'Safe0ver_Shell.php', 'safe0ver.php', 'sh3llx.php', 'shell.php', 'simattacker.php',
  'simple_cmd.php', 'Simple_PHP_backdoor.php', 'simple-backdoor.php', 'SimShell.php', 'Sincap_1.0.php',
  'Small_Web_Shell.php', 'smevk.php', 'SnIpEr_SA Shell.php', 'sniper.php', 'soldierofallah.php', 'sosyete.php',
  'spexec.aspx', 'spygrup.php', 'spyshell.php', 'sql.aspx', 'STNC_WebShell_v0.8.php', 'stres.php', 't4', 'tool.asp',
  'toolaspshell.asp', 'tryag.php', 'udp.php', 'up_win32.jsp', 'up.asp', 'up.jsp', 'up.pl', 'upfile.php', 'upl.php',
  'upl0ader.php', 'weevely.php', 'wewo.pl', 'WinX_Shell.php', 'Worse_Linux_Shell.php', 'wp-term.php', 'ws.php',
  'wso2.8.5.php', 'xleet-shell.php', 'xleet.php', 'xx.php', 'zacosmall.php', 'zehir.asp', 'zehir.aspx', 'zehir4.asp',
  'zehir4.aspx', 'zehir4.php', 'ZyklonShell.php',
];

export const BACKDOOR_RULES: readonly BackdoorRule[] = [
  ...CROWDSEC_NAMES.map((entry) => ({ entry, servedToo: !ORDINARY_NAMES.has(entry.toLowerCase()), source: CS })),
  // anomalog's own: upload shells and webshell names seen in the shared real logs' probes
  // (secrepo-webhawk 2021-10-22, lines 209–216) and in public webshell collections. Only
  // when refused: a site may have its own `upload.php`.
  ...['up.php', 'ups.php', 'upload.php', 'uploader.php', 'vuln.php', 'media-admin.php', 'elfinder.php.html', 'wso.php',
    'alfa.php', 'b374k.php', 'indoxploit.php', 'shell.aspx', 'shell.jsp', 'webshell.php'].map((entry) => ({ entry, servedToo: false, source: OWN })),
];

export interface UploadHandlerRule {
  /** Contained in the decoded, lower-cased path. */
  entry: string;
  source: RuleSource;
}

/**
 * anomalog's own, from the probes in the shared real logs: FCKeditor (elastic-apache, lines 8,034-8,041;
 * secrepo-webhawk 2021), tinybrowser (iis-waikolai), DedeCMS's CKEditor image handler (secrepo-webhawk
 * 2022, lines 795-796), elFinder (iis-webknowit, secrepo-webhawk 2021), Uploadify.
 */
export const UPLOAD_HANDLER_RULES: readonly UploadHandlerRule[] = [
  '/fckeditor/', '/ckfinder/', '/kcfinder/', '/tinybrowser/', '/elfinder/', '/uploadify', '/jquery-file-upload/',
  '/include/dialog/select_images_post.php',
].map((entry) => ({ entry, source: OWN }));
