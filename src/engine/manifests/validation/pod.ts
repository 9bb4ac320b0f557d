// Create-time validation of a Pod, for the fields kubehops models (names, containers and
// their ports, nodeName, hostname/subdomain, DNS policy and config, pod IPs). Follows
// pkg/apis/core/validation/validation.go (ValidatePodCreate, ValidatePodSpec,
// validateContainers, validateContainerPorts, validatePodDNSConfig, validatePodIPs).
// Pod status is written by the kubelet through status updates, so pod IPs are checked with
// the status-update rules. Expects a defaulted object, as the API server validates after defaulting.

import type { Container, ContainerPort, Pod, PodDNSConfig, PodSpec } from '../../model/k8s';
import { PROTOCOLS } from '../../model/k8s';
import { FieldPath, duplicate, invalid, notSupported, path, required, type FieldError } from '../field-errors';
import { validateLabels, validateObjectMeta } from './meta';
import { byteLength, isDNS1123Subdomain, isValidPortName, isValidPortNum, maxLenError, regexError } from './names';
import { validateDNS1123LabelAt, validateNodeNameAt } from './endpoints';
import { isDualStack, isValidIP, parseIPSloppy } from './ip-syntax';

export const str = (v: unknown): string => (typeof v === 'string' ? v : '');
export const list = <T>(v: T[] | null | undefined): T[] => (Array.isArray(v) ? v : []);
export const isObject = (v: unknown): boolean => typeof v === 'object' && v !== null && !Array.isArray(v);
const SUPPORTED_PROTOCOLS: readonly string[] = [...PROTOCOLS].sort();
const DNS_POLICIES: readonly string[] = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const MAX_DNS_NAMESERVERS = 3;
const MAX_DNS_SEARCH_PATHS = 32;
const MAX_DNS_SEARCH_LIST_CHARS = 2048;

/** ValidateNonnegativeField. */
export const nonNegative = (value: number, at: FieldPath): FieldError[] =>
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
export function validatePodSpec(spec: PodSpec, at: FieldPath, isPod: boolean): FieldError[] {
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

