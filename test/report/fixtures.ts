// Reports for the renderer tests: realistic incidents of the kinds detection
// emits, with attacker-written strings in every field a log can reach.
import type { Incident, Report } from '../../src/types.js';
import type { ReportTimeline } from '../../src/report/timeline-types.js';

export const CLEAR_SCREEN = '\x1b[2J';
export const OSC_TITLE = '\x1b]0;pwned\x07';
export const FORMULA = "=cmd|' /C calc'!A0";
export const SCRIPT_TAG = '<script>alert(1)</script>';
export const LONG_USER_AGENT = `Mozilla/5.0 (X11; Linux x86_64) ${'A'.repeat(10_240)}`;
export const LONE_SURROGATE = 'bad\uD800half';

function credentialAttack(): Incident {
  return {
    id: 'inc-7c1e2a9d04b3',
    rank: 1,
    score: 97.4,
    confidence: 0.93,
    severity: 'critical',
    kind: 'credential_attack',
    start: '2024-03-01T03:10:00.000Z',
    end: '2024-03-01T03:25:00.000Z',
    endpoint: 'POST /api/v1/login',
    endpoints: ['POST /api/v1/login'],
    clients: ['203.0.113.9', '198.51.100.23', '2001:db8::7', '192.0.2.44'],
    consumers: ['@SUM(1+1)*cmd|" /C calc"!A0'],
    userAgents: ['python-requests/2.31.0', LONG_USER_AGENT],
    requests: 1240,
    summary: `Brute force on POST /api/v1/login from 203.0.113.9 and 3 more clients: 98% of 1,240 logins failed.${CLEAR_SCREEN}`,
    evidence: [
      {
        feature: 'auth_failure_ratio',
        observed: 0.98,
        baseline: 0.06,
        unit: 'ratio',
        text: '401 ratio 98% vs 6% normally',
        contribution: 0.61,
        // series/band are optional extras the HTML report draws
        ...{
          series: [
            { t: '2024-03-01T02:55:00.000Z', value: 0.05 },
            { t: '2024-03-01T03:00:00.000Z', value: 0.07 },
            { t: '2024-03-01T03:05:00.000Z', value: 0.06 },
            { t: '2024-03-01T03:10:00.000Z', value: 0.91 },
            { t: '2024-03-01T03:15:00.000Z', value: 0.98 },
            { t: '2024-03-01T03:20:00.000Z', value: 0.99 },
            { t: '2024-03-01T03:25:00.000Z', value: 0.08 },
          ],
          band: { low: 0.02, high: 0.11 },
        },
      },
      {
        feature: 'requests',
        observed: 1240,
        baseline: 35,
        unit: 'requests/5m',
        text: `requests 1,240 vs 35 normally from ${OSC_TITLE}203.0.113.9`,
        contribution: 0.3,
      },
    ],
    samples: [
      { file: 'access.log', line: 48213, text: `POST /api/v1/login user=${FORMULA}` },
      { file: 'access.log', line: 48219 },
    ],
  };
}

function scanner(): Incident {
  return {
    id: 'inc-19ab77f0c2de',
    rank: 2,
    score: 81,
    confidence: 0.77,
    severity: 'high',
    kind: 'scanner',
    start: '2024-03-01T11:40:00.000Z',
    end: '2024-03-01T12:05:00.000Z',
    endpoint: `GET /static/${SCRIPT_TAG}`,
    endpoints: [`GET /static/${SCRIPT_TAG}`, 'GET /.env', 'GET /wp-login.php', "GET /a|b`c`\r\nInjected: yes"],
    clients: ['+1', '-2+3'],
    consumers: [],
    userAgents: [`Nikto${CLEAR_SCREEN}`],
    requests: 3711,
    summary: `Scanner walked 912 unknown paths, 97% answered 404. ${LONE_SURROGATE} first: /static/${SCRIPT_TAG}`,
    evidence: [
      {
        feature: 'distinct_unknown_paths',
        observed: 912,
        baseline: 3,
        unit: 'paths',
        text: `912 distinct unknown paths vs 3 normally; e.g. /static/${SCRIPT_TAG}`,
        contribution: 0.7,
      },
      {
        feature: 'status_404_share',
        observed: 0.97,
        baseline: 0.01,
        unit: 'ratio',
        text: '',
        contribution: 0.2,
      },
    ],
    samples: [
      { file: `logs/${SCRIPT_TAG}.log`, line: 7, text: `GET /static/${SCRIPT_TAG} HTTP/1.1` },
      { file: 'access.log\nfake.log', line: 12 },
    ],
  };
}

function latencyRegression(): Incident {
  return {
    id: 'inc-5d03c8e1aa42',
    rank: 3,
    score: 58.2,
    confidence: 0.61,
    severity: 'medium',
    kind: 'latency_regression',
    start: '2024-03-01T18:00:00.000Z',
    end: '2024-03-01T18:45:00.000Z',
    endpoint: 'GET /api/v1/orders/{id}',
    endpoints: ['GET /api/v1/orders/{id}'],
    clients: [],
    consumers: ['mobile-app'],
    userAgents: [],
    requests: 5120,
    summary: 'p95 latency of GET /api/v1/orders/{id} rose to 2.4 s against 180 ms normally.',
    evidence: [
      {
        feature: 'latency_p95',
        observed: 2400,
        baseline: 180,
        unit: 'ms',
        text: 'p95 latency 2,400 ms vs 180 ms normally',
        contribution: 0.8,
        ...{ band: { low: 120, high: 260 } },
      },
    ],
    samples: [{ file: 'access.log', line: 90211 }],
  };
}

function newEndpoint(): Incident {
  return {
    id: 'inc-e0f4b6d2c913',
    rank: 4,
    score: 31,
    confidence: 0.4,
    severity: 'low',
    kind: 'new_endpoint',
    start: '2024-03-01T22:55:00.000Z',
    end: '2024-03-02T00:10:00.000Z',
    endpoint: null,
    endpoints: [],
    clients: ['10.0.0.12'],
    consumers: [],
    userAgents: [],
    requests: 12,
    summary: 'A route the baseline never saw started answering 200.',
    evidence: [
      { feature: 'route_novelty', observed: 'never seen', baseline: null, unit: '', text: '' },
    ],
    samples: [],
  };
}

function timeline(): ReportTimeline {
  const start = Date.parse('2024-03-01T00:00:00.000Z');
  const bucketMs = 15 * 60_000;
  const points = Array.from({ length: 97 }, (_, i) => {
    const t = start + i * bucketMs;
    const hour = new Date(t).getUTCHours();
    // a daily rhythm with peaks at the incidents above
    const requests = Math.round(400 + 300 * Math.sin(((hour - 6) / 24) * 2 * Math.PI)) + (hour === 3 ? 1200 : 0);
    const score = hour === 3 ? 97 : hour === 11 ? 81 : hour === 18 ? 58 : 12 + (i % 5);
    return { t: new Date(t).toISOString(), requests, score };
  });
  return { bucketMs, points };
}

/** A report with four incidents (one per severity), hostile strings, a suppression and a timeline. */
export function hostileReport(): Report {
  const incidents = [credentialAttack(), scanner(), latencyRegression(), newEndpoint()];
  const suppressedIncident: Incident = {
    ...latencyRegression(),
    id: 'inc-0b9d1c3f7e55',
    rank: 5,
    summary: `Health check${OSC_TITLE} flapped`,
    endpoint: 'GET /healthz',
    endpoints: ['GET /healthz'],
  };
  const report: Report & { timeline: ReportTimeline } = {
    schemaVersion: 1,
    tool: { name: 'anomalog', version: '0.1.0' },
    input: {
      files: ['access.log', `logs/${SCRIPT_TAG}.log`],
      formats: { 'access.log': 'nginx-combined', [`logs/${SCRIPT_TAG}.log`]: 'aws-alb' },
      lines: 120_000,
      records: 119_880,
      filtered: 0,
      skipped: 120,
      headerLines: 0,
      skippedByReason: { 'bad-request-line': 100, [`bad-time${CLEAR_SCREEN}`]: 20 },
      timeRange: { start: '2024-03-01T00:00:00.000Z', end: '2024-03-02T00:15:00.000Z' },
      gaps: [{ start: '2024-03-01T06:00:00.000Z', end: '2024-03-01T06:30:00.000Z' }],
    },
    model: { seed: 42, trees: 100, sampleSize: 256, window: '5m', mode: 'analyze' },
    incidents,
    suppressed: [
      { incident: suppressedIncident, rule: 1, reason: `known flapping health check ${FORMULA}` },
      { incident: { ...suppressedIncident, id: 'inc-aa00aa00aa00', rank: 6 }, rule: 1, reason: 'known flapping health check' },
      { incident: { ...newEndpoint(), id: 'inc-bb11bb11bb11', rank: 7 }, rule: 3, reason: 'deploy window' },
    ],
    timeline: timeline(),
  };
  return report;
}

/** A clean run: records read, nothing anomalous. */
export function emptyReport(): Report {
  const report = hostileReport();
  return { ...report, incidents: [], suppressed: [] };
}
