/**
 * The network an address belongs to, for "used from N networks": IPv4 /24, IPv6 /48.
 * Host names (no address) are their own network.
 */
export function networkOf(client: string): string {
  const mapped = /^::ffff:(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})$/i.exec(client);
  if (mapped) return networkOf(mapped[1]!);
  if (client.includes(':')) {
    const groups = expandIpv6Head(client);
    return groups === null ? client : `${groups}::/48`;
  }
  const lastDot = client.lastIndexOf('.');
  if (lastDot > 0 && /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(client)) return `${client.slice(0, lastDot)}.0/24`;
  return client;
}

/** First three groups of an IPv6 address, expanding `::` where it falls inside them. */
function expandIpv6Head(address: string): string | null {
  const [head = '', tail] = address.toLowerCase().split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - headGroups.length - tailGroups.length;
  if (tail === undefined && headGroups.length !== 8) return null;
  const groups = tail === undefined ? headGroups : [...headGroups, ...Array<string>(Math.max(0, missing)).fill('0'), ...tailGroups];
  if (groups.length < 3) return null;
  return groups.slice(0, 3).map((g) => g.replace(/^0+(?=.)/, '')).join(':');
}
