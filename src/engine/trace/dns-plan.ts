// A trace to a name (`--to NAME:PORT`): the source pod resolves the name first, as its
// resolver would (src/engine/dns: the kubelet's resolv.conf, glibc's search, CoreDNS's
// answers), and the connection then goes to the first address getaddrinfo returns (answer
// order, A before AAAA; glibc's RFC 3484 sort and CoreDNS's `loadbalance` shuffle are not
// modelled). The DNS packets themselves are walked like any others (dns-walk.ts), so when the
// scenario has no kube-system/kube-dns the trace runs in a copy of the cluster with the
// synthesized kube-dns Service, CoreDNS pods and EndpointSlice (dns/kube-dns.ts), whose
// kube-proxy rules then hold that Service too (DESIGN.md: "plus a synthesized kube-dns").

import type { Protocol } from '../model/k8s';
import { canonicalIP, type IP } from '../net/ip';
import { findDNSService, resolveFromPod, withClusterDNS, type Resolution } from '../dns';
import { createTraceContext, type TraceContext } from './context';
import type { Destination, Resolved, Source } from './endpoints';

/** What the connection's first packet waits for: the name's resolution, and the context whose rules carry kube-dns. */
export interface NamePlan {
  readonly name: string;
  readonly ctx: TraceContext;
  readonly resolution: Resolution;
  /** Where the pod sends its queries: the kube-dns ClusterIP, or undefined when its resolver is the upstream one. */
  readonly server?: IP;
  /** The name asked for, when the answer went out of the cluster through a CNAME (an ExternalName Service). */
  readonly externalAlias?: { readonly asked: string; readonly target: string };
}

const NAME = /^([a-z0-9_]([-a-z0-9_]*[a-z0-9_])?)(\.[a-z0-9_]([-a-z0-9_]*[a-z0-9_])?)*\.?$/i;

/** `NAME:PORT` where NAME is a DNS name (not an address). */
export function nameDestination(to: string): { name: string; port: number } | undefined {
  const m = /^(.+):(\d+)$/.exec(to);
  if (!m || !NAME.test(m[1]!) || canonicalIP(m[1]!) || /^[0-9.]+$/.test(m[1]!)) return undefined;
  return { name: m[1]!, port: Number(m[2]) };
}

const dnsContexts = new WeakMap<TraceContext, TraceContext>();

/** The context with a cluster DNS: `ctx` itself when the scenario has kube-dns, else one built once per context. */
function contextWithDNS(ctx: TraceContext): TraceContext {
  if (findDNSService(ctx.cluster)) return ctx;
  let withDNS = dnsContexts.get(ctx);
  if (!withDNS) {
    withDNS = createTraceContext(withClusterDNS(ctx.cluster));
    dnsContexts.set(ctx, withDNS);
  }
  return withDNS;
}

/** The out-of-cluster name a CNAME chain led to, when it started inside the cluster's zones. */
function externalAliasOf(resolution: Resolution, zones: readonly string[]): NamePlan['externalAlias'] {
  const inZone = (n: string): boolean => zones.some((z) => n.toLowerCase().endsWith(`${z.toLowerCase().replace(/\.$/, '')}.`));
  const cname = resolution.queries.flatMap((q) => q.answer).find((r) => r.type === 'CNAME' && inZone(r.name) && !inZone(r.data));
  return cname && { asked: resolution.result.name, target: cname.data };
}

export function planName(
  ctx: TraceContext, source: Source, from: string, to: { name: string; port: number }, proto: Protocol | undefined,
): Resolved<{ dest: Destination; dns: NamePlan }> {
  const [kind, ns, podName] = from.split('/');
  const pod = kind === 'pod' ? ctx.cluster.pods.find((p) => p.metadata.namespace === ns && p.metadata.name === podName) : undefined;
  if (!pod) return { ok: false, error: `a name is resolved by a pod's resolver: --from must be pod/NS/NAME to reach "${to.name}"` };
  if (to.port < 1 || to.port > 65535) return { ok: false, error: `port ${to.port} is out of range 1-65535` };
  const resolution = resolveFromPod(ctx.cluster, pod, to.name);
  const withDNS = contextWithDNS(ctx);
  const first = resolution.queries.length > 0 && resolution.queries[0]!.server === 'cluster' ? canonicalIP(resolution.resolvConf.nameservers[0]!) : undefined;
  const address = canonicalIP(resolution.result.addresses[0] ?? '') ?? first ?? source.ip!;
  const externalAlias = externalAliasOf(resolution, ctx.cluster.spec.dns.zones);
  const dns: NamePlan = { name: to.name, ctx: withDNS, resolution, ...(first && { server: first }), ...(externalAlias && { externalAlias }) };
  // An unresolved name never reaches its connection; dest then only names the server asked.
  return { ok: true, value: { dest: { ip: address, port: to.port, proto: proto ?? 'TCP' }, dns } };
}
