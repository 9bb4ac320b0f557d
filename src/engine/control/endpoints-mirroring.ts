// The EndpointSliceMirroring controller (kubernetes/kubernetes pkg/controller/
// endpointslicemirroring: endpointslicemirroring_controller.go, reconciler.go, utils.go):
// a v1 Endpoints object is mirrored into EndpointSlices when a Service of the same name has no
// selector, and the Endpoints is not labelled endpointslice.kubernetes.io/skip-mirror=true nor
// a leader-election lock.
// - Addresses are grouped by address type and subset ports (subsets with the same ports
//   merge); each group is one slice of at most 1000 endpoints (--mirroring-max-endpoints-per-
//   subset default), the rest are skipped as the controller skips them.
// - addresses -> ready true, notReadyAddresses -> ready false; hostname, nodeName and targetRef
//   copied; addresses that are not IPs are skipped.
// - Labels: the Endpoints' labels, kubernetes.io/service-name and managed-by
//   endpointslicemirroring-controller.k8s.io; annotations copied but the trigger time and
//   last-applied-configuration ones; owner: the Endpoints. Names `<name>-<5 chars>`.
// Given slices managed by this controller for a mirrored Endpoints are replaced.

import type { AddressType, Endpoint, EndpointPort, EndpointSlice, Endpoints, Service } from '../model/k8s';
import { canonicalIP, ipFamily } from '../net/ip';
import { generateFreeName, keyOf, namespaceOf, randomFor } from './names';
import { portMapKey } from './endpoint-ports';
import { LABEL_MANAGED_BY, LABEL_SERVICE_NAME } from './endpointslice-controller';

export const MIRRORING_CONTROLLER = 'endpointslicemirroring-controller.k8s.io';
export const MAX_ENDPOINTS_PER_SUBSET = 1000;
const LABEL_SKIP_MIRROR = 'endpointslice.kubernetes.io/skip-mirror';
const LEADER_ANNOTATION = 'control-plane.alpha.kubernetes.io/leader';
const DROPPED_ANNOTATIONS = new Set(['endpoints.kubernetes.io/last-change-trigger-time', 'kubectl.kubernetes.io/last-applied-configuration']);

type Subset = NonNullable<Endpoints['subsets']>[number];
type Address = NonNullable<Subset['addresses']>[number];

/** Would the mirroring controller mirror this Endpoints, given the Services? */
export function shouldMirror(ep: Endpoints, services: ReadonlyMap<string, Service>): boolean {
  const svc = services.get(keyOf(ep.metadata));
  if (!svc || Object.keys(svc.spec.selector ?? {}).length > 0) return false;
  return ep.metadata.labels?.[LABEL_SKIP_MIRROR] !== 'true' && ep.metadata.annotations?.[LEADER_ANNOTATION] === undefined;
}

function addressToEndpoint(address: Address, ready: boolean): { endpoint: Endpoint; addressType: AddressType } | undefined {
  const ip = canonicalIP(address.ip);
  if (!ip) return undefined;
  const endpoint: Endpoint = { addresses: [ip], conditions: { ready } };
  if (address.hostname) endpoint.hostname = address.hostname;
  if (address.targetRef) endpoint.targetRef = { ...address.targetRef };
  if (address.nodeName) endpoint.nodeName = address.nodeName;
  return { endpoint, addressType: ipFamily(ip) === 6 ? 'IPv6' : 'IPv4' };
}

interface Group {
  addressType: AddressType;
  ports: EndpointPort[];
  endpoints: Map<string, Endpoint>;
}

function groupSubsets(ep: Endpoints): Group[] {
  const groups = new Map<string, Group>();
  for (const subset of ep.subsets ?? []) {
    const ports: EndpointPort[] = (subset.ports ?? []).map((p) => ({
      name: p.name ?? '', port: p.port, protocol: p.protocol ?? 'TCP', ...(p.appProtocol !== undefined ? { appProtocol: p.appProtocol } : {}),
    }));
    const listed = [
      ...(subset.addresses ?? []).map((a) => addressToEndpoint(a, true)),
      ...(subset.notReadyAddresses ?? []).map((a) => addressToEndpoint(a, false)),
    ].filter((x) => x !== undefined).slice(0, MAX_ENDPOINTS_PER_SUBSET);
    for (const { endpoint, addressType } of listed) {
      const key = `${addressType}|${portMapKey(ports)}`;
      const group = groups.get(key) ?? { addressType, ports, endpoints: new Map() };
      groups.set(key, group);
      group.endpoints.set(JSON.stringify([endpoint.addresses[0], endpoint.hostname ?? '', endpoint.targetRef ?? null]), endpoint);
    }
  }
  return [...groups.values()];
}

function mirroredMetadata(ep: Endpoints, name: string): EndpointSlice['metadata'] {
  const annotations = Object.fromEntries(Object.entries(ep.metadata.annotations ?? {}).filter(([k]) => !DROPPED_ANNOTATIONS.has(k)));
  return {
    name,
    generateName: `${ep.metadata.name ?? ''}-`,
    namespace: namespaceOf(ep.metadata),
    labels: { ...ep.metadata.labels, [LABEL_SERVICE_NAME]: ep.metadata.name ?? '', [LABEL_MANAGED_BY]: MIRRORING_CONTROLLER },
    ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
    ownerReferences: [{ apiVersion: 'v1', kind: 'Endpoints', name: ep.metadata.name, ...(ep.metadata.uid ? { uid: ep.metadata.uid } : {}), controller: true }],
  };
}

/** The slices mirrored from one Endpoints object (none when it should not be mirrored). */
export function mirrorEndpoints(ep: Endpoints, seed: number, taken: Set<string>): EndpointSlice[] {
  const random = randomFor(seed, `EndpointSliceMirror/${keyOf(ep.metadata)}`);
  return groupSubsets(ep).map((group) => ({
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: mirroredMetadata(ep, generateFreeName(random, `${ep.metadata.name ?? ''}-`, taken)),
    addressType: group.addressType,
    endpoints: [...group.endpoints.values()].slice(0, MAX_ENDPOINTS_PER_SUBSET),
    ports: group.ports,
  }));
}

/** Is this given slice a mirror that the controller would replace? */
export function isReplacedByMirroring(slice: EndpointSlice, mirrored: ReadonlySet<string>): boolean {
  if (slice.metadata.labels?.[LABEL_MANAGED_BY] !== MIRRORING_CONTROLLER) return false;
  return mirrored.has(`${namespaceOf(slice.metadata)}/${slice.metadata.labels?.[LABEL_SERVICE_NAME] ?? ''}`);
}
