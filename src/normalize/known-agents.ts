// Which User-Agents belong to traffic with a benign explanation: named crawlers, link-preview
// fetchers, health checks and uptime monitors. isbot (Unlicense, a well-kept list of crawler
// patterns) says whether an agent is automated at all; it also says yes to curl, HTTP libraries
// and attack tools, which are automation without a benign story, so those are excluded first.
// An agent only claims an identity: where CrowdSec publishes a crawler's address ranges the
// claim is checked offline (legit-bots.ts); otherwise the evidence says "claimed".

import { isbot } from 'isbot';
import ipaddr from 'ipaddr.js';
import { LEGIT_BOTS, type LegitBot } from './legit-bots.js';

export type AgentRole = 'crawler' | 'link_preview' | 'monitor';

export interface KnownAgent {
  role: AgentRole;
  /** A short name for the evidence ("MJ12bot", "facebookexternalhit"). */
  name: string;
  /** The CrowdSec entry naming it, when one does (its ranges can verify the address). */
  legit: LegitBot | null;
}

/**
 * Attack and scanning tools: automated, never a benign crawler, whatever else their agent says
 * (tokens of the well-known tools; the full per-request detection of tool agents lives with the
 * injection rules).
 */
const ATTACK_TOOLS =
  /sqlmap|nikto|nmap|nuclei|masscan|zgrab|w3af|acunetix|wpscan|dirbuster|\bdirb\b|gobuster|ffuf|feroxbuster|hydra|havij|openvas|nessus|zmeu|jorgee|morfeus|netsparker|burp|wfuzz|arachni|skipfish|whatweb|fimap|commix|xsstrike|jaeles|censys|shodan|l9explore|l9tcpid|expanse|internet-?measurement|webinspect|appscan|qualys|owasp|zap\//i;

/** HTTP libraries and command-line clients: automation with no identity a crawler would claim. */
const GENERIC_CLIENTS =
  /^(?:curl|wget|python|go-http-client|java\/|okhttp|libwww|lwp|php\/|guzzle|axios|node-fetch|undici|ruby|apache-httpclient|powershell|winhttp|aiohttp|httpx|scrapy|mechanize|perl|dart\/|rest-client|postman|http_request|fasthttp|reqwest|hackney|faraday)/i;

/**
 * Link-preview fetchers: chat and social apps fetching a shared link's page and images (often
 * as byte ranges, from several addresses at once). Tokens as the vendors document them.
 */
const LINK_PREVIEW =
  /facebookexternalhit|meta-externalagent|facebookcatalog|twitterbot|slackbot|slack-imgproxy|linkedinbot|whatsapp|telegrambot|discordbot|skypeuripreview|pinterest|redditbot|embedly|iframely|vkshare|bingpreview|google-pagerenderer|mastodon|bitlybot|tumblr|viber|snapchat|skype|mattermost|outbrain|flipboard|nuzzel|quora link preview/i;

/** Health checks and uptime monitors (load balancers, orchestrators, monitoring services). */
const MONITORS =
  /uptimerobot|pingdom|statuscake|site24x7|newrelicpinger|datadog|kube-probe|elb-healthchecker|googlehc|googlestackdrivermonitoring|consul health|blackbox-exporter|check_http|nagios|zabbix|icinga|monit\/|uptime-kuma|betteruptime|better uptime|freshping|hetrixtools|checkly|route53-health-check|traffic manager endpoint monitor|alwayson|prometheus|pagerduty|updown\.io|hyperping|cloudflare-healthchecks|gce-healthcheck|health ?check/i;

/** The crawler's own product token ("MJ12bot/v1.4.4" → "MJ12bot"). */
const CRAWLER_TOKEN = /([A-Za-z0-9._-]*(?:bot|crawler|spider|slurp|archiver|fetcher)[A-Za-z0-9._-]*)/i;

/** Agents a crawler claims to be, beyond isbot's automation check: a product that names itself a crawler. */
const CRAWLER_WORDS = /bot\b|bot\/|bot;|crawl|spider|slurp|archiver|feedfetcher|mediapartners|yandex|baidu|sogou|ahrefs|semrush|bingbot|googlebot|duckduck|qwant|seznam|petalbot|exabot|bytespider|megaindex|coccoc|naver|yeti|daum|ia_archiver|feedly|feedburner|newsblur|inoreader/i;

const NAME_CAP = 40;

const LEGIT_PATTERNS: readonly [LegitBot, RegExp][] = LEGIT_BOTS.map((bot) => [bot, new RegExp(bot.agent, 'i')]);

/** The benign role an agent claims, or null (a browser, a tool, a library, or nothing). */
export function knownAgent(userAgent: string | null): KnownAgent | null {
  if (userAgent === null) return null;
  const agent = userAgent.trim();
  if (agent === '' || agent === '-' || ATTACK_TOOLS.test(agent) || GENERIC_CLIENTS.test(agent)) return null;
  const legit = LEGIT_PATTERNS.find(([, pattern]) => pattern.test(agent))?.[0] ?? null;
  const monitor = MONITORS.exec(agent);
  if (monitor) return { role: 'monitor', name: legit?.name ?? monitor[0], legit };
  const preview = LINK_PREVIEW.exec(agent);
  if (preview) return { role: 'link_preview', name: legit?.name === 'meta' ? preview[0] : (legit?.name ?? preview[0]), legit };
  if (!isbot(agent) || !(legit !== null || CRAWLER_WORDS.test(agent))) return null;
  const token = CRAWLER_TOKEN.exec(agent)?.[1] ?? legit?.name ?? agent;
  return { role: 'crawler', name: token.slice(0, NAME_CAP), legit };
}

const parsedRanges = new Map<LegitBot, [ipaddr.IPv4 | ipaddr.IPv6, number][]>();

/** Whether `client` lies in the published address ranges of the crawler it claims to be (false without ranges). */
export function inPublishedRanges(bot: LegitBot, client: string): boolean {
  if (bot.ranges.length === 0 || !ipaddr.isValid(client)) return false;
  let ranges = parsedRanges.get(bot);
  if (ranges === undefined) {
    ranges = bot.ranges.flatMap((cidr) => {
      try {
        return [ipaddr.parseCIDR(cidr)];
      } catch {
        return [];
      }
    });
    parsedRanges.set(bot, ranges);
  }
  let address = ipaddr.parse(client);
  if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()) address = (address as ipaddr.IPv6).toIPv4Address();
  return ranges.some(([range, bits]) => range.kind() === address.kind() && address.match(range, bits));
}

/** Health-check routes by name (`GET /healthz`, `HEAD /status`…): what load balancers and orchestrators poll. */
const HEALTH_ROUTE = /^(?:GET|HEAD) \/(?:[a-z0-9_-]+\/)?(?:health|healthz|healthcheck|health-check|_health|status|ping|ready|readyz|readiness|live|livez|liveness|alive|heartbeat|server-status|lbcheck|elb-status|hc|up)(?:\.(?:html?|txt|json|php))?\/?$/i;

export function isHealthRoute(endpoint: string): boolean {
  return HEALTH_ROUTE.test(endpoint);
}
