/** Whether `s[start, end)` is an IPv6 address (hex groups, at most one `::`, optional dotted IPv4 tail). */
export function isIPv6(s: string, start = 0, end = s.length): boolean {
  if (end - start < 2) return false;
  let groups = 0;
  let doubleColon = false;
  let i = start;
  if (s.charCodeAt(i) === 58) {
    if (s.charCodeAt(i + 1) !== 58) return false;
    doubleColon = true;
    i += 2;
    if (i === end) return true;
  }
  while (i < end) {
    let j = i;
    let sawDot = false;
    while (j < end && s.charCodeAt(j) !== 58) {
      const c = s.charCodeAt(j);
      if (c === 46) sawDot = true;
      else if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102))) return false;
      j++;
    }
    if (sawDot) {
      // An embedded IPv4 (`::ffff:1.2.3.4`) must be the last part and counts as two groups.
      if (j !== end || !isIPv4(s, i, j)) return false;
      groups += 2;
      break;
    }
    const length = j - i;
    if (length < 1 || length > 4) return false;
    groups++;
    if (j === end) break;
    // s[j] is ':'
    if (s.charCodeAt(j + 1) === 58) {
      if (doubleColon) return false;
      doubleColon = true;
      i = j + 2;
      if (i === end) break;
    } else {
      i = j + 1;
      if (i === end) return false;
    }
  }
  return doubleColon ? groups <= 7 : groups === 8;
}

/** Whether `s[start, end)` is a dotted-quad IPv4 address. */
export function isIPv4(s: string, start = 0, end = s.length): boolean {
  let parts = 0;
  let value = 0;
  let digits = 0;
  for (let i = start; i <= end; i++) {
    const c = i < end ? s.charCodeAt(i) : 46;
    if (c === 46) {
      if (digits === 0 || value > 255) return false;
      parts++;
      value = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57 && digits < 3) {
      value = value * 10 + (c - 48);
      digits++;
    } else {
      return false;
    }
  }
  return parts === 4;
}

function isAllDigits(s: string, start: number, end: number): boolean {
  if (end <= start) return false;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

export interface CleanAddressOptions {
  /**
   * The field is documented as `address:port` (ALB, ELB, HAProxy): the part after
   * the last colon is a port even when the rest would be a valid IPv6 on its own.
   */
  withPort?: boolean;
}

/**
 * Reduces a logged client address to an IP (or the host name the log has):
 * strips a port (`1.2.3.4:80`, `[::1]:63251`, unbracketed IPv6 `addr:port` split
 * at the last colon when the rest is a valid IPv6), brackets, quotes and an IPv6
 * zone (`::1%0`). An X-Forwarded-For list `a, b, c` gives its left-most entry
 * (the claimed client). `-` or empty → null.
 */
export function cleanClientAddress(s: string, options: CleanAddressOptions = {}): string | null {
  let start = 0;
  let end = s.length;
  const comma = s.indexOf(',');
  if (comma >= 0) end = comma;
  while (start < end && (s.charCodeAt(start) === 32 || s.charCodeAt(start) === 34 || s.charCodeAt(start) === 9)) start++;
  while (end > start && (s.charCodeAt(end - 1) === 32 || s.charCodeAt(end - 1) === 34 || s.charCodeAt(end - 1) === 9)) end--;
  if (end === start || (end - start === 1 && s.charCodeAt(start) === 45)) return null;
  if (s.charCodeAt(start) === 91 /* [ */) {
    const close = s.indexOf(']', start);
    if (close > start && close < end) return stripZone(s.slice(start + 1, close));
  }
  const lastColon = s.lastIndexOf(':', end - 1);
  if (lastColon > start) {
    const firstColon = s.indexOf(':', start);
    const portIsDigits = isAllDigits(s, lastColon + 1, end);
    if (firstColon === lastColon) {
      // One colon: host:port (IPv4 or a name). A lone IPv6 always has two or more.
      if (portIsDigits) return s.slice(start, lastColon);
    } else if (portIsDigits && s.indexOf('%', start) < 0) {
      const wholeIsIPv6 = isIPv6(s, start, end);
      if ((options.withPort || !wholeIsIPv6) && isIPv6(s, start, lastColon)) return s.slice(start, lastColon);
    }
  }
  return stripZone(s.slice(start, end));
}

/** `fe80::1%eth0` / `::1%0` → the address without its zone index. */
function stripZone(address: string): string {
  const percent = address.indexOf('%');
  if (percent > 0 && address.indexOf(':') >= 0) return address.slice(0, percent);
  return address;
}
