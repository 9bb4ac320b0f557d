// The lane's stand-in for the cloud load balancers (src/engine/cloud), built in the LB host's
// namespace (`lb/NS/NAME`, from the network model) and on the nodes:
// - the LB's firewall: loadBalancerSourceRanges and its listeners, as raw-table rules on its
//   ingress IPs (a packet no listener takes, or from outside the ranges, is dropped);
// - the pick: the LB forwards every packet to its ingress IPs (marked, and policy-routed
//   ahead of the local table) to ONE target the lane chooses before each connection (`steer`), the
//   simulator's health checks deciding which targets may be chosen; pass-through leaves the
//   packet as it is, node-port (AWS NLB instance targets) DNATs it to nodeIP:nodePort;
// - the return path: for LBs whose answers come back through them (generic, aws), each node
//   marks connections that arrived from the LB's MAC and routes their answers back to it
//   (the cloud network's part); gcp and azure answer the client directly;
// - MetalLB layer 2 has no LB host: the router's neighbour entry for the IP is the MAC of the
//   speaker node's interface that announces it (the ARP answer).
// Pod-IP targets (aws on vpc) are not stood in for: the lane cannot build that CNI model.

import type { TraceContext } from '../../src/engine';
import { loadBalancersOf, type CloudLoadBalancer } from '../../src/engine/cloud';
import { loadBalancerAt } from '../../src/engine/cloud/registry';
import { sh } from './netns';

export interface LbStandIn {
  /** The LB (with its targets) carrying `ip`, when the lane stands in for it. */
  readonly lbFor: (ip: string) => CloudLoadBalancer | undefined;
  /** Sends the next connections through `host` to the target at `targetIp` (undefined: dropped). */
  readonly steer: (host: string, targetIp: string | undefined) => Promise<void>;
  readonly notes: readonly string[];
}

const TABLE = 100;

export async function buildLbStandIn(ctx: TraceContext, nsOf: (host: string) => string): Promise<LbStandIn> {
  const network = ctx.network;
  const lbs = new Map<string, CloudLoadBalancer>();
  const notes: string[] = [];
  const script: string[] = [];
  // MetalLB: the router's ARP for the IP is answered by the speaker.
  for (const host of network.hosts) {
    for (const iface of host.interfaces) {
      for (const ip of iface.announces ?? []) {
        for (const router of network.hosts.filter((h) => h.kind === 'router')) {
          const dev = router.interfaces.find((i) => i.link && i.link === iface.link);
          if (dev) script.push(`ip -n ${nsOf(router.name)} neigh replace ${ip} lladdr ${iface.mac} dev ${dev.name} nud permanent`);
        }
      }
    }
  }
  let mark = 0;
  const restoring = new Set<string>();
  for (const lb of loadBalancersOf(ctx.cluster)) {
    const host = network.hosts.find((h) => h.name === lb.host && h.kind === 'lb');
    if (!host) continue;
    if (lb.style !== 'pass-through' && lb.style !== 'node-port') { notes.push(`${lb.host}: ${lb.style} targets have no stand-in`); continue; }
    const iface = host.interfaces.find((i) => i.kind !== 'loopback' && i.link)!;
    const ns = nsOf(lb.host);
    lbs.set(lb.host, loadBalancerAt(ctx.cluster, lb.host) ?? lb);
    script.push(
      `ip netns exec ${ns} sh -c 'echo 1 > /proc/sys/net/ipv4/ip_forward; for c in all ${iface.name}; do echo 1 > /proc/sys/net/ipv4/conf/$c/accept_local; echo 0 > /proc/sys/net/ipv4/conf/$c/rp_filter; echo 0 > /proc/sys/net/ipv4/conf/$c/send_redirects; done'`,
      `ip -n ${ns} rule add pref 100 lookup local`, `ip -n ${ns} rule del pref 0`,
      `ip -n ${ns} route add blackhole default table ${TABLE}`,
      `ip -n ${ns} rule add pref 10 fwmark 0x1/0x1 iif ${iface.name} lookup ${TABLE}`,
      `ip netns exec ${ns} iptables -t raw -N LB-FIREWALL`,
    );
    const ingress = lb.ingress.filter((ip) => !ip.includes(':'));
    for (const ip of ingress) {
      // Marked before the node-port DNAT, so the rewritten packet still goes to the target.
      script.push(
        `ip netns exec ${ns} iptables -t mangle -A PREROUTING -i ${iface.name} -d ${ip}/32 -j MARK --set-xmark 0x1/0x1`,
        `ip netns exec ${ns} iptables -t raw -A PREROUTING -d ${ip}/32 -j LB-FIREWALL`,
      );
      for (const l of lb.listeners.filter((x) => x.protocol !== 'SCTP')) {
        for (const range of lb.loadBalancerSourceRanges.length ? lb.loadBalancerSourceRanges : ['0.0.0.0/0']) {
          script.push(`ip netns exec ${ns} iptables -t raw -A LB-FIREWALL -d ${ip}/32 -s ${range.trim()} -p ${l.protocol.toLowerCase()} --dport ${l.port} -j ACCEPT`);
        }
      }
    }
    script.push(`ip netns exec ${ns} iptables -t raw -A LB-FIREWALL -j DROP`);
    // The router's ARP for the ingress IPs, answered by the LB (a static entry: the LB's
    // policy routes would also catch the ARP's own route lookup).
    for (const router of network.hosts.filter((h) => h.kind === 'router')) {
      const dev = router.interfaces.find((i) => i.link === iface.link);
      if (dev) for (const ip of ingress) script.push(`ip -n ${nsOf(router.name)} neigh replace ${ip} lladdr ${iface.mac} dev ${dev.name} nud permanent`);
    }
    if (lb.returnPath !== 'through-lb') continue;
    // The cloud network hands the answers of the LB's flows back to it.
    const lbIP = ingress[0];
    if (!lbIP) continue;
    if (mark === 15) { notes.push(`${lb.host}: more than 15 load balancers answer through the LB; its answers go straight to the client`); continue; }
    mark++;
    const m = `0x${(mark << 20).toString(16)}/0xf00000`;
    for (const node of network.hosts.filter((h) => h.kind === 'node')) {
      const up = node.interfaces.find((i) => i.link === iface.link);
      if (!up) continue;
      const nns = nsOf(node.name);
      const ipt = `ip netns exec ${nns} iptables -t mangle`;
      if (!restoring.has(node.name)) {
        restoring.add(node.name);
        script.push(
          `${ipt} -A PREROUTING -m conntrack --ctdir REPLY -j CONNMARK --restore-mark --mask 0xf00000`,
          `${ipt} -A OUTPUT -m conntrack --ctdir REPLY -j CONNMARK --restore-mark --mask 0xf00000`,
        );
      }
      script.push(
        `${ipt} -I PREROUTING -i ${up.name} -m mac --mac-source ${iface.mac} -m conntrack --ctstate NEW -j CONNMARK --set-xmark ${m}`,
        `ip -n ${nns} rule add pref 10 fwmark ${m} lookup ${TABLE + mark}`,
        `ip -n ${nns} route add default via ${lbIP} dev ${up.name} onlink table ${TABLE + mark}`,
        `ip -n ${nns} neigh replace ${lbIP} lladdr ${iface.mac} dev ${up.name} nud permanent`,
      );
    }
  }
  if (script.length) await sh(script.join('\n'));
  const byIP = new Map<string, CloudLoadBalancer>([...lbs.values()].flatMap((lb) => lb.ingress.filter((ip) => !ip.includes(':')).map((ip) => [ip as string, lb] as const)));
  const steer = async (host: string, targetIp: string | undefined): Promise<void> => {
    const lb = lbs.get(host)!;
    const ns = nsOf(host);
    const dev = network.hosts.find((h) => h.name === host)!.interfaces.find((i) => i.kind !== 'loopback' && i.link)!.name;
    const cmds = [
      `ip -n ${ns} route replace ${targetIp ? `default via ${targetIp} dev ${dev} onlink` : 'blackhole default'} table ${TABLE}`,
      `ip netns exec ${ns} iptables -t nat -F PREROUTING`,
      `ip netns exec ${ns} conntrack -F >/dev/null 2>&1 || true`,
    ];
    if (lb.style === 'node-port' && targetIp) {
      for (const ip of lb.ingress.filter((x) => !x.includes(':'))) {
        for (const l of lb.listeners) {
          if (l.nodePort && l.protocol !== 'SCTP') cmds.push(`ip netns exec ${ns} iptables -t nat -A PREROUTING -d ${ip}/32 -p ${l.protocol.toLowerCase()} --dport ${l.port} -j DNAT --to-destination ${targetIp}:${l.nodePort}`);
        }
      }
    }
    await sh(cmds.join('\n'));
  };
  return { lbFor: (ip) => byIP.get(ip), steer, notes };
}
