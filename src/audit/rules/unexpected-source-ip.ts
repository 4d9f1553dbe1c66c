import { BlockList, isIP } from 'node:net';
import { defineAuditRule } from '../define.js';
import { auditEvent, sourceIp, userName } from '../event.js';

/** The allow-list as a BlockList (node's CIDR matcher), built once per engine; undefined when empty. */
function allowList(cidrs: readonly string[]): BlockList | undefined {
  if (!cidrs.length) return undefined;
  const list = new BlockList();
  for (const c of cidrs) {
    const [addr, bits] = c.split('/');
    const family = isIP(addr ?? '');
    if (!family) throw new Error(`audit.allowedSourceCidrs: "${c}" is not an IP address or CIDR`);
    const type = family === 6 ? 'ipv6' : 'ipv4';
    const prefix = bits === undefined ? (family === 6 ? 128 : 32) : Number(bits);
    if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 6 ? 128 : 32)) throw new Error(`audit.allowedSourceCidrs: "${c}" has a bad prefix length`);
    list.addSubnet(addr!, prefix, type);
  }
  return list;
}

export default defineAuditRule<BlockList | undefined>({
  id: 'unexpected-source-ip',
  title: 'A request came from an unexpected source address',
  severity: 'medium',
  mitre: ['T1078', 'T1133'],
  description:
    'A request reached the API server from an address outside the `allowedSourceCidrs` setting (the networks of ' +
    'nodes, CI runners and admin VPNs). A credential used from elsewhere is likely stolen. Off until ' +
    'allowedSourceCidrs is set; health and version probes are ignored.',
  response: 'Find whose credential it was (user) and revoke it if the address is not known; restrict the API ' +
    'server\'s network exposure.',
  init: (o) => allowList(o.allowedSourceCidrs),
  run: ({ event }, allowed) => {
    if (!allowed || /^\/(healthz|livez|readyz|version)/.test(event.requestURI ?? '')) return undefined;
    const ip = sourceIp(event);
    if (!ip) return undefined;
    const family = isIP(ip);
    if (!family || allowed.check(ip, family === 6 ? 'ipv6' : 'ipv4')) return undefined;
    return { message: `${userName(event) || '(no user)'} sent ${event.verb ?? '?'} ${event.requestURI ?? ''} from ${ip}, outside the allowed source networks` };
  },
  examples: {
    fail: [
      { options: { allowedSourceCidrs: ['10.0.0.0/8', 'fd00::/8'] }, events: [auditEvent({ verb: 'get', requestURI: '/api/v1/namespaces/prod/pods', sourceIPs: ['198.51.100.7'] })] },
    ],
    pass: [
      { options: { allowedSourceCidrs: ['10.0.0.0/8'] }, events: [auditEvent({ verb: 'get', requestURI: '/api/v1/namespaces/prod/pods', sourceIPs: ['10.1.2.3'] })] },
      auditEvent({ verb: 'get', requestURI: '/api/v1/namespaces/prod/pods', sourceIPs: ['198.51.100.7'] }),
    ],
  },
});
