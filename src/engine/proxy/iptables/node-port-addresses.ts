// kube-proxy's --nodeport-addresses (pkg/proxy/util/nodeport_addresses.go, and the "primary"
// keyword from cmd/kube-proxy/app/server.go): the CIDRs of one family, all addresses when
// none is given, and which of the node's addresses they select.

import { cidrContains, formatIP, parseCIDR, parseIP, type IP, type IPFamily, type ParsedCIDR } from '../../net/ip';

export interface NodePortAddresses {
  readonly cidrs: readonly ParsedCIDR[];
  /** No CIDR of this family was given: NodePorts answer on every local address. */
  readonly matchAll: boolean;
  readonly containsIPv4Loopback: boolean;
}

const ZERO_CIDRS = ['0.0.0.0/0', '::/0'];
const LOOPBACK_START = parseIP('127.0.0.0')!;

/** Expands ["primary"] to the node's primary IPs as /32 and /128. */
export function expandPrimary(addresses: readonly string[], nodeIPs: readonly (IP | undefined)[]): string[] {
  if (addresses.length !== 1 || addresses[0] !== 'primary') return [...addresses];
  return nodeIPs.flatMap((ip) => (ip && !isLoopback(ip) ? [`${ip}/${ip.includes(':') ? 128 : 32}`] : []));
}

/** NewNodePortAddresses. */
export function newNodePortAddresses(family: IPFamily, cidrStrings: readonly string[]): NodePortAddresses {
  let strings = cidrStrings.filter((s) => parseCIDR(s)?.family === family);
  if (strings.length === 0) strings = [family === 4 ? '0.0.0.0/0' : '::/0'];
  const cidrs: ParsedCIDR[] = [];
  let containsIPv4Loopback = false;
  for (const text of strings) {
    const cidr = parseCIDR(text)!;
    const network = formatIP({ family: cidr.family, value: cidr.base });
    if (cidr.family === 4 && (isLoopback(network) || cidrContains(cidr, LOOPBACK_START))) {
      containsIPv4Loopback = true;
    }
    if (ZERO_CIDRS.includes(text)) return { cidrs: [cidr], matchAll: true, containsIPv4Loopback };
    cidrs.push(cidr);
  }
  return { cidrs, matchAll: false, containsIPv4Loopback };
}

export function isLoopback(ip: string): boolean {
  const parsed = parseIP(ip);
  if (!parsed) return false;
  return parsed.family === 4 ? parsed.value >> 24n === 127n : parsed.value === 1n;
}

/** GetNodeIPs: the node addresses inside the CIDRs, sorted (kube-proxy de-dups through a map). */
export function nodePortIPs(npa: NodePortAddresses, interfaceAddresses: readonly IP[]): IP[] {
  const selected = new Set<IP>();
  for (const text of interfaceAddresses) {
    const ip = parseIP(text);
    if (ip && npa.cidrs.some((cidr) => cidrContains(cidr, ip))) selected.add(formatIP(ip));
  }
  return [...selected].sort((a, b) => {
    const x = parseIP(a)!, y = parseIP(b)!;
    return x.value < y.value ? -1 : x.value > y.value ? 1 : 0;
  });
}
