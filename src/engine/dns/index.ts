// Cluster DNS: CoreDNS's kubernetes plugin over the loaded cluster, the kubelet's resolv.conf
// and glibc's search, and the kube-dns Service a cluster without one gets.

export type * from './types';
export { createDnsServer, query, type DnsServer } from './server';
export { renderRecord, renderResponse } from './render';
export { podResolvConf, renderResolvConf, ndotsOf, type ResolvConf } from './resolv-conf';
export { resolveFromPod, search, type Resolution, type ResolverQuery, type ResolveStatus, type AddressType } from './resolver';
export { dnsServerIPs, findDNSService, needsClusterDNS, withClusterDNS, withNeededClusterDNS } from './kube-dns';
export { reverseName } from './names';
export { UPSTREAM_DEFAULT_TTL } from './upstream';
