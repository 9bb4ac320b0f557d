// KubeProxyConfiguration as kube-proxy reads it on Linux: the v1alpha1 defaults
// (pkg/proxy/apis/config/v1alpha1/defaults.go: masqueradeBit 14, localhostNodePorts true),
// the conversion to the internal type (v1alpha1/conversion.go: clusterCIDR split on commas,
// masqueradeAll taken from `nftables` in nftables mode), platformApplyDefaults
// (cmd/kube-proxy/app/server_linux.go: mode "" is iptables, detectLocalMode "" is ClusterCIDR,
// nftables mode defaults nodePortAddresses to "primary"), then the checks of
// pkg/proxy/apis/config/validation/validation.go with its messages. Field paths are the YAML
// names a scenario author wrote (`iptables.masqueradeBit`), not kube-proxy's Go struct paths.

import type { ClusterSpec, ProxyConfig } from '../model/cluster';
import type { DetectLocalMode, KubeProxyConfiguration, ProxyMode } from '../model/k8s';
import { formatCIDR, parseCIDR, type CIDR } from '../net/ip';
import { FieldPath, invalid, notSupported, path, type FieldError } from './field-errors';
import { checkTypes } from './schema';

const PROXY_MODES: readonly ProxyMode[] = ['iptables', 'ipvs', 'nftables'];
const DETECT_LOCAL_MODES: readonly DetectLocalMode[] = ['ClusterCIDR', 'NodeCIDR', 'BridgeInterface', 'InterfaceNamePrefix'];
const IPVS_SCHEDULERS = ['rr', 'wrr', 'lc', 'wlc', 'lblc', 'lblcr', 'sh', 'dh', 'sed', 'nq'];
const NODE_PORT_ADDRESSES_PRIMARY = 'primary';

/** The v1alpha1 fields kubehops reads, as they may arrive: any of them null. */
interface ProxyDocument {
  mode?: string | null;
  clusterCIDR?: string | null;
  detectLocalMode?: string | null;
  detectLocal?: { bridgeInterface?: string | null; interfaceNamePrefix?: string | null } | null;
  iptables?: { masqueradeAll?: boolean | null; masqueradeBit?: number | null; localhostNodePorts?: boolean | null } | null;
  nftables?: { masqueradeAll?: boolean | null; masqueradeBit?: number | null } | null;
  ipvs?: { scheduler?: string | null } | null;
  nodePortAddresses?: string[] | null;
}

/** kube-proxy as kubeadm deploys it: every default, clusterCIDR set to the pod CIDRs. */
function kubeadmProxyConfig(spec: ClusterSpec): ProxyConfig {
  return {
    mode: 'iptables',
    clusterCIDRs: [...spec.podCIDRs],
    detectLocalMode: 'ClusterCIDR',
    bridgeInterface: '',
    interfaceNamePrefix: '',
    masqueradeAll: false,
    masqueradeBit: 14,
    localhostNodePorts: true,
    nodePortAddresses: [],
    ipvsScheduler: 'rr',
  };
}

const CLUSTER_CIDR_PAIR = 'must be a either a single CIDR or dual-stack pair of CIDRs (e.g. [10.100.0.0/16, fde4:8dba:82e1::/48]';

/** The comma-separated clusterCIDR, checked as validateDualStackCIDRStrings checks it. */
function readClusterCIDR(text: string, check: boolean, errors: FieldError[]): CIDR[] {
  if (text === '') return [];
  const at = path('clusterCIDR');
  const parts = text.split(',');
  if (parts.length > 2) {
    if (check) errors.push(invalid(at, text, CLUSTER_CIDR_PAIR));
    return [];
  }
  const parsed = parts.map((p) => {
    const cidr = parseCIDR(p);
    if (!cidr && check) errors.push(invalid(at, p, 'must be a valid CIDR block (e.g. 10.100.0.0/16 or fde4:8dba:82e1::/48)'));
    return cidr;
  });
  const [first, second] = parsed;
  if (check && first && second && first.family === second.family) errors.push(invalid(at, text, CLUSTER_CIDR_PAIR));
  return parsed.filter((c) => c !== undefined).map(formatCIDR);
}

/** validateKubeProxyNodePortAddress: CIDRs, or "primary" alone. */
function readNodePortAddresses(values: string[], errors: FieldError[]): string[] {
  const at = path('nodePortAddresses');
  for (const [i, value] of values.entries()) {
    if (value === NODE_PORT_ADDRESSES_PRIMARY) {
      if (i !== 0 || values.length !== 1) errors.push(invalid(at.index(i), value, "can't use both 'primary' and CIDRs"));
      break;
    }
    if (!parseCIDR(value)) errors.push(invalid(at.index(i), value, 'must be a valid CIDR'));
  }
  return [...values];
}

function masqueradeBit(value: number | null | undefined, at: FieldPath, errors: FieldError[]): number {
  if (value == null) return 14;
  if (value < 0 || value > 31) errors.push(invalid(at, value, 'must be within the range [0, 31]'));
  return value;
}

function readMode(doc: ProxyDocument, errors: FieldError[]): ProxyMode {
  const mode = doc.mode ?? '';
  if (mode === '') return 'iptables';
  if ((PROXY_MODES as readonly string[]).includes(mode)) return mode as ProxyMode;
  errors.push(invalid(path('mode'), mode, 'must be iptables, ipvs, nftables or blank (blank means the best-available proxy [currently iptables])'));
  return 'iptables';
}

function readDetectLocal(doc: ProxyDocument, errors: FieldError[]): Pick<ProxyConfig, 'detectLocalMode' | 'bridgeInterface' | 'interfaceNamePrefix'> {
  const given = doc.detectLocalMode ?? '';
  let detectLocalMode: DetectLocalMode = 'ClusterCIDR';
  if ((DETECT_LOCAL_MODES as readonly string[]).includes(given)) detectLocalMode = given as DetectLocalMode;
  else if (given !== '') errors.push(notSupported(path('detectLocalMode'), given, [...DETECT_LOCAL_MODES, '']));
  const bridgeInterface = doc.detectLocal?.bridgeInterface ?? '';
  const interfaceNamePrefix = doc.detectLocal?.interfaceNamePrefix ?? '';
  if (detectLocalMode === 'BridgeInterface' && bridgeInterface === '') {
    errors.push(invalid(path('detectLocal', 'bridgeInterface'), '', 'must not be empty'));
  }
  if (detectLocalMode === 'InterfaceNamePrefix' && interfaceNamePrefix === '') {
    errors.push(invalid(path('detectLocal', 'interfaceNamePrefix'), '', 'must not be empty'));
  }
  return { detectLocalMode, bridgeInterface, interfaceNamePrefix };
}

function readScheduler(doc: ProxyDocument, mode: ProxyMode, errors: FieldError[]): string {
  const scheduler = doc.ipvs?.scheduler ?? '';
  if (mode === 'ipvs' && scheduler !== '' && !IPVS_SCHEDULERS.includes(scheduler)) {
    errors.push(invalid(path('ipvs', 'scheduler'), scheduler,
      `must be in [${IPVS_SCHEDULERS.join(' ')} ], blank means the default algorithm method (currently rr)`));
  }
  return scheduler === '' ? 'rr' : scheduler;
}

/**
 * Reads the scenario's KubeProxyConfiguration (undefined: none) as kube-proxy would, filling
 * its defaults. Without a document, clusterCIDR is the Cluster's pod CIDRs, as kubeadm writes
 * it; in a document, a clusterCIDR left out is filled the same way, while an explicit
 * `clusterCIDR: ""` means none (no ClusterCIDR local-traffic detector). Any error refuses the
 * document: the errors come back with the kubeadm configuration.
 */
export function readProxyConfig(doc: KubeProxyConfiguration | undefined, spec: ClusterSpec): { config: ProxyConfig; errors: FieldError[] } {
  const defaults = kubeadmProxyConfig(spec);
  if (doc === undefined) return { config: defaults, errors: [] };
  const typed = checkTypes('KubeProxyConfiguration', doc);
  if (typed.errors.length > 0) return { config: defaults, errors: typed.errors };
  const d = doc as ProxyDocument;
  const errors: FieldError[] = [];
  const mode = readMode(d, errors);
  const detectLocal = readDetectLocal(d, errors);
  const clusterCIDRs = d.clusterCIDR == null
    ? defaults.clusterCIDRs
    : readClusterCIDR(d.clusterCIDR, detectLocal.detectLocalMode === 'ClusterCIDR', errors);
  const iptablesBit = masqueradeBit(d.iptables?.masqueradeBit, path('iptables', 'masqueradeBit'), errors);
  const nftables = mode === 'nftables';
  const nodePortAddresses = readNodePortAddresses(d.nodePortAddresses ?? [], errors);
  const config: ProxyConfig = {
    mode,
    clusterCIDRs,
    ...detectLocal,
    masqueradeAll: (nftables ? d.nftables?.masqueradeAll : d.iptables?.masqueradeAll) ?? false,
    masqueradeBit: nftables ? masqueradeBit(d.nftables?.masqueradeBit, path('nftables', 'masqueradeBit'), errors) : iptablesBit,
    localhostNodePorts: d.iptables?.localhostNodePorts ?? true,
    nodePortAddresses: nftables && nodePortAddresses.length === 0 ? [NODE_PORT_ADDRESSES_PRIMARY] : nodePortAddresses,
    ipvsScheduler: readScheduler(d, mode, errors),
    source: doc,
  };
  return errors.length > 0 ? { config: defaults, errors } : { config, errors };
}
