// Attack tools and vulnerability scanners that name themselves in the User-Agent.
// One entry, one tool: matched case-insensitively anywhere in the agent (as CRS and
// CrowdSec match these lists). Crawlers, scrapers and SEO bots are not here: they are
// volume, not attacks (see the benign explanations), and plain HTTP libraries (curl,
// python-requests, Go-http-client) are used by monitors and scripts every day.
// Rule id: `tool-agent-<slug of the tool>`.

import type { RuleSource } from './sources.js';

export interface ToolAgentRule {
  /** Tool name as shown in evidence, and its rule id's tail. */
  tool: string;
  /** Substring of the User-Agent, case-insensitive. */
  entry: string;
  source: RuleSource;
}

const CRS: RuleSource = 'crs:scanners-user-agents.data';
const CROWDSEC: RuleSource = 'crowdsec:web/bad_user_agents.txt';
const OWN: RuleSource = 'anomalog';

export const TOOL_AGENT_RULES: readonly ToolAgentRule[] = [
  // OWASP CRS scanners-user-agents.data: the whole list (curated by CRS as "unwanted scanners").
  { tool: 'arachni', entry: 'arachni', source: CRS },
  { tool: 'betabot', entry: 'betabot', source: CRS },
  { tool: 'bewica-security-scan', entry: 'bewica-security-scan', source: CRS },
  { tool: 'bfac', entry: 'BFAC', source: CRS },
  { tool: 'commix', entry: 'commix', source: CRS },
  { tool: 'detectify', entry: 'Detectify', source: CRS },
  { tool: 'dirbuster', entry: 'dirbuster', source: CRS },
  { tool: 'fimap', entry: 'fimap', source: CRS },
  { tool: 'ffuf', entry: 'fuzz faster', source: CRS },
  { tool: 'gobuster', entry: 'gobuster', source: CRS },
  { tool: 'havij', entry: 'havij', source: CRS },
  { tool: 'hexometer', entry: 'hexometer', source: CRS },
  { tool: 'jbrofuzz', entry: 'jbrofuzz', source: CRS },
  { tool: 'jorgee', entry: 'jorgee', source: CRS },
  { tool: 'libwhisker', entry: 'libwhisker', source: CRS },
  { tool: 'masscan', entry: 'masscan', source: CRS },
  { tool: 'morfeus', entry: 'morfeus', source: CRS },
  { tool: 'mozlila', entry: 'Mozlila', source: CRS },
  { tool: 'nessus', entry: 'nessus', source: CRS },
  { tool: 'netlab360', entry: 'netlab360', source: CRS },
  { tool: 'netsparker', entry: 'netsparker', source: CRS },
  { tool: 'nikto', entry: 'nikto', source: CRS },
  { tool: 'nmap', entry: 'nmap', source: CRS },
  { tool: 'nuclei', entry: 'nuclei', source: CRS },
  { tool: 'openvas', entry: 'openvas', source: CRS },
  { tool: 'sitelockspider', entry: 'sitelockspider', source: CRS },
  { tool: 'sqlmap', entry: 'sqlmap', source: CRS },
  { tool: 'sysscan', entry: 'sysscan', source: CRS },
  { tool: 'tsunami', entry: 'TsunamiSecurityScanner', source: CRS },
  { tool: 'w3af', entry: 'w3af.org', source: CRS },
  { tool: 'webbandit', entry: 'webbandit', source: CRS },
  { tool: 'webshag', entry: 'webshag', source: CRS },
  { tool: 'wfuzz', entry: 'wfuzz', source: CRS },
  { tool: 'whatweb', entry: 'whatweb', source: CRS },
  { tool: 'wprecon', entry: 'wprecon', source: CRS },
  { tool: 'wpscan', entry: 'wpscan', source: CRS },
  { tool: 'zgrab', entry: 'zgrab', source: CRS },
  { tool: 'zmeu', entry: 'zmeu', source: CRS },
  // CrowdSec bad_user_agents.txt: only its attack tools and scanners (the rest are crawlers and downloaders).
  { tool: 'acunetix', entry: 'Acunetix', source: CROWDSEC },
  { tool: 'muhstik', entry: 'muhstik-scan', source: CROWDSEC },
  { tool: 'sqlworm', entry: 'Sqlworm', source: CROWDSEC },
  { tool: 'dfind', entry: 'DataCha0s', source: CROWDSEC },
  { tool: 'probethenet', entry: 'Probethenet', source: CROWDSEC },
  { tool: 'scanalert', entry: 'ScanAlert', source: CROWDSEC },
  { tool: 'fhscan', entry: 'FHscan', source: CROWDSEC },
  // anomalog's own: agents scanners send that the lists above do not name.
  { tool: 'burp', entry: 'burpcollaborator', source: OWN },
  { tool: 'xray', entry: 'xray-scanner', source: OWN },
  { tool: 'dirb', entry: '(dirb)', source: OWN },
  { tool: 'hydra', entry: 'thc-hydra', source: OWN },
  { tool: 'medusa', entry: 'medusa/', source: OWN },
  { tool: 'jaeles', entry: 'jaeles', source: OWN },
  { tool: 'feroxbuster', entry: 'feroxbuster', source: OWN },
  { tool: 'interactsh', entry: 'interact.sh', source: OWN },
  { tool: 'l9explore', entry: 'l9explore', source: OWN },
  { tool: 'l9tcpid', entry: 'l9tcpid', source: OWN },
];

/** Paths only one tool asks for: its fingerprint, whatever agent it sends. Matched in the decoded, lower-cased path. */
export interface ToolPathRule {
  tool: string;
  entry: string;
  source: RuleSource;
}

export const TOOL_PATH_RULES: readonly ToolPathRule[] = [
  // The DFind scanner's first request (CrowdSec hub scenario ltsich/http-w00tw00t).
  { tool: 'dfind', entry: '/w00tw00t.at.', source: OWN },
  // Nmap's http scripts (http-methods, http-enum) ask for these on purpose-made names.
  { tool: 'nmap', entry: '/nmaplowercheck', source: OWN },
  { tool: 'nmap', entry: '/nice%20ports%2c/tri%6eity.txt%2ebak', source: OWN },
  { tool: 'muieblackcat', entry: '/muieblackcat', source: OWN },
  // CrowdSec's EICAR-style canary (hub scenario crowdsecurity/http-generic-test): only someone
  // checking whether a CrowdSec install reacts asks for this exact name.
  { tool: 'crowdsec-detection-test', entry: '/crowdsec-test-ntktljhv4tfbsk3wvlhiobnl', source: OWN },
  // A forum/guestbook spam tool (XRumer and its clones) appends its own report to the URL it
  // logged when the page had no form to post to: `/guest.htm+++…+Result:+no+post+sending+forms+are+found;`.
  { tool: 'xrumer', entry: 'result:+no+post+sending+forms', source: OWN },
  { tool: 'xrumer', entry: 'result: no post sending forms', source: OWN },
  { tool: 'xrumer', entry: 'result:%20no%20post%20sending%20forms', source: OWN },
];
