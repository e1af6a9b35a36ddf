import ipaddr from 'ipaddr.js';

/** An address (a one-address range) or a CIDR block from a rule's `client`. */
export interface ClientRange {
  address: ipaddr.IPv4 | ipaddr.IPv6;
  prefix: number;
}

/**
 * Strict parse of an address: IPv4 only in four-part decimal. ipaddr.js also
 * reads `10.1`, `0x0a000001` and `167772161` as 10.0.0.1; a client field is
 * attacker-controlled (X-Forwarded-For), so such spellings must not be able to
 * slip under a rule written for a real network.
 */
function parseAddress(text: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text);
  if (text.includes(':') && ipaddr.IPv6.isValid(text)) return ipaddr.IPv6.parse(text);
  return null;
}

// `::ffff:198.51.100.7` is the IPv4 client 198.51.100.7 seen through a dual-stack
// socket: rules and clients are both brought to IPv4 so either spelling matches.
function unmapAddress(address: ipaddr.IPv4 | ipaddr.IPv6): ipaddr.IPv4 | ipaddr.IPv6 {
  return address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()
    ? (address as ipaddr.IPv6).toIPv4Address()
    : address;
}

/** `203.0.113.7`, `203.0.113.0/24`, `2001:db8::/32` or `::ffff:203.0.113.0/120`; null when it is none of these. */
export function parseClientRange(text: string): ClientRange | null {
  const slash = text.indexOf('/');
  const addressText = slash === -1 ? text : text.slice(0, slash);
  const prefixText = slash === -1 ? null : text.slice(slash + 1);
  const parsed = parseAddress(addressText);
  if (!parsed) return null;
  const maxPrefix = parsed.kind() === 'ipv4' ? 32 : 128;
  let prefix = maxPrefix;
  if (prefixText !== null) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(prefixText)) return null;
    prefix = Number(prefixText);
    if (prefix > maxPrefix) return null;
  }
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress() && prefix >= 96) {
    return { address: (parsed as ipaddr.IPv6).toIPv4Address(), prefix: prefix - 96 };
  }
  return { address: parsed, prefix };
}

/** True when the client string is an address inside the range. Host names and junk are never inside. */
export function clientInRange(client: string, range: ClientRange): boolean {
  const parsed = parseAddress(client);
  if (!parsed) return false;
  const address = unmapAddress(parsed);
  if (address.kind() !== range.address.kind()) return false;
  // Same kind checked above; ipaddr's match() wants the pair typed alike.
  return (address as ipaddr.IPv4).match(range.address as ipaddr.IPv4, range.prefix);
}

export const CLIENT_HINT = 'e.g. 203.0.113.7, 203.0.113.0/24, 2001:db8::/32';
