// The /etc/resolv.conf the kubelet writes into a pod (kubernetes pkg/kubelet/network/dns
// dns.go: getPodDNSType, generateSearchesForDNSClusterFirst, appendDNSConfig,
// mergeDNSOptions, formDNSConfigFitsLimits). ClusterFirst (the API default) and
// ClusterFirstWithHostNet get the cluster DNS as the only nameserver, the search list
// `<ns>.svc.<zone> svc.<zone> <zone>` and `options ndots:5`; ClusterFirst on the host network,
// and Default, take the node's resolv.conf, which kubehops does not model beyond "the node's
// resolver answers as the upstream does"; None starts empty. `dnsConfig` is then appended.

import type { ClusterModel } from '../model/cluster';
import type { Pod } from '../model/k8s';
import { dnsServerIPs } from './kube-dns';

export interface ResolvConf {
  readonly nameservers: readonly string[];
  readonly search: readonly string[];
  readonly options: readonly string[];
  /** Started from the node's own resolv.conf (dnsPolicy Default, or ClusterFirst with hostNetwork). */
  readonly fromHost: boolean;
}

/** kubelet limits (validation.MaxDNSNameservers, MaxDNSSearchPaths). */
const MAX_NAMESERVERS = 3;
const MAX_SEARCHES = 32;
/** glibc's defaults and cap (resolv/res_init.c RES_DFLNDOTS... RES_MAXNDOTS). */
const DEFAULT_NDOTS = 1;
const MAX_NDOTS = 15;

const omitDuplicates = (list: readonly string[]): string[] => [...new Set(list)];

type PodDNSType = 'cluster' | 'host' | 'none';

function podDNSType(pod: Pod): PodDNSType {
  switch (pod.spec.dnsPolicy ?? 'ClusterFirst') {
    case 'None': return 'none';
    case 'ClusterFirstWithHostNet': return 'cluster';
    case 'ClusterFirst': return pod.spec.hostNetwork ? 'host' : 'cluster';
    default: return 'host';
  }
}

/**
 * mergeDNSOptions: the pod's options replace same-named ones. The kubelet builds them from a Go
 * map, so its order varies from pod to pod; kubehops writes them sorted by name.
 */
function mergeOptions(existing: readonly string[], given: readonly { name: string; value?: string }[]): string[] {
  const merged = new Map<string, string>();
  for (const op of existing) {
    const i = op.indexOf(':');
    merged.set(i < 0 ? op : op.slice(0, i), i < 0 ? '' : op.slice(i + 1));
  }
  for (const op of given) merged.set(op.name, op.value ?? '');
  return [...merged.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([n, v]) => (v === '' ? n : `${n}:${v}`));
}

/** The resolv.conf of `pod` in `cluster`. */
export function podResolvConf(cluster: ClusterModel, pod: Pod): ResolvConf {
  const type = podDNSType(pod);
  const zone = cluster.spec.dns.zones[0] ?? 'cluster.local';
  const ns = pod.metadata.namespace ?? 'default';
  let conf = { nameservers: [] as string[], search: [] as string[], options: [] as string[] };
  if (type === 'cluster') conf = { nameservers: dnsServerIPs(cluster), search: [`${ns}.svc.${zone}`, `svc.${zone}`, zone], options: ['ndots:5'] };
  const extra = pod.spec.dnsConfig;
  if (extra) {
    conf = {
      nameservers: omitDuplicates([...conf.nameservers, ...(extra.nameservers ?? [])]),
      search: omitDuplicates([...conf.search, ...(extra.searches ?? [])]),
      options: mergeOptions(conf.options, extra.options ?? []),
    };
  }
  return {
    nameservers: conf.nameservers.slice(0, MAX_NAMESERVERS), search: conf.search.slice(0, MAX_SEARCHES),
    options: conf.options, fromHost: type === 'host',
  };
}

/** `options ndots:N` as glibc reads it: the last one wins, capped at 15; 1 when absent. */
export function ndotsOf(conf: ResolvConf): number {
  let ndots = DEFAULT_NDOTS;
  for (const op of conf.options) {
    const m = /^ndots:(\d+)$/.exec(op);
    if (m) ndots = Math.min(Number(m[1]), MAX_NDOTS);
  }
  return ndots;
}

/** The file as the kubelet writes it. */
export function renderResolvConf(conf: ResolvConf): string {
  return [
    ...(conf.fromHost ? ["# from the node's /etc/resolv.conf (its resolver answers as the cluster's upstream)"] : []),
    ...(conf.search.length > 0 ? [`search ${conf.search.join(' ')}`] : []),
    ...conf.nameservers.map((n) => `nameserver ${n}`),
    ...(conf.options.length > 0 ? [`options ${conf.options.join(' ')}`] : []),
  ].join('\n');
}
