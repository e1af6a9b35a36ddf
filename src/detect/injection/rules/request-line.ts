// What the request line itself says, before any field is read: a method or a protocol no
// visitor of a web site or API sends. Both are a tool's signature whatever the target.
//
// `open-proxy-connect`: `CONNECT host:port` asks the server to relay a connection to another
//   host (an open-proxy check, often to a mail port: `CONNECT foo.com:25`). A site or API
//   gateway is no forward proxy; CrowdSec hub scenario crowdsecurity/http-open-proxy alerts on
//   it answered 400/405, here it counts whatever the answer (a 2xx means the relay worked).
// `invalid-http-version`: a protocol naming an HTTP version that does not exist (`HTTP/1.2`,
//   `HTTP/2.1`): DoS tools (mhddos) vary it; no browser, library or bot does. CrowdSec hub
//   scenario crowdsecurity/http-dos-invalid-http-versions (versions other than 0.9, 1.0, 1.1,
//   2.0, 3.0; the parser sets `invalidProtocol` for those, see request-line.ts).
// Rule id: `protocol-<name>`.

import type { RuleSource } from './sources.js';

export interface RequestLineRule {
  name: 'open-proxy-connect' | 'invalid-http-version';
  /** How evidence names it, inside a sentence. */
  label: string;
  source: RuleSource;
}

export const REQUEST_LINE_RULES: readonly RequestLineRule[] = [
  { name: 'open-proxy-connect', label: 'open-proxy probe (CONNECT)', source: 'anomalog' },
  { name: 'invalid-http-version', label: 'invalid HTTP version', source: 'anomalog' },
];
