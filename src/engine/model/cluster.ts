// The loaded cluster: what kube-proxy, the CNI and CoreDNS on a real cluster would see once
// the API server has defaulted every object and the controllers have done their work.

import type { CIDR, IP } from '../net/ip';
import type {
  EndpointSlice, KubeProxyConfiguration, Namespace, Node, Pod, ProxyMode, DetectLocalMode, Service,
} from './k8s';

export const CNI_MODELS = ['direct', 'vxlan', 'vpc'] as const;
export type CNIModel = (typeof CNI_MODELS)[number];

export const CLOUD_PROVIDERS = ['none', 'generic', 'gcp', 'azure', 'aws', 'metallb'] as const;
export type CloudProvider = (typeof CLOUD_PROVIDERS)[number];

export const DNS_POD_MODES = ['disabled', 'insecure', 'verified'] as const;
export type DNSPodMode = (typeof DNS_POD_MODES)[number];

export interface UpstreamRecord {
  name: string;
  type: string;
  data: string;
  ttl?: number;
}

export interface DNSSpec {
  zones: string[];
  pods: DNSPodMode;
  ttl: number;
  namespaces: string[];
  ignoreEmptyService: boolean;
  endpointPodNames: boolean;
  fallthrough: boolean;
  upstream: UpstreamRecord[];
}

export interface ExternalClient {
  name: string;
  ip: IP;
}

/** The kubehops.dev/v1alpha1 Cluster spec with every default filled (a kubeadm cluster's). */
export interface ClusterSpec {
  serviceCIDRs: CIDR[];
  podCIDRs: CIDR[];
  serviceNodePortRange: { min: number; max: number };
  cni: { model: CNIModel };
  cloud: { provider: CloudProvider };
  dns: DNSSpec;
  clients: ExternalClient[];
}

/** KubeProxyConfiguration as kube-proxy reads it, defaults applied. */
export interface ProxyConfig {
  mode: ProxyMode;
  /** Empty when there is no cluster CIDR (no ClusterCIDR local-traffic detector). */
  clusterCIDRs: CIDR[];
  detectLocalMode: DetectLocalMode;
  bridgeInterface: string;
  interfaceNamePrefix: string;
  masqueradeAll: boolean;
  masqueradeBit: number;
  localhostNodePorts: boolean;
  nodePortAddresses: string[];
  ipvsScheduler: string;
  /** The document as given, when the scenario had one. */
  source?: KubeProxyConfiguration;
}

export interface ClusterModel {
  name: string;
  spec: ClusterSpec;
  proxy: ProxyConfig;
  namespaces: Namespace[];
  nodes: Node[];
  pods: Pod[];
  services: Service[];
  endpointSlices: EndpointSlice[];
}
