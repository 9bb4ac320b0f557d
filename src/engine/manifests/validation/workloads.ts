// Create-time validation of the workload kinds, for the fields kubehops models (names,
// containers and their ports, nodeName, hostname/subdomain, DNS policy and config, pod IPs,
// node taints, pod CIDRs and addresses, selectors and replicas). Follows
// pkg/apis/core/validation/validation.go (ValidatePodCreate, ValidatePodSpec,
// validateContainers, validateContainerPorts, validatePodDNSConfig, validatePodIPs,
// ValidateNode, ValidateNamespace, ValidatePodTemplateSpec) and
// pkg/apis/apps/validation/validation.go (Deployment, StatefulSet, DaemonSet).
// Pod status and node addresses are written by the kubelet through status updates; they are
// checked with the status-update rules (validatePodIPs, the duplicate-address check of
// ValidateNodeUpdate). Expects defaulted objects, as the API server validates after defaulting.

import type {
  Container, ContainerPort, DaemonSet, Deployment, Namespace, Node, Pod, PodDNSConfig, PodSpec,
  PodTemplateSpec, StatefulSet,
} from '../../model/k8s';
import { PROTOCOLS } from '../../model/k8s';
import { FieldPath, duplicate, invalid, notSupported, path, required, type FieldError } from '../field-errors';
import { validateLabels, validateObjectMeta } from './meta';
import {
  byteLength, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue, isValidPortName, isValidPortNum, maxLenError,
  regexError,
} from './names';
import { labelSelectorAsSelector, selectorMismatch, selectorTerms, validateLabelSelector, validateWorkloadSelector } from './selector';
import {
  isDualStack, isValidCIDR, isValidIP, parseCIDRSloppy, parseIPSloppy, validateDNS1123LabelAt, validateNodeNameAt,
} from './endpoints';

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const list = <T>(v: T[] | null | undefined): T[] => (Array.isArray(v) ? v : []);
const isObject = (v: unknown): boolean => typeof v === 'object' && v !== null && !Array.isArray(v);
const SUPPORTED_PROTOCOLS: readonly string[] = [...PROTOCOLS].sort();
const DNS_POLICIES: readonly string[] = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const TAINT_EFFECTS: readonly string[] = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const MAX_DNS_NAMESERVERS = 3;
const MAX_DNS_SEARCH_PATHS = 32;
const MAX_DNS_SEARCH_LIST_CHARS = 2048;

/** ValidateNonnegativeField. */
const nonNegative = (value: number, at: FieldPath): FieldError[] =>
  value < 0 ? [invalid(at, value, 'must be greater than or equal to 0')] : [];

// ---- Pod --------------------------------------------------------------------------------

function validateContainerPorts(ports: ContainerPort[], at: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const p = at.index(i);
    const name = str(port?.name);
    const nameErrs = name.length > 0 ? isValidPortName(name) : [];
    nameErrs.forEach((msg) => errs.push(invalid(p.child('name'), name, msg)));
    if (name.length > 0 && nameErrs.length === 0) {
      if (names.has(name)) errs.push(duplicate(p.child('name'), name));
      else names.add(name);
    }
    const containerPort = port?.containerPort ?? 0;
    if (containerPort === 0) errs.push(required(p.child('containerPort')));
    else isValidPortNum(containerPort).forEach((msg) => errs.push(invalid(p.child('containerPort'), containerPort, msg)));
    const hostPort = port?.hostPort ?? 0;
    if (hostPort !== 0) isValidPortNum(hostPort).forEach((msg) => errs.push(invalid(p.child('hostPort'), hostPort, msg)));
    const protocol = str(port?.protocol);
    if (protocol === '') errs.push(required(p.child('protocol')));
    else if (!SUPPORTED_PROTOCOLS.includes(protocol)) errs.push(notSupported(p.child('protocol'), protocol, SUPPORTED_PROTOCOLS));
  });
  return errs;
}

/** validateContainerCommon, for the modelled fields: name, image, ports. */
function validateContainer(c: Container, at: FieldPath): FieldError[] {
  const name = str(c?.name);
  const errs = name === '' ? [required(at.child('name'))] : validateDNS1123LabelAt(name, at.child('name'));
  if (str(c?.image) === '') errs.push(required(at.child('image')));
  errs.push(...validateContainerPorts(list(c?.ports), at.child('ports')));
  return errs;
}

/** AccumulateUniqueHostPorts: a hostIP/protocol/hostPort triple may be claimed once. */
function checkHostPortConflicts(containers: Container[], at: FieldPath): FieldError[] {
  const seen = new Set<string>();
  const errs: FieldError[] = [];
  containers.forEach((c, ci) => list(c?.ports).forEach((port, pi) => {
    if (!port?.hostPort) return;
    const key = `/${str(port.protocol)}/${port.hostPort}`;
    if (seen.has(key)) errs.push(duplicate(at.index(ci).child('ports').index(pi).child('hostPort'), key));
    else seen.add(key);
  }));
  return errs;
}

function validateContainers(containers: Container[], at: FieldPath): FieldError[] {
  if (containers.length === 0) return [required(at)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  containers.forEach((c, i) => {
    errs.push(...validateContainer(c, at.index(i)));
    const name = str(c?.name);
    if (names.has(name)) errs.push(duplicate(at.index(i).child('name'), name));
    else names.add(name);
  });
  return [...errs, ...checkHostPortConflicts(containers, at)];
}

/** validatePodHostNetworkDeps: on the host network a port's hostPort is its containerPort. */
function validateHostNetworkDeps(spec: PodSpec, at: FieldPath, isPod: boolean): FieldError[] {
  if (spec.hostNetwork !== true) return [];
  return list(spec.containers).flatMap((c, ci) => list(c?.ports).flatMap((port, pi) => {
    const hp = port?.hostPort ?? 0;
    if ((!isPod && hp === 0) || hp === port?.containerPort) return [];
    const hostPortPath = at.child('containers').index(ci).child('ports').index(pi).child('hostPort');
    return [invalid(hostPortPath, hp, 'must match `containerPort` when `hostNetwork` is true')];
  }));
}

function validateDNSPolicy(policy: unknown, at: FieldPath): FieldError[] {
  if (policy === '' || policy === undefined || policy === null) return [required(at)];
  return DNS_POLICIES.includes(policy as string) ? [] : [notSupported(at, policy, DNS_POLICIES)];
}

const UNDERSCORE_LABEL = '_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?';
const UNDERSCORE_SUBDOMAIN = `${UNDERSCORE_LABEL}(\\.${UNDERSCORE_LABEL})*`;

/** IsDNS1123SubdomainWithUnderscore, used for search domains (RelaxedDNSSearchValidation, on since 1.33). */
function isDNS1123SubdomainWithUnderscore(value: string): string[] {
  const errs = byteLength(value) > 253 ? [maxLenError(253)] : [];
  if (!new RegExp(`^${UNDERSCORE_SUBDOMAIN}$`).test(value)) {
    errs.push(regexError("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '_', '-' or '.', " +
      'and must start and end with an alphanumeric character', UNDERSCORE_SUBDOMAIN, 'example.com'));
  }
  return errs;
}

function validatePodDNSConfig(config: PodDNSConfig | undefined, policy: unknown, at: FieldPath): FieldError[] {
  if (policy === 'None' && !isObject(config)) return [required(at, 'must provide `dnsConfig` when `dnsPolicy` is None')];
  if (!config || !isObject(config)) return [];
  const nameservers = list(config.nameservers);
  const searches = list(config.searches);
  if (policy === 'None' && nameservers.length === 0) {
    return [required(at.child('nameservers'), 'must provide at least one DNS nameserver when `dnsPolicy` is None')];
  }
  const errs: FieldError[] = [];
  if (nameservers.length > MAX_DNS_NAMESERVERS) {
    errs.push(invalid(at.child('nameservers'), nameservers, `must not have more than ${MAX_DNS_NAMESERVERS} nameservers`));
  }
  nameservers.forEach((ns, i) => errs.push(...isValidIP(at.child('nameservers').index(i), str(ns))));
  if (searches.length > MAX_DNS_SEARCH_PATHS) {
    errs.push(invalid(at.child('searches'), searches, `must not have more than ${MAX_DNS_SEARCH_PATHS} search paths`));
  }
  if (byteLength(searches.join(' ')) > MAX_DNS_SEARCH_LIST_CHARS) {
    errs.push(invalid(at.child('searches'), searches,
      `must not have more than ${MAX_DNS_SEARCH_LIST_CHARS} characters (including spaces) in the search list`));
  }
  searches.forEach((s, i) => {
    if (s === '.') return;
    const search = str(s).replace(/\.$/, '');
    isDNS1123SubdomainWithUnderscore(search).forEach((m) => errs.push(invalid(at.child('searches').index(i), search, m)));
  });
  list(config.options).forEach((o, i) => {
    if (str(o?.name) === '') errs.push(required(at.child('options').index(i), 'must not be empty'));
  });
  return errs;
}

/** ValidatePodSpec for the modelled fields, in the API server's order. */
function validatePodSpec(spec: PodSpec, at: FieldPath, isPod: boolean): FieldError[] {
  const errs = [
    ...validateContainers(list(spec.containers), at.child('containers')),
    ...validateHostNetworkDeps(spec, at, isPod),
    ...validateDNSPolicy(spec.dnsPolicy, at.child('dnsPolicy')),
    ...validateLabels(spec.nodeSelector, at.child('nodeSelector')),
    ...validatePodDNSConfig(spec.dnsConfig, spec.dnsPolicy, at.child('dnsConfig')),
  ];
  const nodeName = str(spec.nodeName);
  if (nodeName.length > 0) errs.push(...validateNodeNameAt(nodeName, at.child('nodeName')));
  if (str(spec.hostname).length > 0) errs.push(...validateDNS1123LabelAt(str(spec.hostname), at.child('hostname')));
  if (str(spec.subdomain).length > 0) errs.push(...validateDNS1123LabelAt(str(spec.subdomain), at.child('subdomain')));
  return errs;
}

/**
 * The v1 -> internal conversion: podIP wins over podIPs when both are set and differ, and
 * stands alone when podIPs is empty. Errors are reported on the internal list.
 */
function effectivePodIPs(status: Pod['status']): { ip: string }[] {
  const podIPs = list(status?.podIPs);
  const podIP = str(status?.podIP);
  if (podIP !== '' && (podIPs.length === 0 || podIPs[0]?.ip !== podIP)) return [{ ip: podIP }];
  return podIPs;
}

/** validatePodIPs (status update): valid IPs, at most one per family, no duplicates. */
function validatePodIPs(status: Pod['status']): FieldError[] {
  const at = path('status', 'podIPs');
  const podIPs = effectivePodIPs(status);
  const errs = podIPs.flatMap((p, i) => isValidIP(at.index(i), str(p?.ip)));
  if (podIPs.length <= 1) return errs;
  const ips = podIPs.map((p) => str(p?.ip));
  if (!isDualStack(ips, parseIPSloppy) || ips.length > 2) {
    errs.push(invalid(at, podIPs, 'may specify no more than one IP for each IP family'));
  }
  const seen = new Set<string>();
  podIPs.forEach((p, i) => {
    if (seen.has(str(p?.ip))) errs.push(duplicate(at.index(i), p));
    seen.add(str(p?.ip));
  });
  return errs;
}

/** ValidatePodCreate for the modelled fields, plus the status-update rules for pod IPs. */
export function validatePod(p: Pod): FieldError[] {
  const spec: PodSpec = isObject(p?.spec) ? p.spec : { containers: [] };
  const specPath = path('spec');
  const errs = validateObjectMeta(p?.metadata, { namespaced: true, validateName: isDNS1123Subdomain });
  errs.push(...validatePodSpec(spec, specPath, true));
  list(spec.containers).forEach((c, i) => {
    const image = str(c?.image);
    if (image !== image.trim()) {
      errs.push(invalid(specPath.child('containers').index(i).child('image'), image, 'must not have leading or trailing whitespace'));
    }
  });
  errs.push(...validatePodIPs(p?.status));
  return errs;
}

// ---- Node and Namespace -----------------------------------------------------------------

type Taint = NonNullable<NonNullable<Node['spec']>['taints']>[number];

/** validateNodeTaints; the API server reports them under `metadata.taints`, verbatim. */
function validateNodeTaints(taints: Taint[], at: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const unique = new Set<string>();
  taints.forEach((taint, i) => {
    const p = at.index(i);
    const key = str(taint?.key);
    const value = str(taint?.value);
    const effect = str(taint?.effect);
    isQualifiedName(key).forEach((m) => errs.push(invalid(p.child('key'), key, m)));
    const valueErrs = isValidLabelValue(value);
    if (valueErrs.length > 0) errs.push(invalid(p.child('value'), value, valueErrs.join(';')));
    if (effect === '') errs.push(required(p.child('effect')));
    else if (!TAINT_EFFECTS.includes(effect)) errs.push(notSupported(p.child('effect'), effect, TAINT_EFFECTS));
    const id = JSON.stringify([effect, key]);
    if (unique.has(id)) errs.push({ ...duplicate(p, taint), message: 'taints must be unique by key and effect pair' });
    else unique.add(id);
  });
  return errs;
}

/** The v1 -> internal conversion of podCIDR/podCIDRs, as for pod IPs. */
function effectivePodCIDRs(spec: Node['spec']): string[] {
  const cidrs = list(spec?.podCIDRs).map(str);
  const cidr = str(spec?.podCIDR);
  if (cidr !== '' && (cidrs.length === 0 || cidrs[0] !== cidr)) return [cidr];
  return cidrs;
}

function validatePodCIDRs(cidrs: string[]): FieldError[] {
  const at = path('spec', 'podCIDRs');
  const errs = cidrs.flatMap((c, i) => isValidCIDR(at.index(i), c));
  if (cidrs.length <= 1) return errs;
  if (!isDualStack(cidrs, parseCIDRSloppy) || cidrs.length > 2) {
    errs.push(invalid(at, cidrs, 'may specify no more than one CIDR for each IP family'));
  }
  const seen = new Set<string>();
  cidrs.forEach((c, i) => {
    if (seen.has(c)) errs.push(duplicate(at.index(i), c));
    seen.add(c);
  });
  return errs;
}

/** ValidateNodeUpdate's rule for kubelet-written addresses: no address listed twice. */
function validateNodeAddresses(addresses: NonNullable<Node['status']>['addresses']): FieldError[] {
  const at = path('status', 'addresses');
  const seen = new Set<string>();
  return list(addresses).flatMap((a, i) => {
    const id = JSON.stringify([str(a?.type), str(a?.address)]);
    if (seen.has(id)) return [duplicate(at.index(i), a)];
    seen.add(id);
    return [];
  });
}

/** ValidateNode (create) for the modelled fields, plus the address rule of status updates. */
export function validateNode(n: Node): FieldError[] {
  return [
    ...validateObjectMeta(n?.metadata, { namespaced: false, validateName: isDNS1123Subdomain }),
    ...validateNodeTaints(list(n?.spec?.taints), path('metadata', 'taints')),
    ...validatePodCIDRs(effectivePodCIDRs(n?.spec)),
    ...validateNodeAddresses(n?.status?.addresses),
  ];
}

/** ValidateNamespace: metadata, the name a DNS-1123 label. */
export function validateNamespace(ns: Namespace): FieldError[] {
  return validateObjectMeta(ns?.metadata, { namespaced: false, validateName: isDNS1123Label });
}

// ---- Workloads --------------------------------------------------------------------------

const SPEC = path('spec');
const template = (t: PodTemplateSpec | undefined): PodTemplateSpec => (t && isObject(t) ? t : { spec: { containers: [] } });
const LABELS_PATH = SPEC.child('template').child('metadata').child('labels');

/** ValidatePodTemplateSpec: template labels (reported at `template.labels`, verbatim) and the pod spec. */
const validatePodTemplateSpec = (t: PodTemplateSpec, at: FieldPath): FieldError[] => [
  ...validateLabels(t.metadata?.labels, at.child('labels')),
  ...validatePodSpec(t.spec && isObject(t.spec) ? t.spec : { containers: [] }, at.child('spec'), false),
];

/** ValidateDeployment for the modelled fields. */
export function validateDeployment(d: Deployment): FieldError[] {
  const t = template(d?.spec?.template);
  const selector = labelSelectorAsSelector(d?.spec?.selector);
  return [
    ...validateObjectMeta(d?.metadata, { namespaced: true, validateName: isDNS1123Subdomain }),
    ...nonNegative(d?.spec?.replicas ?? 1, SPEC.child('replicas')),
    ...validateWorkloadSelector(d?.spec?.selector, t.metadata?.labels, 'deployment', 'invalid label selector'),
    ...(selector.valid ? validatePodTemplateSpec(t, SPEC.child('template')) : []),
  ];
}

/** ValidateStatefulSet for the modelled fields; the API server does not validate its pod spec. */
export function validateStatefulSet(s: StatefulSet): FieldError[] {
  const t = template(s?.spec?.template);
  const selector = labelSelectorAsSelector(s?.spec?.selector);
  return [
    ...validateObjectMeta(s?.metadata, { namespaced: true, validateName: isDNS1123Label }),
    ...nonNegative(s?.spec?.replicas ?? 1, SPEC.child('replicas')),
    ...validateWorkloadSelector(s?.spec?.selector, t.metadata?.labels, 'statefulset', ''),
    ...(selector.valid ? validateLabels(t.metadata?.labels, SPEC.child('template').child('labels')) : []),
  ];
}

/** ValidateDaemonSet for the modelled fields; a missing selector matches no labels. */
export function validateDaemonSet(ds: DaemonSet): FieldError[] {
  const sel = ds?.spec?.selector;
  const t = template(ds?.spec?.template);
  const selector = labelSelectorAsSelector(sel);
  const errs = [
    ...validateObjectMeta(ds?.metadata, { namespaced: true, validateName: isDNS1123Subdomain }),
    ...validateLabelSelector(sel, SPEC.child('selector')),
  ];
  if (selector.valid && !selector.matches(t.metadata?.labels)) errs.push(selectorMismatch(t.metadata?.labels, LABELS_PATH));
  if (isObject(sel) && selectorTerms(sel) === 0) errs.push(invalid(SPEC.child('selector'), sel, 'empty selector is invalid for daemonset'));
  return [...errs, ...validatePodTemplateSpec(t, SPEC.child('template'))];
}
