// Zone (and node) hints the EndpointSlice controller writes for `trafficDistribution`, as
// staging/src/k8s.io/endpointslice/trafficdist/trafficdist.go does: with PreferClose (or
// PreferSameZone / PreferSameNode) every ready endpoint is hinted for its own zone (and for
// PreferSameNode its own node); otherwise the controller's slices carry no hints.

import type { Endpoint, EndpointSlice, Service } from '../model/k8s';

const CLOSE = new Set(['PreferClose', 'PreferSameZone', 'PreferSameNode']);

function hinted(endpoint: Endpoint, nodeHints: boolean): Endpoint {
  const { hints: _old, ...rest } = endpoint;
  if (endpoint.conditions?.ready !== true) return endpoint;
  const forZones = endpoint.zone ? [{ name: endpoint.zone }] : undefined;
  const forNodes = nodeHints && endpoint.nodeName ? [{ name: endpoint.nodeName }] : undefined;
  return forZones || forNodes ? { ...rest, hints: { ...(forZones && { forZones }), ...(forNodes && { forNodes }) } } : rest;
}

/** The controller's slices with the hints the Service's trafficDistribution asks for. */
export function reconcileHints(svc: Service, slices: readonly EndpointSlice[]): EndpointSlice[] {
  const distribution = svc.spec.trafficDistribution;
  if (!distribution || !CLOSE.has(distribution)) {
    return slices.map((s) => ({ ...s, endpoints: s.endpoints.map(({ hints: _h, ...e }) => e) }));
  }
  const nodeHints = distribution === 'PreferSameNode';
  return slices.map((s) => ({ ...s, endpoints: s.endpoints.map((e) => hinted(e, nodeHints)) }));
}
