// Interfaces in the text `ip addr` prints (iproute2 ip/ipaddress.c): index, name (`eth0@if4`
// for a veth whose peer is in another namespace), flags, mtu, qdisc, master, state, the
// link/ether line (`link-netnsid 0` for a veth with its peer in another namespace), and one
// inet/inet6 line per address with brd, scope, the label on IPv4 and the lifetime line.

import { familyOf } from './addressing';
import type { Host, InterfaceAddress, Network, NetInterface } from './types';

function header(host: Host, iface: NetInterface): string {
  const crossNs = iface.peer && iface.peer.host !== host.name;
  const name = crossNs ? `${iface.name}@if${iface.peer!.index}` : iface.name;
  if (iface.kind === 'loopback') {
    return `${iface.index}: ${name}: <LOOPBACK,UP,LOWER_UP> mtu ${iface.mtu} qdisc noqueue state UNKNOWN group default qlen 1000`;
  }
  const qdisc = iface.kind === 'ethernet' ? 'fq_codel' : 'noqueue';
  const master = iface.master ? ` master ${iface.master}` : '';
  // A VXLAN device has no carrier of its own (state UNKNOWN); since Linux 4.3 it keeps
  // ether_setup's tx_queue_len (qlen 1000), as a kernel 6.x flannel.1 shows.
  const state = iface.kind === 'vxlan' ? 'UNKNOWN' : 'UP';
  return `${iface.index}: ${name}: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu ${iface.mtu} qdisc ${qdisc}${master} state ${state} group default qlen 1000`;
}

function linkLine(host: Host, iface: NetInterface): string {
  if (iface.kind === 'loopback') return '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00';
  const netns = iface.peer && iface.peer.host !== host.name ? ' link-netnsid 0' : '';
  return `    link/ether ${iface.mac} brd ff:ff:ff:ff:ff:ff${netns}`;
}

function addressLines(iface: NetInterface, a: InterfaceAddress): string[] {
  const v6 = familyOf(a.ip) === 6;
  const words = [v6 ? 'inet6' : 'inet', `${a.ip}/${a.prefix}`];
  if (a.broadcast) words.push('brd', a.broadcast);
  words.push('scope', a.scope);
  if (a.secondary) words.push('secondary');
  const line = v6 ? `    ${words.join(' ')} ` : `    ${words.join(' ')} ${iface.name}`;
  return [line, '       valid_lft forever preferred_lft forever'];
}

/** `ip addr` on a host: IPv4 addresses of an interface first, then IPv6, as the kernel dumps them. */
export function renderIpAddr(network: Network, hostName: string): string {
  const host = network.hosts.find((h) => h.name === hostName);
  if (!host) return '';
  const lines: string[] = [];
  for (const iface of host.interfaces) {
    lines.push(header(host, iface), linkLine(host, iface));
    const ordered = [...iface.addresses].sort((a, b) => familyOf(a.ip) - familyOf(b.ip));
    for (const a of ordered) lines.push(...addressLines(iface, a));
  }
  return lines.join('\n');
}

