// The tracer's walk through a cloud load balancer host (`lb/NS/NAME`): a client's packet is
// matched to a listener, filtered by loadBalancerSourceRanges (the provider's firewall or
// security group, programmed from the Service), matched to its flow or, for a new flow, sent
// to one of the targets whose health check passes (pick.ts), rewritten as the provider's
// style says (styles.ts) and put on the wire to the target; the target's answer, handed back
// by the cloud network (return-path.ts), is matched to its flow, un-rewritten and sent on to
// the client.

import { cidrContains, parseCIDR, parseIP, type IP } from '../net/ip';
import { findHost } from '../routing';
import { setTable, tableOf } from '../trace/ct';
import { endpointText, hopPacket, pushHop, type End, type Run, type WalkPacket } from '../trace/run';
import type { DecidedBy } from '../trace/types';
import { bindFlow, flowIn, flowTarget, translate, type Rewrite } from './flow';
import { pickUniform } from './pick';
import { isLbHost, loadBalancerAt } from './registry';
import type { CloudLoadBalancer, LbListener, LbTarget } from './types';

/** How the LB's packet leaves: to a target on the node network, or on by its routes (to the client). */
export interface LbWalkIO {
  readonly toTarget: (p: WalkPacket, linkDst: IP) => End;
  readonly onward: (p: WalkPacket) => End;
}

function drop(run: Run, host: string, p: WalkPacket, reason: string): End {
  const decidedBy: DecidedBy = { component: 'cloud-lb', rule: reason };
  pushHop(run, host, p, { kind: 'drop', reason, decidedBy });
  return { kind: 'dropped', decidedBy, reason };
}

const inRanges = (ranges: readonly string[], ip: IP): boolean =>
  ranges.length === 0 || ranges.some((r) => { const c = parseCIDR(r.trim()); const a = parseIP(ip); return !!c && !!a && c.family === a.family && cidrContains(c, a); });

/** The LB's own address in the node subnet (the source of pod-IP targeted TCP flows). */
function privateAddress(run: Run, lb: CloudLoadBalancer): IP | undefined {
  const addrs = findHost(run.ctx.network, lb.host)?.interfaces.flatMap((i) => i.addresses.map((a) => a.ip)) ?? [];
  return addrs.find((ip) => !lb.ingress.includes(ip) && !ip.startsWith('127.') && ip !== '::1');
}

function rewriteFor(run: Run, lb: CloudLoadBalancer, listener: LbListener, target: LbTarget, p: WalkPacket): Rewrite | string {
  switch (lb.style) {
    case 'pass-through': case 'l2': return {};
    case 'node-port':
      return listener.nodePort ? { dst: { ip: target.ip, port: listener.nodePort } } : `${lb.service} port ${listener.port} has no node port to target`;
    case 'pod-ip': {
      const port = target.ports?.[`${listener.name}/${listener.protocol}`];
      if (!port) return `${target.host} has no endpoint port for ${lb.service} port ${listener.name || listener.port}`;
      const src = p.proto === 'tcp' ? privateAddress(run, lb) : undefined;
      return { dst: { ip: target.ip, port }, ...(src && { src }) };
    }
  }
}

/** Health checks, then a uniform pick among the healthy targets; undefined when none is healthy. */
function pickTarget(run: Run, lb: CloudLoadBalancer, p: WalkPacket): number | undefined {
  for (const t of lb.targets) {
    pushHop(run, lb.host, p, { kind: 'lb', event: 'health', target: t.host, healthy: t.health.healthy, text: `${t.host} ${t.health.probe}: ${t.health.result}` });
  }
  const healthy = lb.targets.map((t, i) => (t.health.healthy ? i : -1)).filter((i) => i >= 0);
  if (healthy.length === 0) return undefined;
  const picked = healthy[pickUniform(healthy.length, run.choose)]!;
  const probability = 1 / healthy.length;
  const text = `${lb.targets[picked]!.host}, 1 of ${healthy.length} healthy target${healthy.length === 1 ? '' : 's'} (${+(probability * 100).toFixed(2)}%)`;
  pushHop(run, lb.host, p, { kind: 'lb', event: 'pick', target: lb.targets[picked]!.host, probability, text });
  return picked;
}

function noTarget(lb: CloudLoadBalancer): string {
  if (lb.problem) return lb.problem;
  if (lb.targets.length === 0) return `${lb.service}: the load balancer has no targets`;
  const why = lb.externalTrafficPolicy === 'Local' && lb.style !== 'pod-ip' ? ' (externalTrafficPolicy Local: only nodes with a ready endpoint pass)' : '';
  return `${lb.service}: no target passes its health check${why}`;
}

/** A client's packet at the LB: listener, source ranges, flow or pick, rewrite, out to the target. */
function fromClient(run: Run, lb: CloudLoadBalancer, p: WalkPacket, io: LbWalkIO): End {
  const listener = lb.listeners.find((l) => l.port === p.dport && l.protocol.toLowerCase() === p.proto);
  if (!lb.ingress.includes(p.dst) || !listener) return drop(run, lb.host, p, `${lb.service}: no listener for ${endpointText(p.dst, p.dport)}/${p.proto.toUpperCase()}`);
  if (!inRanges(lb.loadBalancerSourceRanges, p.src)) {
    return drop(run, lb.host, p, `${lb.service}: ${p.src} is outside loadBalancerSourceRanges ${lb.loadBalancerSourceRanges.join(',')} (the provider's firewall)`);
  }
  const flow = flowIn(tableOf(run, lb.host), p);
  setTable(run, lb.host, flow.table);
  let entry = flow.entry;
  if (!entry) return drop(run, lb.host, p, `${lb.service}: the packet belongs to no flow`);
  let target: LbTarget;
  if (flow.isNew) {
    const picked = lb.problem ? undefined : pickTarget(run, lb, p);
    if (picked === undefined) return drop(run, lb.host, p, noTarget(lb));
    target = lb.targets[picked]!;
    const rewrite = rewriteFor(run, lb, listener, target, p);
    if (typeof rewrite === 'string') return drop(run, lb.host, p, rewrite);
    const bound = bindFlow(tableOf(run, lb.host), entry, picked, rewrite, run.random);
    setTable(run, lb.host, bound.table);
    entry = bound.entry;
    pushHop(run, lb.host, p, { kind: 'lb', event: 'flow', target: target.host, text: `new flow to ${target.host}` });
  } else {
    target = lb.targets[flowTarget(entry)]!;
    pushHop(run, lb.host, p, { kind: 'lb', event: 'flow', target: target.host, text: `known flow to ${target.host}` });
  }
  const q = translate(entry, 'orig', p);
  if (q.dst !== p.dst || q.dport !== p.dport || q.src !== p.src) {
    pushHop(run, lb.host, q, { kind: 'lb', event: 'rewrite', text: 'rewrite', before: hopPacket(p) });
    if (lb.style === 'pod-ip') {
      run.dnat ??= endpointText(q.dst, q.dport);
      if (q.src !== p.src) run.snat ??= q.src;
    }
  }
  return io.toTarget(q, lb.style === 'pod-ip' ? q.dst : target.ip);
}

/** A target's answer at the LB: matched to its flow, un-rewritten, sent on to the client. */
function fromTarget(run: Run, lb: CloudLoadBalancer, p: WalkPacket, io: LbWalkIO): End {
  const flow = flowIn(tableOf(run, lb.host), p);
  if (!flow.entry || flow.direction !== 'reply') return drop(run, lb.host, p, `${lb.service}: an answer that matches no flow`);
  setTable(run, lb.host, flow.table);
  pushHop(run, lb.host, p, { kind: 'lb', event: 'flow', text: 'answer of a known flow' });
  const q = translate(flow.entry, 'reply', p);
  if (q.src !== p.src || q.sport !== p.sport || q.dst !== p.dst) pushHop(run, lb.host, q, { kind: 'lb', event: 'rewrite', text: 'un-rewrite', before: hopPacket(p) });
  return io.onward(q);
}

/** A packet arriving at the load balancer host `host`. */
export function arriveAtLoadBalancer(run: Run, host: string, p: WalkPacket, io: LbWalkIO): End {
  const lb = loadBalancerAt(run.ctx.cluster, host)!;
  return run.leg === 'reply' ? fromTarget(run, lb, p, io) : fromClient(run, lb, p, io);
}

/** Whether `host` is a load balancer the tracer walks through. */
export const isLoadBalancerHost = (run: Run, host: string): boolean =>
  host.startsWith('lb/') && isLbHost(run.ctx.cluster, host);
