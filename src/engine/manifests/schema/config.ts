// The two settings kinds: kube-proxy's kubeproxy.config.k8s.io/v1alpha1
// KubeProxyConfiguration (every field of k8s.io/kube-proxy/config/v1alpha1 types.go, so the
// `config.conf` kubeadm writes loads as it is; durations are strings such as "30s") and
// kubehops' own kubehops.dev/v1alpha1 Cluster (DESIGN.md, "Scenario format").

import { kind } from './meta';
import { any, arr, bool, int, map, num, obj, str, strs } from './types';

const syncPeriods = { syncPeriod: str, minSyncPeriod: str };

export const kubeProxyConfiguration = kind({
  featureGates: map(bool),
  clientConnection: obj({ kubeconfig: str, acceptContentTypes: str, contentType: str, qps: num, burst: int }),
  logging: any,
  hostnameOverride: str,
  bindAddress: str,
  healthzBindAddress: str,
  metricsBindAddress: str,
  bindAddressHardFail: bool,
  enableProfiling: bool,
  showHiddenMetricsForVersion: str,
  mode: str,
  iptables: obj({ masqueradeBit: int, masqueradeAll: bool, localhostNodePorts: bool, snatNodeInternalIP: bool, ...syncPeriods }),
  ipvs: obj({
    ...syncPeriods, scheduler: str, excludeCIDRs: strs, strictARP: bool, tcpTimeout: str, tcpFinTimeout: str, udpTimeout: str,
  }),
  nftables: obj({ masqueradeBit: int, masqueradeAll: bool, ...syncPeriods }),
  winkernel: obj({
    networkName: str, sourceVip: str, enableDSR: bool, rootHnsEndpointName: str, forwardHealthCheckVip: bool,
  }),
  detectLocalMode: str,
  detectLocal: obj({ bridgeInterface: str, interfaceNamePrefix: str }),
  clusterCIDR: str,
  nodePortAddresses: strs,
  oomScoreAdj: int,
  conntrack: obj({
    maxPerCore: int, min: int, tcpEstablishedTimeout: str, tcpCloseWaitTimeout: str, tcpBeLiberal: bool,
    udpTimeout: str, udpStreamTimeout: str,
  }),
  configSyncPeriod: str,
  portRange: str,
  windowsRunAsService: bool,
});

export const cluster = kind({
  spec: obj({
    serviceCIDRs: strs,
    podCIDRs: strs,
    serviceNodePortRange: str,
    cni: obj({ model: str }),
    cloud: obj({ provider: str }),
    dns: obj({
      zones: strs,
      pods: str,
      ttl: int,
      namespaces: strs,
      ignoreEmptyService: bool,
      endpointPodNames: bool,
      fallthrough: bool,
      upstream: arr(obj({ name: str, type: str, data: str, ttl: int })),
    }),
    clients: arr(obj({ name: str, ip: str })),
  }),
});
