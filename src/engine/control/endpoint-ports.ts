// Service ports resolved against one pod, as the EndpointSlice controller resolves them
// (kubernetes/kubernetes staging/src/k8s.io/endpointslice/utils.go: getEndpointPorts,
// FindPort). A numeric targetPort is taken as it is; a named one is looked up among the
// pod's container ports by name and protocol, and a pod without it simply lacks that port,
// so pods with different resolved port sets land in different slices (util.NewPortMapKey).

import type { EndpointPort, Pod, Service, ServicePort } from '../model/k8s';

/** The pod's port for this Service port, or undefined when the pod has no such named port. */
export function findPort(pod: Pod, sp: ServicePort): number | undefined {
  const target = sp.targetPort ?? sp.port;
  if (typeof target === 'number') return target;
  const protocol = sp.protocol ?? 'TCP';
  for (const container of pod.spec.containers) {
    for (const port of container.ports ?? []) {
      if (port.name === target && (port.protocol ?? 'TCP') === protocol) return port.containerPort;
    }
  }
  return undefined;
}

/** The EndpointSlice ports for this pod, in the Service's port order. */
export function endpointPortsFor(svc: Service, pod: Pod): EndpointPort[] {
  const ports: EndpointPort[] = [];
  for (const sp of svc.spec.ports ?? []) {
    const port = findPort(pod, sp);
    if (port === undefined) continue;
    ports.push({
      name: sp.name ?? '',
      port,
      protocol: sp.protocol ?? 'TCP',
      ...(sp.appProtocol !== undefined ? { appProtocol: sp.appProtocol } : {}),
    });
  }
  return ports;
}

/** A key equal for equal port sets whatever their order (what NewPortMapKey's hash is for). */
export function portMapKey(ports: readonly EndpointPort[]): string {
  return ports
    .map((p) => JSON.stringify([p.name ?? '', p.protocol ?? '', p.port ?? 0, p.appProtocol ?? '']))
    .sort()
    .join('|');
}
