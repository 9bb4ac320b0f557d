// kube-proxy's LocalTrafficDetector (pkg/proxy/util/localdetector.go) as kube-proxy builds it
// per IP family from its configuration (cmd/kube-proxy/app/server_linux.go getLocalDetectors):
// the first cluster CIDR or node pod CIDR of the family (`-s cidr` / `! -s cidr`), a bridge
// (`-i br` / `! -i br`), an interface prefix (`-i prefix+`), or none at all.

import type { ProxyConfig } from '../../model/cluster';
import type { Node } from '../../model/k8s';
import { formatCIDR, parseCIDR, type IPFamily } from '../../net/ip';

export interface LocalDetector {
  /** Matches traffic from local pods. */
  readonly ifLocal: readonly string[];
  /** Matches traffic not from local pods. */
  readonly ifNotLocal: readonly string[];
}

const byCIDR = (cidr: string): LocalDetector => ({ ifLocal: ['-s', cidr], ifNotLocal: ['!', '-s', cidr] });
const byInterface = (name: string): LocalDetector => ({ ifLocal: ['-i', name], ifNotLocal: ['!', '-i', name] });

function firstOfFamily(cidrs: readonly string[], family: IPFamily): string | undefined {
  for (const text of cidrs) {
    const cidr = parseCIDR(text);
    if (cidr?.family === family) return formatCIDR(cidr);
  }
  return undefined;
}

const nodePodCIDRs = (node: Node | undefined): string[] =>
  node?.spec?.podCIDRs?.length ? node.spec.podCIDRs : node?.spec?.podCIDR ? [node.spec.podCIDR] : [];

/** The detector for one family; undefined where kube-proxy uses its no-op detector. */
export function localDetectorFor(proxy: ProxyConfig, node: Node | undefined, family: IPFamily): LocalDetector | undefined {
  switch (proxy.detectLocalMode) {
    case 'ClusterCIDR': {
      const cidr = firstOfFamily(proxy.clusterCIDRs, family);
      return cidr === undefined ? undefined : byCIDR(cidr);
    }
    case 'NodeCIDR': {
      const cidr = firstOfFamily(nodePodCIDRs(node), family);
      return cidr === undefined ? undefined : byCIDR(cidr);
    }
    case 'BridgeInterface':
      return proxy.bridgeInterface ? byInterface(proxy.bridgeInterface) : undefined;
    case 'InterfaceNamePrefix':
      return proxy.interfaceNamePrefix ? byInterface(`${proxy.interfaceNamePrefix}+`) : undefined;
    default:
      return undefined;
  }
}
