/**
 * Paths that browsers, crawlers and feed readers ask for on their own, on every site, whether
 * or not the site has them. A 404 on one of them says the site lacks the file, not that
 * anyone probed for it, so they never make a campaign however many addresses ask.
 *
 * Sources: robots.txt (RFC 9309), /.well-known/ (RFC 8615, security.txt RFC 9116), sitemaps
 * (sitemaps.org protocol), favicon and touch icons (browser conventions: HTML Living Standard
 * "rel=icon" default, Apple's Safari Web Content Guide), browserconfig.xml (IE 11 / Edge
 * pinned sites), crossdomain.xml and clientaccesspolicy.xml (Flash and Silverlight policy
 * files), ads.txt and app-ads.txt (IAB Tech Lab), humans.txt (humanstxt.org), web app manifests.
 */
const EXACT = new Set([
  '/robots.txt',
  '/favicon.ico',
  '/favicon.png',
  '/sitemap.xml',
  '/sitemap_index.xml',
  '/browserconfig.xml',
  '/crossdomain.xml',
  '/clientaccesspolicy.xml',
  '/ads.txt',
  '/app-ads.txt',
  '/humans.txt',
  '/security.txt',
  '/manifest.json',
  '/site.webmanifest',
]);

/** Touch icons come in many sizes: `/apple-touch-icon-120x120-precomposed.png`. */
const TOUCH_ICON = /^\/apple-touch-icon[\w-]*\.png$/i;

export function isAutomaticFetch(path: string): boolean {
  const lower = path.toLowerCase();
  return EXACT.has(lower) || lower.startsWith('/.well-known/') || TOUCH_ICON.test(lower);
}
