// A packet's walk from host to host, as the kernel on each one handles it
// (net/ipv4/ip_output.c for locally generated packets: route, OUTPUT, POSTROUTING;
// ip_input.c / ip_forward.c / the bridge for arriving ones: PREROUTING, then INPUT, FORWARD
// or the bridge, then POSTROUTING). Routing and links come from src/engine/routing; the
// rules that decide come from the node's generated ruleset. Cloud load balancers, the cloud
// network's return path and MetalLB's ARP answers come from src/engine/cloud.

import type { IP } from '../net/ip';
import { arriveAtLoadBalancer, explainUnrouted, isLoadBalancerHost, layer2Announcement, returnThroughLoadBalancer, type LbWalkIO } from '../cloud';
import { findHost, forwardingDecision, ingress, linkPeer, nextHop, routeLookup, vxlanSourcePort, type NextHop, type Route } from '../routing';
import { runsKubeProxy } from './context';
import { ctConfirm, ctIn, type CtRef } from './ct';
import { isEnd, runHook, type HookIO } from './hook';
import { MAX_STEPS, pushHop, type End, type Run, type WalkPacket } from './run';

const kernel = (rule: string) => ({ component: 'kernel' as const, rule });

function dropped(run: Run, host: string, p: WalkPacket, reason: string): End {
  const decidedBy = kernel(reason);
  pushHop(run, host, p, { kind: 'drop', reason, decidedBy });
  return { kind: 'dropped', decidedBy, reason };
}

function owns(run: Run, host: string, ip: IP): boolean {
  return findHost(run.ctx.network, host)?.interfaces.some((i) => i.addresses.some((a) => a.ip === ip) || (i.fabricIPs ?? []).includes(ip)) ?? false;
}

/** A packet the host itself sends (a pod, a client, a node's own process). */
export function sendFrom(run: Run, host: string, p: WalkPacket): End {
  const route = routeLookup(run.ctx.network, host, p.dst, { ...(p.src && { src: p.src }) });
  if (route.kind === 'unreachable') return dropped(run, host, p, route.text);
  const sent = { ...p, src: p.src || route.source! };
  pushHop(run, host, sent, { kind: run.leg === 'orig' ? 'emit' : 'reply', iface: route.outInterface });
  if (!runsKubeProxy(run.ctx, host)) return leave(run, host, route, sent);
  return sendFromNode(run, host, route, sent);
}

function sendFromNode(run: Run, host: string, first: Route, p: WalkPacket): End {
  const ct = ctIn(run, host, p);
  const reroute = (q: { dst: IP }) => {
    const r = routeLookup(run.ctx.network, host, q.dst as IP);
    return r.kind === 'route' ? r.outInterface : undefined;
  };
  pushHop(run, host, p, { kind: 'route', text: first.text, outIface: first.outInterface });
  const out = runHook(run, host, 'OUTPUT', p, ct, { out: first.outInterface, reroute });
  if (isEnd(out)) return out;
  let route = first;
  if (out.dst !== p.dst) {
    const again = routeLookup(run.ctx.network, host, out.dst, { src: out.src });
    if (again.kind === 'unreachable') return dropped(run, host, out, again.text);
    route = again;
    pushHop(run, host, out, { kind: 'route', text: route.text, outIface: route.outInterface });
  }
  if (route.type === 'local') return deliverAtNode(run, host, out, ct, 'lo');
  const post = runHook(run, host, 'POSTROUTING', out, ct, { out: route.outInterface });
  if (isEnd(post)) return post;
  ctConfirm(run, ct, post);
  return leave(run, host, route, post);
}

/** The packet leaves by the route's device: over the wire to whoever is at the other end. */
function leave(run: Run, host: string, route: Route, p: WalkPacket): End {
  const hop = nextHop(run.ctx.network, host, route);
  if (hop.kind === 'local') return arrive(run, host, 'lo', p, p.dst);
  const l2 = layer2Announcement(run.ctx.cluster, route.nextHop);
  if (hop.kind === 'no-neighbour') {
    if (l2?.problem) return cloudDropped(run, host, p, `${hop.text}: ${l2.problem}`);
    if (run.leg === 'reply') return unhandled(run, host, p, `the answer leaves ${route.outInterface} for ${p.dst}, a host outside the model`);
    return dropped(run, host, p, hop.text);
  }
  if (hop.encap) return tunnel(run, host, route, hop, p);
  const lb = returnThroughLoadBalancer(run, host, hop.host, p);
  if (lb) {
    pushHop(run, host, p, { kind: 'lb', event: 'return', target: lb, text: `the cloud network hands the answer to ${lb}, which holds its flow` });
    return onLink(run, host, route.outInterface, { kind: 'link', host: lb, interface: 'eth0', mac: '' }, p, p.dst);
  }
  if (l2) pushHop(run, host, p, { kind: 'lb', event: 'arp', target: hop.host, text: `${route.nextHop} is-at ${hop.mac}: ${hop.host}, the MetalLB speaker elected for ${l2.service}, answers ARP for it` });
  return onLink(run, host, route.outInterface, hop, p, route.nextHop);
}

/** Over the wire to the far end of the link. */
function onLink(run: Run, host: string, outIface: string, hop: Extract<NextHop, { kind: 'link' }>, p: WalkPacket, linkDst: IP): End {
  const arriving = { ...p, mark: 0 }; // skb_scrub_packet: the mark does not cross namespaces
  pushHop(run, hop.host, arriving, { kind: 'wire', from: { host, interface: outIface }, to: { host: hop.host, interface: hop.interface } });
  return arrive(run, hop.host, hop.interface, arriving, linkDst);
}

function cloudDropped(run: Run, host: string, p: WalkPacket, reason: string): End {
  const decidedBy = { component: 'cloud-lb' as const, rule: reason };
  pushHop(run, host, p, { kind: 'drop', reason, decidedBy });
  return { kind: 'dropped', decidedBy, reason };
}

/** How a load balancer host's packets leave it: to a target on its link, or on by its routes. */
function loadBalancerIO(run: Run, host: string): LbWalkIO {
  return {
    toTarget: (p, linkDst) => {
      const hop = linkPeer(run.ctx.network, findHost(run.ctx.network, host)!, 'eth0', linkDst);
      return hop.kind === 'link' ? onLink(run, host, 'eth0', hop, p, linkDst) : cloudDropped(run, host, p, `${host} cannot reach its target ${linkDst}`);
    },
    onward: (p) => {
      const route = routeLookup(run.ctx.network, host, p.dst, { src: p.src });
      return route.kind === 'route' ? leave(run, host, route, p) : unhandled(run, host, p, noRouteReason(run, p.dst));
    },
  };
}

/** Out of an overlay device: wrapped in the outer header, over the underlay, unwrapped by the far end. */
function tunnel(run: Run, host: string, route: Route, hop: Extract<NextHop, { kind: 'link' }>, p: WalkPacket): End {
  const e = hop.encap!;
  const outer = { encapsulation: e.kind, vni: e.vni, src: e.outerSrc, sport: vxlanSourcePort(p), dst: e.outerDst, dport: e.port };
  pushHop(run, host, p, { kind: 'encap', iface: route.outInterface, outer });
  const arriving = { ...p, mark: 0 };
  pushHop(run, e.remoteUnderlay.host, arriving, { kind: 'wire', from: e.underlay, to: e.remoteUnderlay, outer });
  pushHop(run, hop.host, arriving, { kind: 'decap', iface: hop.interface, outer });
  return arrive(run, hop.host, hop.interface, arriving, route.nextHop);
}

function unhandled(run: Run, host: string, p: WalkPacket, reason: string): End {
  pushHop(run, host, p, { kind: 'leave', reason });
  return { kind: 'unhandled', reason };
}

/** A packet arriving on `iface` of `host`, sent at L2 to the owner of `linkDst`. */
export function arrive(run: Run, host: string, iface: string, p: WalkPacket, linkDst: IP): End {
  if (++run.steps > MAX_STEPS) return dropped(run, host, p, `routing loop: more than ${MAX_STEPS} hops`);
  if (runsKubeProxy(run.ctx, host)) return arriveAtNode(run, host, iface, p, linkDst);
  if (isLoadBalancerHost(run, host)) return arriveAtLoadBalancer(run, host, p, loadBalancerIO(run, host));
  if (owns(run, host, p.dst)) return delivered(run, host, iface, p);
  const h = findHost(run.ctx.network, host);
  if (!h?.forwarding) return dropped(run, host, p, `${host} is not ${p.dst} and does not forward`);
  const route = routeLookup(run.ctx.network, host, p.dst, { src: p.src, iif: iface });
  if (route.kind === 'unreachable') return unhandled(run, host, p, noRouteReason(run, p.dst));
  pushHop(run, host, p, { kind: 'route', text: route.text, outIface: route.outInterface });
  return leave(run, host, route, p);
}

/** Why nothing carries the packet on: the cloud model's reason (a <pending> LoadBalancer, a ClusterIP), else none. */
function noRouteReason(run: Run, dst: IP): string {
  return explainUnrouted(run.ctx.cluster, dst) ?? `no route to ${dst}: the packet leaves the simulated network`;
}

function delivered(run: Run, host: string, iface: string, p: WalkPacket): End {
  pushHop(run, host, p, { kind: 'deliver', iface });
  return { kind: 'delivered', host, packet: p };
}

function arriveAtNode(run: Run, host: string, iface: string, p: WalkPacket, linkDst: IP): End {
  const ing = ingress(run.ctx.network, host, iface, linkDst);
  const ct = ctIn(run, host, p);
  let q: WalkPacket = p;
  if (ing.prerouting) {
    const pre = runHook(run, host, 'PREROUTING', p, ct, { in: ing.iptablesIn, ...(ing.physdevIn && { physIn: ing.physdevIn }) });
    if (isEnd(pre)) return pre;
    q = pre;
  }
  const d = forwardingDecision(run.ctx.network, host, { iif: iface, src: q.src, dst: q.dst, linkDst, dstChanged: q.dst !== p.dst });
  switch (d.kind) {
    case 'drop': return dropped(run, host, q, d.text);
    case 'local': {
      const input = runHook(run, host, 'INPUT', q, ct, { in: d.iptablesIn });
      return isEnd(input) ? input : deliverAtNode(run, host, input, ct, d.iptablesIn);
    }
    case 'forward': {
      pushHop(run, host, q, { kind: 'route', text: d.route.text, outIface: d.route.outInterface });
      return forward(run, host, q, ct, { in: d.iptablesIn, out: d.route.outInterface }, (out) => leave(run, host, d.route, out));
    }
    case 'bridge': {
      pushHop(run, host, q, { kind: 'bridge', bridge: d.bridge, inPort: d.inPort, outPort: d.outPort, hairpin: d.hairpin });
      const io = { in: d.bridge, out: d.bridge, physIn: d.inPort, physOut: d.outPort, bridged: true };
      return forward(run, host, q, ct, d.iptables ? io : undefined, (out) => {
        const arriving = { ...out, mark: 0 };
        pushHop(run, d.next.host, arriving, { kind: 'wire', from: { host, interface: d.outPort }, to: d.next });
        return arrive(run, d.next.host, d.next.interface, arriving, out.dst);
      });
    }
  }
}

/** FORWARD and POSTROUTING (skipped for a bridged frame when br_netfilter is off), then out. */
function forward(run: Run, host: string, p: WalkPacket, ct: CtRef, io: HookIO | undefined, out: (p: WalkPacket) => End): End {
  let q = p;
  if (io) {
    const fwd = runHook(run, host, 'FORWARD', p, ct, io);
    if (isEnd(fwd)) return fwd;
    const post = runHook(run, host, 'POSTROUTING', fwd, ct, { out: io.out, ...(io.physOut && { physOut: io.physOut }), ...(io.bridged && { bridged: true }) });
    if (isEnd(post)) return post;
    q = post;
  }
  ctConfirm(run, ct, q);
  return out(q);
}

/**
 * Delivery to the node itself. kube-proxy's own health-check server listens on each
 * healthCheckNodePort; the answer to a connection the node opened is delivered to it;
 * anything else finds no socket, and the kernel answers with a reset.
 */
function deliverAtNode(run: Run, host: string, p: WalkPacket, ct: CtRef, iface: string): End {
  ctConfirm(run, ct, p);
  const healthCheck = run.ctx.cluster.services.some((s) => s.spec.healthCheckNodePort === p.dport) && p.proto === 'tcp';
  if (run.leg === 'reply' || healthCheck) return delivered(run, host, iface, p);
  const reason = `no socket listens on ${p.dst}:${p.dport}/${p.proto.toUpperCase()} on ${host}: the kernel answers with ${p.proto === 'tcp' ? 'a TCP reset' : 'ICMP port unreachable'}`;
  const decidedBy = kernel(reason);
  pushHop(run, host, p, { kind: 'reject', reason, decidedBy });
  return { kind: 'rejected', decidedBy, reason };
}
