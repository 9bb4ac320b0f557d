// The engine's public surface: the only module the UI, the CLI and the tests outside
// src/engine import. Everything here is pure and deterministic.

/** Addresses and prefixes: parse, format, contain. */
export { parseIP, formatIP, canonicalIP, parseCIDR, formatCIDR, cidrContains, type IP, type CIDR } from './net/ip';
/** The Kubernetes API object types kubehops reads. */
export type * from './model/k8s';
export { LABEL_SERVICE_NAME } from './model/k8s';
/** The loaded cluster and its kubehops-only settings. */
export type * from './model/cluster';
export { CNI_MODELS, CLOUD_PROVIDERS, DNS_POD_MODES } from './model/cluster';
/** Input errors: the API server's field errors, and their one-line text. */
export { renderFieldError, type FieldError, type ErrorType } from './manifests/field-errors';
/** One input file of a scenario. */
export type { SourceText } from './manifests/parse';
/** Loads a scenario: each document's verdict and the cluster the valid ones make. */
export { loadScenario, type LoadResult, type LoadOptions, type DocumentReport } from './manifests/load';
/** kube-proxy iptables mode: the ruleset a node gets (restore input) and its iptables-save form. */
export { rulesForNode, iptablesRuleset, renderIptablesSave } from './proxy/iptables';
/** The tracer: a packet and its reply through routing, netfilter and conntrack on every host. */
export {
  createTraceContext, planTrace, traceAll, traceSeeded, initialState, renderHop, renderHops, renderOutcome, renderPacket,
  type TraceContext, type TraceOptions, type TraceResult, type SimState, type Hop, type HopPacket, type TraceOutcome,
  type TraceRequest, type Verdict, type DecidedBy, type Leg, type LbEvent,
} from './trace';
/** Cloud load balancers: one per LoadBalancer Service (the scenario summary's cost fact), its style, targets and health checks. */
export {
  cloudSummary, renderCloudSummary, planLoadBalancers, hasLbHost,
  type CloudSummary, type CloudSummaryLine, type CloudLoadBalancer, type LbTarget, type LbStyle, type HealthCheck,
} from './cloud';
/** The Service registry's nodePort allocator: for a host that changes a loaded Service as an update would (the UI's what-if). */
export { createPortPool, reserveNodePorts, allocateNodePorts, needsHealthCheck, type PortPool } from './control/node-ports';
export { DEFAULT_CLIENT_IP_AFFINITY_SECONDS } from './manifests/defaults/service';
/** conntrack -L of a host's table after a trace. */
export { renderConntrackList } from './conntrack';
/** The network a cluster's CNI model builds (hosts, interfaces, routes) and each host's view of it in iproute2's words. */
export {
  buildNetwork, planNetwork, renderHostNetwork, HOST_VIEWS, type Network, type Host, type HostView, type HostSection,
} from './routing';
/** Cluster DNS as CoreDNS's kubernetes plugin serves it, and the pod resolver (resolv.conf, glibc search). */
export {
  query, createDnsServer, needsClusterDNS, withNeededClusterDNS, renderRecord, renderResponse, podResolvConf, renderResolvConf, resolveFromPod,
  type AddressType, type DnsRecord,
} from './dns';
