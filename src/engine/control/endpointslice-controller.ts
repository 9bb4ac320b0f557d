// The EndpointSlice controller (kubernetes/kubernetes pkg/controller/endpointslice, with the
// reconciler in staging/src/k8s.io/endpointslice: reconciler.go, utils.go, util/
// controller_utils.go), run once against an empty cluster of slices:
// - Services with a selector, except ExternalName; one run per address type of spec.ipFamilies.
// - Pods of the namespace that match the selector, are not Succeeded/Failed and have an IP
//   (ShouldPodBeInEndpoints with terminating pods included). A pod on a node the cluster does
//   not know is skipped unless publishNotReadyAddresses.
// - Conditions (podToEndpoint): serving = pod Ready; terminating = deletionTimestamp set;
//   ready = publishNotReadyAddresses || (serving && !terminating).
// - hostname only when pod.spec.hostname is set and pod.spec.subdomain is the Service's name;
//   nodeName; zone from the node's topology.kubernetes.io/zone label.
// - Pods are grouped by their resolved port set; each group fills slices of at most 100
//   endpoints (--max-endpoints-per-slice default). With no endpoint at all, one placeholder
//   slice with no ports and no endpoints, as the controller keeps.
// - Labels: the Service's labels, kubernetes.io/service-name, endpointslice.kubernetes.io/
//   managed-by, service.kubernetes.io/headless for a headless Service; owner: the Service.
// - Names `<svc>-<5 chars>` from generateName, drawn from the seed and the Service's name.
// Endpoint and slice order is kubehops' (pods in name order); the real one is a map walk.
// Hand-written slices: the controller deletes slices it manages for a selector Service that it
// did not create, so those labelled managed-by endpointslice-controller.k8s.io are replaced.
// Slices with any other manager are not the controller's and stay, beside the generated ones.

import type { AddressType, Endpoint, EndpointPort, EndpointSlice, Node, Pod, Service } from '../model/k8s';
import { canonicalIP, ipFamily } from '../net/ip';
import { generateFreeName, namespaceOf, randomFor, selectorMatches } from './names';
import { endpointPortsFor, portMapKey } from './endpoint-ports';
import { givenPodIPs } from './pod-ipam';
import { isHeadless } from './service-ipam';
import { reconcileHints } from './traffic-distribution';

export const ENDPOINTSLICE_CONTROLLER = 'endpointslice-controller.k8s.io';
import { LABEL_SERVICE_NAME } from '../model/k8s';
export { LABEL_SERVICE_NAME };
export const LABEL_MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
const LABEL_HEADLESS = 'service.kubernetes.io/headless';
const LABEL_ZONE = 'topology.kubernetes.io/zone';
export const MAX_ENDPOINTS_PER_SLICE = 100;

const hasSelector = (svc: Service): boolean => Object.keys(svc.spec.selector ?? {}).length > 0;

/** Services this controller writes slices for. */
export const managesService = (svc: Service): boolean => svc.spec.type !== 'ExternalName' && hasSelector(svc);

const isPodReady = (pod: Pod): boolean => (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
const isTerminal = (pod: Pod): boolean => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';

export function podToEndpoint(pod: Pod, node: Node | undefined, svc: Service, addressType: AddressType): Endpoint {
  const serving = isPodReady(pod);
  const terminating = pod.metadata.deletionTimestamp !== undefined && pod.metadata.deletionTimestamp !== null;
  const ready = !!svc.spec.publishNotReadyAddresses || (serving && !terminating);
  const family = addressType === 'IPv6' ? 6 : 4;
  const endpoint: Endpoint = {
    addresses: givenPodIPs(pod).filter((ip) => ipFamily(ip) === family).map((ip) => canonicalIP(ip) ?? ip),
    conditions: { ready, serving, terminating },
  };
  const setsHostname = !!pod.spec.hostname && pod.spec.subdomain === svc.metadata.name
    && namespaceOf(pod.metadata) === namespaceOf(svc.metadata);
  if (setsHostname) endpoint.hostname = pod.spec.hostname;
  endpoint.targetRef = {
    kind: 'Pod', namespace: namespaceOf(pod.metadata), name: pod.metadata.name,
    ...(pod.metadata.uid ? { uid: pod.metadata.uid } : {}),
  };
  if (pod.spec.nodeName) endpoint.nodeName = pod.spec.nodeName;
  const zone = node?.metadata.labels?.[LABEL_ZONE];
  if (zone) endpoint.zone = zone;
  return endpoint;
}

function sliceLabels(svc: Service): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(svc.metadata.labels ?? {})) {
    if (k !== LABEL_SERVICE_NAME && k !== LABEL_MANAGED_BY && k !== LABEL_HEADLESS) labels[k] = v;
  }
  const ipSet = !isHeadless(svc) && !!(svc.spec.clusterIP ?? svc.spec.clusterIPs?.[0]);
  if (!ipSet) labels[LABEL_HEADLESS] = '';
  labels[LABEL_SERVICE_NAME] = svc.metadata.name ?? '';
  labels[LABEL_MANAGED_BY] = ENDPOINTSLICE_CONTROLLER;
  return labels;
}

function newSlice(svc: Service, name: string, addressType: AddressType, ports: EndpointPort[], endpoints: Endpoint[]): EndpointSlice {
  const svcName = svc.metadata.name ?? '';
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name, generateName: `${svcName}-`, namespace: namespaceOf(svc.metadata), labels: sliceLabels(svc),
      ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: svcName, ...(svc.metadata.uid ? { uid: svc.metadata.uid } : {}), controller: true }],
    },
    addressType,
    endpoints,
    ports,
  };
}

interface PortGroup {
  ports: EndpointPort[];
  endpoints: Endpoint[];
}

/** Desired endpoints of one address type, grouped by resolved port set, in pod order. */
function groupEndpoints(svc: Service, pods: readonly Pod[], nodes: ReadonlyMap<string, Node>, addressType: AddressType): PortGroup[] {
  const groups = new Map<string, PortGroup>();
  for (const pod of pods) {
    if (isTerminal(pod) || givenPodIPs(pod).length === 0) continue;
    const node = nodes.get(pod.spec.nodeName ?? '');
    if (!node && !svc.spec.publishNotReadyAddresses) continue;
    const ports = endpointPortsFor(svc, pod);
    const key = portMapKey(ports);
    const group = groups.get(key) ?? { ports, endpoints: [] };
    groups.set(key, group);
    const endpoint = podToEndpoint(pod, node, svc, addressType);
    if (endpoint.addresses.length > 0) group.endpoints.push(endpoint);
  }
  return [...groups.values()];
}

export interface SliceContext {
  seed: number;
  nodes: ReadonlyMap<string, Node>;
  /** Slice names already used in each namespace; generated names are added. */
  takenNames: (namespace: string) => Set<string>;
}

/** The slices the controller creates for one Service, given its pods in namespace/name order. */
export function slicesForService(svc: Service, pods: readonly Pod[], ctx: SliceContext): EndpointSlice[] {
  if (!managesService(svc)) return [];
  const ns = namespaceOf(svc.metadata);
  const selected = pods.filter((p) => namespaceOf(p.metadata) === ns && selectorMatches(svc.spec.selector!, p.metadata.labels));
  const random = randomFor(ctx.seed, `EndpointSlice/${ns}/${svc.metadata.name ?? ''}`);
  const taken = ctx.takenNames(ns);
  const name = (): string => generateFreeName(random, `${svc.metadata.name ?? ''}-`, taken);
  const slices: EndpointSlice[] = [];
  for (const addressType of (svc.spec.ipFamilies ?? ['IPv4']) as AddressType[]) {
    const before = slices.length;
    for (const group of groupEndpoints(svc, selected, ctx.nodes, addressType)) {
      for (let i = 0; i < group.endpoints.length; i += MAX_ENDPOINTS_PER_SLICE) {
        const chunk = group.endpoints.slice(i, i + MAX_ENDPOINTS_PER_SLICE);
        slices.push(newSlice(svc, name(), addressType, group.ports.map((p) => ({ ...p })), chunk));
      }
    }
    if (slices.length === before) slices.push(newSlice(svc, name(), addressType, [], []));
  }
  return reconcileHints(svc, slices);
}

/** Is this given slice one the controller would delete and replace with its own? */
export function isReplacedByController(slice: EndpointSlice, services: ReadonlyMap<string, Service>): boolean {
  if (slice.metadata.labels?.[LABEL_MANAGED_BY] !== ENDPOINTSLICE_CONTROLLER) return false;
  const svc = services.get(`${namespaceOf(slice.metadata)}/${slice.metadata.labels?.[LABEL_SERVICE_NAME] ?? ''}`);
  return !!svc && managesService(svc);
}
