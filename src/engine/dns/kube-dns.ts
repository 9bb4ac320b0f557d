// The cluster DNS Service: `kube-system/kube-dns` (kubeadm's name for the CoreDNS Service)
// when the scenario defines it. Otherwise kubehops synthesizes one the way kubeadm installs
// it (DESIGN.md, "Scenario format"): a ClusterIP Service on the tenth address of the first
// service CIDR (kubeadm's --service-dns-address default, or the next free address), ports
// dns/53 UDP, dns-tcp/53 TCP and metrics/9153, selecting k8s-app=kube-dns; two CoreDNS pods,
// coredns-0 and coredns-1, on the first nodes (kubeadm's Deployment has two replicas); and
// the EndpointSlice the controller would publish for them. The synthesized objects go through
// the same pod IPAM and EndpointSlice controller as the scenario's own objects.

import { assignPodAddresses } from '../control/pod-ipam';
import { slicesForService } from '../control/endpointslice-controller';
import { defaultService } from '../manifests/defaults/service';
import { byNamespaceName } from '../control/names';
import type { ClusterModel } from '../model/cluster';
import type { Pod, Service } from '../model/k8s';
import { canonicalIP, cidrAddress, cidrSize, parseCIDR, type IP } from '../net/ip';

export const DNS_NAMESPACE = 'kube-system';
export const DNS_SERVICE = 'kube-dns';
const DNS_LABELS = { 'k8s-app': 'kube-dns' };
/** kubeadm: the DNS Service takes the tenth address of the service CIDR. */
const DNS_ADDRESS_INDEX = 10n;
const COREDNS_REPLICAS = 2;

export const findDNSService = (cluster: ClusterModel): Service | undefined =>
  cluster.services.find((s) => s.metadata.namespace === DNS_NAMESPACE && s.metadata.name === DNS_SERVICE);

/** The ClusterIP a synthesized kube-dns takes: the tenth address of the first service CIDR, or the next free one. */
function synthesizedAddress(cluster: ClusterModel): IP | undefined {
  const cidr = cluster.spec.serviceCIDRs[0] && parseCIDR(cluster.spec.serviceCIDRs[0]);
  if (!cidr) return undefined;
  const taken = new Set(cluster.services.flatMap((s) => s.spec.clusterIPs ?? (s.spec.clusterIP ? [s.spec.clusterIP] : [])).map((ip) => canonicalIP(ip)));
  for (let n = DNS_ADDRESS_INDEX; n < cidrSize(cidr) - 1n; n++) {
    const ip = cidrAddress(cidr, n);
    if (!taken.has(ip)) return ip;
  }
  return undefined;
}

/** The DNS server's addresses (the kube-dns ClusterIPs): what the kubelet writes as `nameserver`. */
export function dnsServerIPs(cluster: ClusterModel): IP[] {
  const svc = findDNSService(cluster);
  if (svc) return (svc.spec.clusterIPs ?? [svc.spec.clusterIP ?? '']).flatMap((ip) => canonicalIP(ip) ?? []);
  const ip = synthesizedAddress(cluster);
  return ip ? [ip] : [];
}

function kubeDNSService(ip: IP): Service {
  const svc: Service = {
    apiVersion: 'v1', kind: 'Service',
    metadata: { name: DNS_SERVICE, namespace: DNS_NAMESPACE, labels: { ...DNS_LABELS, 'kubernetes.io/name': 'CoreDNS' } },
    spec: {
      clusterIP: ip, clusterIPs: [ip], selector: { ...DNS_LABELS },
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
        { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
        { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
      ],
    },
  };
  return defaultService(svc, { serviceFamilies: ip.includes(':') ? ['IPv6'] : ['IPv4'] });
}

function corednsPod(index: number, nodeName: string): Pod {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name: `coredns-${index}`, namespace: DNS_NAMESPACE, labels: { ...DNS_LABELS } },
    spec: {
      nodeName, dnsPolicy: 'Default',
      containers: [{
        name: 'coredns', image: 'registry.k8s.io/coredns/coredns',
        ports: [{ name: 'dns', containerPort: 53, protocol: 'UDP' }, { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' }, { name: 'metrics', containerPort: 9153, protocol: 'TCP' }],
      }],
    },
  };
}

/**
 * The cluster with a cluster DNS: unchanged when it has kube-system/kube-dns (or no node to run
 * CoreDNS on, or no free service address), else with the synthesized Service, pods and slice.
 */
/** A scenario needs cluster DNS when it has a Service only DNS can reach: headless or ExternalName. */
export const needsClusterDNS = (cluster: ClusterModel): boolean =>
  cluster.services.some((s) => s.spec.type === 'ExternalName' || s.spec.clusterIP === 'None');

/**
 * The cluster kube-proxy programs rules for (DESIGN.md): the scenario's own Services, plus a
 * synthesized kube-dns when the scenario needs DNS and has none.
 */
export const withNeededClusterDNS = (cluster: ClusterModel): ClusterModel =>
  needsClusterDNS(cluster) ? withClusterDNS(cluster) : cluster;

export function withClusterDNS(cluster: ClusterModel): ClusterModel {
  if (findDNSService(cluster) || cluster.nodes.length === 0) return cluster;
  const ip = synthesizedAddress(cluster);
  if (!ip) return cluster;
  const service = kubeDNSService(ip);
  const nodes = cluster.nodes.map((n) => n.metadata.name ?? '');
  const fresh = Array.from({ length: COREDNS_REPLICAS }, (_, i) => corednsPod(i, nodes[i % nodes.length]!));
  const sourced = [...cluster.pods, ...fresh].map((object) => ({ doc: 0, object }));
  const pods = assignPodAddresses(sourced, cluster.nodes).pods.map((p) => p.object);
  const taken = new Set(cluster.endpointSlices.filter((s) => s.metadata.namespace === DNS_NAMESPACE).map((s) => s.metadata.name ?? ''));
  const slices = slicesForService(service, pods, {
    seed: 1, nodes: new Map(cluster.nodes.map((n) => [n.metadata.name ?? '', n])), takenNames: () => taken,
  });
  return {
    ...cluster,
    pods: [...pods].sort(byNamespaceName),
    services: [...cluster.services, service].sort(byNamespaceName),
    endpointSlices: [...cluster.endpointSlices, ...slices].sort(byNamespaceName),
  };
}
