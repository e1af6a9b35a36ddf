// Who sends the traffic: browsers and mobile apps on residential and mobile networks
// (some behind NAT), crawlers and bots from their real-looking ranges, and API partners
// holding keys, each used from 1–3 home /24 networks with its own agent, routes and hours.
import { ENDPOINTS, type EndpointSpec } from './catalog.js';
import type { Consumer } from './request.js';
import { Rng, WeightedPicker, zipfWeights } from './random.js';

export type Schedule = 'day' | 'night' | 'flat';

export interface Actor {
  kind: 'browser' | 'bot' | 'partner';
  ips: string[];
  userAgent: string;
  consumer: Consumer | null;
  routes: WeightedPicker<EndpointSpec>;
  schedule: Schedule;
  /** /24 (or /48) networks the actor normally comes from. */
  networks: string[];
}

/** A set of actors that share a daily rhythm and a share of the traffic. */
export interface ActorGroup {
  name: string;
  share: number;
  schedule: Schedule;
  actors: WeightedPicker<Actor>;
  members: Actor[];
}

export interface Population {
  groups: ActorGroup[];
  browsers: Actor[];
  partners: Actor[];
  healthCheckers: Array<{ ip: string; userAgent: string; periodMs: number }>;
}

const BROWSER_AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Safari/605.1.15',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0',
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_6_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.39 Mobile Safari/537.36',
  'Mozilla/5.0 (Linux; Android 13; SM-A536B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.6723.102 Mobile Safari/537.36',
  'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  'ShopApp/5.12.0 (iPhone; iOS 17.6.1; Scale/3.00)',
  'ShopApp/5.11.2 (Android 14; Pixel 7)',
  'okhttp/4.12.0',
];

const CRAWLERS: ReadonlyArray<{ agent: string; prefix: string }> = [
  { agent: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', prefix: '66.249.66' },
  { agent: 'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm) Chrome/116.0.1938.76 Safari/537.36', prefix: '157.55.39' },
  { agent: 'Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)', prefix: '54.36.148' },
  { agent: 'Mozilla/5.0 (compatible; SemrushBot/7~bl; +http://www.semrush.com/bot.html)', prefix: '185.191.171' },
  { agent: 'Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)', prefix: '5.255.231' },
  { agent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.1.1 Safari/605.1.15 (Applebot/0.1; +http://www.apple.com/go/applebot)', prefix: '17.58.101' },
  { agent: 'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)', prefix: '69.171.249' },
  { agent: 'Mozilla/5.0+(compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)', prefix: '216.144.250' },
  { agent: 'python-requests/2.32.3', prefix: '34.105.62' },
  { agent: 'Mozilla/5.0 (compatible; DotBot/1.2; +https://opensiteexplorer.org/dotbot; help@moz.com)', prefix: '216.244.66' },
];

const PARTNER_NAMES = [
  'acme', 'globex', 'initech', 'umbrella', 'hooli', 'vandelay', 'soylent', 'stark', 'wayne', 'tyrell',
  'wonka', 'cyberdyne', 'oscorp', 'aperture', 'massive', 'nakatomi', 'gringotts', 'monarch', 'pied-piper', 'dunder',
];
const PARTNER_ROLES = ['sync', 'erp', 'mobile', 'pos', 'analytics', 'fulfilment', 'crm', 'storefront'];
const PARTNER_AGENTS = [
  'python-requests/2.31.0', 'okhttp/4.12.0', 'Go-http-client/2.0', 'axios/1.7.7', 'Java/17.0.12',
  'Apache-HttpClient/4.5.14 (Java/11.0.22)', 'node-fetch/1.0 (+https://github.com/bitinn/node-fetch)', 'curl/8.5.0',
];

/** First octets of busy public unicast space (no private, loopback, multicast or documentation ranges). */
const PUBLIC_FIRST_OCTETS = [
  2, 5, 24, 31, 37, 46, 47, 62, 68, 71, 73, 76, 77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 92, 93,
  94, 95, 98, 99, 100, 101, 103, 104, 107, 108, 109, 112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 123,
  124, 125, 136, 141, 144, 151, 152, 162, 171, 173, 174, 175, 176, 177, 178, 179, 180, 181, 182, 183, 186, 187,
  188, 189, 190, 191, 193, 194, 195, 197, 200, 201, 202, 203, 210, 211, 212, 213, 217, 218, 219, 220, 221, 222,
];
/** Cloud / hosting first octets, where attack tooling and new-key abuse usually comes from. */
export const HOSTING_FIRST_OCTETS = [3, 13, 18, 23, 34, 35, 45, 51, 52, 54, 64, 104, 138, 139, 143, 146, 147, 159, 161, 165, 167, 178, 185, 188, 193, 194, 195];

export function randomNetwork(rng: Rng, firstOctets: readonly number[] = PUBLIC_FIRST_OCTETS): string {
  return `${rng.pick(firstOctets)}.${rng.int(0, 255)}.${rng.int(0, 255)}`;
}

export function randomIpv6Network(rng: Rng): string {
  const head = rng.pick(['2a02', '2a01', '2600', '2601', '2001', '2804', '2409', '2a00']);
  return `${head}:${rng.hex(4).replace(/^0+/, '') || '0'}:${rng.hex(4).replace(/^0+/, '') || '0'}`;
}

export function hostIn(network: string, rng: Rng): string {
  if (network.includes(':')) return `${network}:${rng.hex(4).replace(/^0+/, '') || '1'}::${rng.hex(3).replace(/^0+/, '') || '1'}`;
  return `${network}.${rng.int(1, 254)}`;
}

function routePicker(kind: 'browser' | 'bot' | 'partner', endpoints: readonly EndpointSpec[]): WeightedPicker<EndpointSpec> {
  const usable = endpoints.filter((e) => e.weights[kind] > 0);
  return new WeightedPicker(usable, usable.map((e) => e.weights[kind]));
}

function makePartner(rng: Rng, index: number): Actor {
  const name = `${PARTNER_NAMES[index % PARTNER_NAMES.length]}-${PARTNER_ROLES[Math.floor(index / PARTNER_NAMES.length) % PARTNER_ROLES.length]}`;
  const consumer: Consumer = { keyId: rng.alnum(10), username: name, uuid: rng.uuid(), keyHash: rng.hex(8) };
  const networkCount = rng.pick([1, 1, 2, 2, 3]);
  const networks = Array.from({ length: networkCount }, () => randomNetwork(rng, HOSTING_FIRST_OCTETS.concat(PUBLIC_FIRST_OCTETS)));
  const ips = networks.flatMap((network) => Array.from({ length: rng.int(1, 4) }, () => hostIn(network, rng)));
  // Each partner calls its own handful of routes with its own preferences.
  const candidates = rng.shuffle(ENDPOINTS.filter((e) => e.weights.partner > 0).slice());
  const own = candidates.slice(0, rng.int(3, 8));
  const routes = new WeightedPicker(own, own.map((e) => e.weights.partner * rng.logUniform(0.3, 3)));
  const agentBase = rng.pick(PARTNER_AGENTS);
  const userAgent = rng.chance(0.5) ? `${name}/${rng.int(1, 4)}.${rng.int(0, 12)}.${rng.int(0, 9)} ${agentBase}` : agentBase;
  const schedule: Schedule = rng.pick(['day', 'day', 'day', 'night', 'flat']);
  return { kind: 'partner', ips, userAgent, consumer, routes, schedule, networks };
}

export function buildPopulation(seed: number, meanRatePerSecond: number): Population {
  const rng = Rng.derive(seed, 'population');
  const browserCount = Math.round(Math.min(30000, Math.max(600, meanRatePerSecond * 1200)));
  const natPool = Array.from({ length: Math.max(8, Math.round(browserCount / 150)) }, () => hostIn(randomNetwork(rng), rng));
  const browserRoutes = routePicker('browser', ENDPOINTS);
  const botRoutes = routePicker('bot', ENDPOINTS);

  const browsers: Actor[] = [];
  for (let i = 0; i < browserCount; i++) {
    const v6 = rng.chance(0.07);
    const network = v6 ? randomIpv6Network(rng) : randomNetwork(rng);
    // Offices and carrier-grade NAT: many people behind one address.
    const ip = !v6 && rng.chance(0.05) ? rng.pick(natPool) : hostIn(network, rng);
    const ipNetwork = ip.includes(':') ? network : ip.slice(0, ip.lastIndexOf('.'));
    browsers.push({ kind: 'browser', ips: [ip], userAgent: rng.pick(BROWSER_AGENTS), consumer: null, routes: browserRoutes, schedule: 'day', networks: [ipNetwork] });
  }
  rng.shuffle(browsers);

  const bots: Actor[] = CRAWLERS.flatMap((crawler) =>
    Array.from({ length: rng.int(1, 4) }, () => {
      const ip = `${crawler.prefix}.${rng.int(1, 254)}`;
      return { kind: 'bot' as const, ips: [ip], userAgent: crawler.agent, consumer: null, routes: botRoutes, schedule: 'flat' as const, networks: [crawler.prefix] };
    }),
  );
  rng.shuffle(bots);

  const partnerCount = Math.round(Math.min(160, Math.max(24, meanRatePerSecond * 10)));
  const partners = Array.from({ length: partnerCount }, (_, index) => makePartner(rng, index));

  const groups: ActorGroup[] = [];
  const addGroup = (name: string, share: number, schedule: Schedule, members: Actor[], exponent: number): void => {
    if (members.length === 0 || share <= 0) return;
    const weights = zipfWeights(members.length, exponent);
    groups.push({ name, share, schedule, members, actors: new WeightedPicker(members, weights) });
  };
  addGroup('browsers', 0.66, 'day', browsers, 0.85);
  addGroup('bots', 0.1, 'flat', bots, 0.9);
  const partnerShare = 0.24;
  for (const schedule of ['day', 'night', 'flat'] as const) {
    const members = partners.filter((p) => p.schedule === schedule);
    addGroup(`partners-${schedule}`, (partnerShare * members.length) / partners.length, schedule, members, 1.0);
  }

  // Small sites (and small fixtures) are not dominated by probes: slow them down below 2 req/s.
  const probeStretch = Math.max(1, 2 / meanRatePerSecond);
  const healthCheckers = [
    { ip: `10.0.${rng.int(0, 3)}.${rng.int(2, 250)}`, userAgent: 'ELB-HealthChecker/2.0', periodMs: Math.round(10000 * probeStretch) },
    { ip: `10.0.${rng.int(4, 7)}.${rng.int(2, 250)}`, userAgent: 'kube-probe/1.30', periodMs: Math.round(15000 * probeStretch) },
  ];
  return { groups, browsers, partners, healthCheckers };
}
