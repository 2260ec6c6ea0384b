import { BlockList, isIP } from 'node:net';
import type { TrustProxy } from '../config';

/**
 * The one rule for "which address is the client" (login throttling, sessions, the audit trail, the
 * exam-room device log), for HTTP requests and socket.io handshakes alike.
 */
export type ClientIpResolver = (peer: string | undefined, forwardedFor: string | string[] | undefined) => string;

/** `::ffff:10.0.0.5` (IPv4 on a dual-stack socket) → `10.0.0.5`, so one client has one key. */
function plain(address: string): string {
  const a = address.trim();
  return /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(a) ? a.slice(7) : a;
}

function proxyList(addresses: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of addresses) {
    const [address = '', prefix] = entry.split('/');
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(plain(address), type);
    else list.addSubnet(plain(address), Number(prefix), type);
  }
  return list;
}

/**
 * Build the resolver for a `TRUST_PROXY` setting (validated in server/config.ts).
 *
 * - `off`: always the TCP peer; X-Forwarded-For is client-controlled and never read.
 * - otherwise the chain is `[...X-Forwarded-For, peer]` and the answer is its rightmost address that is
 *   not one of our proxies: with `hops: N` the last N entries are proxies, with `addresses` the entries
 *   inside the list are. Entries a client prepended to the header lie left of that and are never used.
 *   A malformed entry stops the walk at the proxy that passed it on.
 *
 * Never throws; a missing peer (`app.request()` in tests) is `'local'`.
 * Example: `clientIpResolver({ kind: 'hops', hops: 1 })('10.0.0.2', '6.6.6.6, 203.0.113.7') === '203.0.113.7'`.
 */
export function clientIpResolver(trust: TrustProxy): ClientIpResolver {
  let isProxy: (address: string, fromRight: number) => boolean;
  switch (trust.kind) {
    case 'off':
      return (peer) => (peer ? plain(peer) : 'local');
    case 'hops':
      isProxy = (_address, fromRight) => fromRight < trust.hops;
      break;
    case 'addresses': {
      const list = proxyList(trust.addresses);
      isProxy = (address) => {
        const family = isIP(address);
        return family !== 0 && list.check(address, family === 6 ? 'ipv6' : 'ipv4');
      };
      break;
    }
    default: {
      const never: never = trust;
      throw new Error(`unknown TRUST_PROXY kind ${JSON.stringify(never)}`);
    }
  }
  return (peer, forwardedFor) => {
    const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? '');
    const chain = [...header.split(',').map(plain).filter(Boolean), peer ? plain(peer) : 'local'];
    let i = chain.length - 1;
    while (i > 0 && isProxy(chain[i]!, chain.length - 1 - i)) {
      if (!isIP(chain[i - 1]!)) break; // garbage in the header: the proxy that forwarded it is all we know
      i--;
    }
    return chain[i]!;
  };
}
