import { WindowCounter } from '../bounded.js';
import { defineAuditRule } from '../define.js';
import { auditEvent, sourceIp, statusCode } from '../event.js';

export default defineAuditRule<WindowCounter<string>>({
  id: 'auth-failure-burst',
  title: 'A burst of failed authentications or denied requests from one source',
  severity: 'medium',
  mitre: ['T1110', 'T1613'],
  description:
    'One source address got `authFailureThreshold` (default 10) or more 401 (unauthenticated) or 403 (forbidden) ' +
    'answers within `authFailureWindowSeconds` (default 60): token guessing, or a stolen credential probing what ' +
    'it may do. Raised once per source and window, on the request that reaches the threshold; high when the ' +
    'failures are authentication failures.',
  response: 'Find the client behind the address (userAgent, user); block it or rotate the credential it uses.',
  init: (o) => new WindowCounter(o.stateCapacity, o.authFailureWindowSeconds * 1000),
  run: ({ event, options, time }, counter) => {
    const code = statusCode(event);
    if (code !== 401 && code !== 403) return undefined;
    const ip = sourceIp(event) ?? '(unknown)';
    const { count, first } = counter.reach(`${ip}\u0000${code}`, time, options.authFailureThreshold);
    if (!first) return undefined;
    const what = code === 401 ? 'failed authentications' : 'denied requests';
    return { message: `${count} ${what} (HTTP ${code}) from ${ip} within ${options.authFailureWindowSeconds} s${event.user?.username ? ` (last as ${event.user.username})` : ''}`, ...(code === 401 ? { severity: 'high' as const } : {}) };
  },
  examples: {
    fail: [
      { options: { authFailureThreshold: 3 }, severity: 'high', events: [1, 2, 3, 4].map((s) => auditEvent({ verb: 'list', requestURI: '/api/v1/secrets',
        stage: 'ResponseStarted', user: {}, sourceIPs: ['203.0.113.9'], responseStatus: { code: 401, message: 'Authentication failed, attempted: bearer' },
        requestReceivedTimestamp: `2026-01-05T10:00:0${s}.000000Z` })) },
    ],
    pass: [
      { options: { authFailureThreshold: 3, authFailureWindowSeconds: 60 }, events: ['10:00:00', '10:01:10', '10:02:20'].map((t) => auditEvent({ verb: 'get', requestURI: '/api/v1/nodes',
        responseStatus: { code: 403 }, requestReceivedTimestamp: `2026-01-05T${t}.000000Z` })) },
    ],
  },
});
