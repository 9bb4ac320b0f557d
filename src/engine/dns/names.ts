// Domain-name helpers in the manner of miekg/dns and CoreDNS's plugin/pkg/dnsutil: absolute
// names, case-insensitive comparison that keeps the asker's case, label splitting, and the
// address a reverse (in-addr.arpa / ip6.arpa) name stands for.

import { canonicalIP, type IP } from '../net/ip';

/** dns.Fqdn: the name with its trailing dot. */
export const fqdn = (name: string): string => (name.endsWith('.') ? name : `${name}.`);

/** dns.SplitDomainName: the labels of an absolute or relative name (none for the root). */
export const labels = (name: string): string[] => name.replace(/\.$/, '').split('.').filter((l) => l !== '');

/** dns.IsSubDomain(parent, child), case-insensitive; a name is a subdomain of itself. */
export function isSubDomain(parent: string, child: string): boolean {
  const p = fqdn(parent).toLowerCase();
  const c = fqdn(child).toLowerCase();
  return p === '.' || c === p || c.endsWith(`.${p}`);
}

/** plugin.Zones.Matches: the longest zone `name` falls in, or undefined. */
export function matchZone(zones: readonly string[], name: string): string | undefined {
  return zones.filter((z) => isSubDomain(z, name)).sort((a, b) => b.length - a.length)[0];
}

/** dnsutil.TrimZone: the part of `name` before `zone` (both absolute), without the dot. */
export const trimZone = (name: string, zone: string): string => name.slice(0, name.length - zone.length).replace(/\.$/, '');

/** dnsutil.IsReverse: 1 for in-addr.arpa., 2 for ip6.arpa., 0 otherwise. */
export function isReverse(name: string): 0 | 1 | 2 {
  const n = name.toLowerCase();
  if (n.endsWith('in-addr.arpa.')) return 1;
  if (n.endsWith('ip6.arpa.')) return 2;
  return 0;
}

/** dnsutil.ExtractAddressFromReverse: the address a full reverse name stands for. */
export function addressFromReverse(name: string): IP | undefined {
  const kind = isReverse(name);
  const parts = labels(name.toLowerCase());
  if (kind === 1 && parts.length === 6) {
    const octets = parts.slice(0, 4).reverse();
    return octets.every((o) => /^(0|[1-9][0-9]{0,2})$/.test(o)) ? canonicalIP(octets.join('.')) : undefined;
  }
  if (kind === 2 && parts.length === 34) {
    const nibbles = parts.slice(0, 32).reverse();
    if (!nibbles.every((n) => /^[0-9a-f]$/.test(n))) return undefined;
    const groups = Array.from({ length: 8 }, (_, i) => nibbles.slice(i * 4, i * 4 + 4).join(''));
    return canonicalIP(groups.join(':'));
  }
  return undefined;
}

/** The reverse name of an address: what a PTR query for it asks. */
export function reverseName(ip: IP): string {
  if (!ip.includes(':')) return `${ip.split('.').reverse().join('.')}.in-addr.arpa.`;
  const [head = '', tail = ''] = ip.split('::');
  const groups = (s: string): string[] => (s === '' ? [] : s.split(':'));
  const h = groups(head);
  const t = groups(tail);
  const full = ip.includes('::') ? [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t] : h;
  const hex = full.map((g) => g.padStart(4, '0')).join('');
  return `${[...hex].reverse().join('.')}.ip6.arpa.`;
}
