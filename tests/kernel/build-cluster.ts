// Builds a scenario's network in real namespaces, from the very network model the simulator
// traces over (buildNetwork, through the trace context): one namespace per host (nodes,
// pods, external clients, the `outside` router) with its interfaces, MACs, addresses and
// static routes, one extra namespace per L2 segment holding a plain bridge the segment's
// interfaces are plugged into (nothing connects to the root namespace), each node's
// ruleset loaded with iptables-restore exactly as `kubehops rules` prints it, the sysctls
// kube-proxy and the CNI set, and an echo server in every pod namespace.

import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Host, Network } from '../../src/engine/routing';
import type { TraceContext } from '../../src/engine';
import type { CtEntry } from './conntrack-match';
import { buildLbStandIn, type LbStandIn } from './lb-standin';
import { createNamespaces, destroy, PREFIX, sh, spawnInNamespace, type LineProcess } from './netns';

const HERE = fileURLToPath(new URL('.', import.meta.url));

/** Loads a ruleset as printed by `kubehops rules` (IPv4 part): set-up commands, then the restore input. */
const LOADER = `set -e
sed -n '1,/^# iptables-restore/p' "$1" | grep -E '^(iptables|nfacct) ' | while read -r cmd; do eval "$cmd" >/dev/null; done
sed -n '/^# iptables-restore/,$p' "$1" | sed '1d' | sed '/^# ip6tables$/,$d' | iptables-restore --noflush --counters
`;

export interface ServerHit { readonly pod: string; readonly src: string; readonly sport: number; readonly dst: string; readonly dport: number }

export interface KernelCluster {
  /** Namespace of a simulator host (`node/a`, `pod/ns/name`, `client/x`, `outside`). */
  readonly nsOf: (host: string) => string;
  /** Node hosts (`node/NAME`) with their namespaces. */
  readonly nodes: readonly { readonly host: string; readonly ns: string }[];
  /** What the echo servers answered since the last call: pod, source seen, address reached. */
  readonly serverHits: () => ServerHit[];
  /** A connection agent in a host's namespace (started on first use). */
  readonly agent: (host: string) => Promise<LineProcess>;
  /** An overlay's outer packet (VXLAN UDP): its conntrack entries are not in the simulator's tables. */
  readonly underlay: (e: CtEntry) => boolean;
  /** The stand-in for the cloud load balancers (lb-standin.ts). */
  readonly lb: LbStandIn;
  /** Pods that got no echo server, and why. */
  readonly skippedPods: readonly string[];
  readonly teardown: () => Promise<void>;
}

const hostTag = (i: number): string => `h${i}`;

function linkScript(network: Network, nsOf: (h: string) => string, switchNs: (link: string) => string): string[] {
  const lines: string[] = [];
  // L2 segments: a bridge in the segment's own namespace, one veth per end.
  network.links.forEach((link) => {
    const sw = switchNs(link.name);
    lines.push(`ip -n ${sw} link add br0 type bridge`, `ip -n ${sw} link set br0 up`);
    link.ends.forEach((end, j) => {
      const iface = network.hosts.find((h) => h.name === end.host)!.interfaces.find((i) => i.name === end.interface)!;
      lines.push(
        `ip -n ${sw} link add p${j} type veth peer name ${end.interface} netns ${nsOf(end.host)}`,
        `ip -n ${sw} link set p${j} master br0 up`,
        `ip -n ${nsOf(end.host)} link set ${end.interface} address ${iface.mac}`,
      );
    });
  });
  return lines;
}

function hostScript(host: Host, nsOf: (h: string) => string): string[] {
  const ns = nsOf(host.name);
  const lines: string[] = [];
  for (const iface of host.interfaces) {
    if (iface.kind === 'bridge') lines.push(`ip -n ${ns} link add ${iface.name} address ${iface.mac} type bridge`);
    // A veth pair is made once, from the end whose host sorts first.
    if (iface.kind === 'veth' && iface.peer && host.name < iface.peer.host) {
      const peerIface = iface.peer.interface;
      lines.push(`ip -n ${ns} link add ${iface.name} address ${iface.mac} type veth peer name ${peerIface} netns ${nsOf(iface.peer.host)}`);
    }
    if (iface.kind === 'veth' && iface.peer && host.name > iface.peer.host) lines.push(`ip -n ${ns} link set ${iface.name} address ${iface.mac}`);
  }
  return lines;
}

function configScript(host: Host, nsOf: (h: string) => string): string[] {
  const ns = nsOf(host.name);
  const lines: string[] = [];
  for (const iface of host.interfaces) {
    if (iface.kind === 'loopback') continue;
    if (iface.vxlan) {
      const v = iface.vxlan;
      lines.push(`ip -n ${ns} link add ${iface.name} address ${iface.mac} type vxlan id ${v.id} local ${v.local} dev ${v.dev} dstport ${v.port} nolearning`);
    }
    lines.push(`ip -n ${ns} link set ${iface.name} mtu ${iface.mtu}`);
    if (iface.master) lines.push(`ip -n ${ns} link set ${iface.name} master ${iface.master}`);
    if (iface.hairpin) lines.push(`ip -n ${ns} link set ${iface.name} type bridge_slave hairpin on`);
    for (const a of iface.addresses) lines.push(`ip -n ${ns} addr add ${a.ip}/${a.prefix}${a.broadcast ? ` brd ${a.broadcast}` : ''} dev ${iface.name}`);
    lines.push(`ip -n ${ns} link set ${iface.name} up`);
  }
  const exec = `ip netns exec ${ns} sh -c`;
  const sysctls = [
    'echo 1 > /proc/sys/net/ipv6/conf/all/disable_ipv6', 'echo 1 > /proc/sys/net/ipv6/conf/default/disable_ipv6',
    `echo ${host.forwarding ? 1 : 0} > /proc/sys/net/ipv4/ip_forward`,
    `echo ${host.bridgeNfCallIptables ? 1 : 0} > /proc/sys/net/bridge/bridge-nf-call-iptables`,
  ];
  lines.push(`${exec} '${sysctls.join('; ')}'`);
  for (const n of host.neighbours) lines.push(`ip -n ${ns} neigh add ${n.ip} lladdr ${n.mac} dev ${n.dev} nud permanent`);
  for (const f of host.fdb) lines.push(`bridge -n ${ns} fdb append ${f.mac} dev ${f.dev} dst ${f.dst} self permanent`);
  for (const r of host.routes.main) {
    if (r.proto === 'kernel' || r.family !== 4) continue;
    const dst = r.dst.endsWith('/0') ? 'default' : r.dst;
    const words = [r.type === 'unicast' ? '' : r.type, dst, r.via ? `via ${r.via}` : '', r.dev ? `dev ${r.dev}` : '',
      r.scope !== 'universe' ? `scope ${r.scope}` : '', r.src ? `src ${r.src}` : '', r.metric !== undefined ? `metric ${r.metric}` : '', r.onlink ? 'onlink' : ''];
    lines.push(`ip -n ${ns} route add ${words.filter(Boolean).join(' ')}`);
  }
  return lines;
}

interface ServerSpec { readonly host: string; readonly pod: string; readonly ip: string; readonly ports: readonly string[] }

/** Every pod's ports: its container ports plus the endpoint ports that point at it, TCP and UDP on each. */
function serverSpecs(ctx: TraceContext, skipped: string[]): ServerSpec[] {
  const specs: ServerSpec[] = [];
  for (const pod of ctx.cluster.pods) {
    const key = `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`;
    const host = ctx.network.podHosts[key];
    const ip = pod.status?.podIP;
    if (!host || !ip) { skipped.push(`${key}: no network namespace`); continue; }
    if (!host.startsWith('pod/')) { skipped.push(`${key}: hostNetwork pod (runs in ${host}); no server`); continue; }
    const ports = new Set<number>();
    for (const c of pod.spec?.containers ?? []) for (const p of c.ports ?? []) ports.add(p.containerPort);
    for (const slice of ctx.cluster.endpointSlices) {
      if (!slice.endpoints?.some((e) => e.addresses.includes(ip))) continue;
      for (const p of slice.ports ?? []) if (p.port) ports.add(p.port);
    }
    specs.push({ host, pod: pod.metadata.name!, ip, ports: [...ports].sort((a, b) => a - b).flatMap((p) => [`${p}/TCP`, `${p}/UDP`]) });
  }
  return specs;
}

let clusters = 0;

/** Builds the cluster's network in namespaces, loads the rules, starts the servers. */
export async function buildKernelCluster(ctx: TraceContext): Promise<KernelCluster> {
  const network = ctx.network;
  const tag = `c${clusters++}`;
  const names = new Map(network.hosts.map((h, i) => [h.name, `${PREFIX}${tag}${hostTag(i)}`]));
  const switches = new Map(network.links.map((l, i) => [l.name, `${PREFIX}${tag}s${i}`]));
  const nsOf = (host: string): string => {
    const ns = names.get(host);
    if (!ns) throw new Error(`no namespace for host ${host}`);
    return ns;
  };
  const all = [...names.values(), ...switches.values()];
  const procs: ChildProcess[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'kubehops-kernel-'));
  const teardown = async (): Promise<void> => {
    await destroy(all, procs);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await createNamespaces(all);
    const switchSetup = [...switches.values()].map((sw) => `ip netns exec ${sw} sh -c 'echo 0 > /proc/sys/net/bridge/bridge-nf-call-iptables; echo 1 > /proc/sys/net/ipv6/conf/all/disable_ipv6'`);
    const script = [
      ...switchSetup,
      ...network.hosts.flatMap((h) => hostScript(h, nsOf)),
      ...linkScript(network, nsOf, (l) => switches.get(l)!),
      ...network.hosts.flatMap((h) => configScript(h, nsOf)),
    ];
    writeFileSync(join(dir, 'setup.sh'), `${script.join('\n')}\n`);
    await sh(`sh -e ${join(dir, 'setup.sh')}`);
    writeFileSync(join(dir, 'load.sh'), LOADER);
    const nodes = network.hosts.filter((h) => h.kind === 'node').map((h) => ({ host: h.name, ns: nsOf(h.name) }));
    await Promise.all(nodes.map(async ({ host, ns }) => {
      const rules = ctx.rulesText(host);
      if (rules === undefined) throw new Error(`no ruleset for ${host}`);
      const file = join(dir, `${ns}.rules`);
      writeFileSync(file, rules);
      const localnet = rules.includes('block incoming localnet connections') ? 'echo 1 > /proc/sys/net/ipv4/conf/all/route_localnet; ' : '';
      await sh(`ip netns exec ${ns} sh -c '${localnet}sh ${join(dir, 'load.sh')} ${file}'`);
    }));
    const lb = await buildLbStandIn(ctx, nsOf);
    const skippedPods: string[] = [];
    const servers = await Promise.all(serverSpecs(ctx, skippedPods).map((s) =>
      spawnInNamespace(nsOf(s.host), [process.execPath, join(HERE, 'echo-server.mjs'), s.pod, ...s.ports], { POD_IP: s.ip })));
    procs.push(...servers.map((s) => s.child));
    const agents = new Map<string, Promise<LineProcess>>();
    const agent = (host: string): Promise<LineProcess> => {
      let a = agents.get(host);
      if (!a) {
        a = spawnInNamespace(nsOf(host), [process.execPath, join(HERE, 'probe-agent.mjs')]);
        a.then((p) => procs.push(p.child), () => undefined);
        agents.set(host, a);
      }
      return a;
    };
    // The simulator shows the inner packet only (its network notes say so).
    const overlayPorts = new Set(network.hosts.flatMap((h) => h.interfaces.flatMap((i) => (i.vxlan ? [i.vxlan.port] : []))));
    const underlay = (e: CtEntry): boolean => e.proto === 'udp' && overlayPorts.has(e.orig.dport);
    const serverHits = (): ServerHit[] => servers.flatMap((s) => s.drain().map((l) => (JSON.parse(l) as { hit: ServerHit }).hit));
    return { nsOf, nodes, agent, serverHits, underlay, lb, skippedPods, teardown };
  } catch (e) {
    await teardown();
    throw e;
  }
}
