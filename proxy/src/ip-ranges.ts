import { BlockList, isIP } from 'node:net';

/** One allow-list entry: an address or a CIDR range. */
export interface IpRange {
  family: 'ipv4' | 'ipv6';
  address: string;
  prefix: number;
}

/**
 * Parses `"192.0.2.10"`, `"192.0.2.0/24"`, `"2001:db8::1"` or `"2001:db8::/32"`.
 *
 * @returns the range, or null when the text is not an IP address or CIDR range.
 */
export function parseIpRange(text: string): IpRange | null {
  const [address, prefixText, ...rest] = text.trim().split('/');
  if (rest.length > 0) return null;
  const version = isIP(address);
  if (version === 0) return null;
  const max = version === 4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (prefix > max) return null;
  return { family: version === 4 ? 'ipv4' : 'ipv6', address, prefix };
}

/**
 * Builds a check "is this client address in the list?" over node's `net.BlockList`.
 * An IPv4-mapped IPv6 client address (`::ffff:192.0.2.10`, as a dual-stack socket reports IPv4
 * clients) is checked as the IPv4 address it carries.
 *
 * @param entries already validated entries (see `parseIpRange`); invalid ones are ignored.
 */
export function createIpAllowList(entries: string[]): (clientIp: string) => boolean {
  const list = new BlockList();
  for (const e of entries) {
    const r = parseIpRange(e);
    if (r) list.addSubnet(r.address, r.prefix, r.family);
  }
  return (clientIp) => {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(clientIp)?.[1];
    const ip = mapped ?? clientIp;
    const version = isIP(ip);
    if (version === 0) return false;
    return list.check(ip, version === 4 ? 'ipv4' : 'ipv6');
  };
}
