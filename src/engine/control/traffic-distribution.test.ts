import { describe, expect, it } from 'vitest';
import type { EndpointSlice, Service } from '../model/k8s';
import { reconcileHints } from './traffic-distribution';

const svc = (trafficDistribution?: string): Service =>
  ({ metadata: { name: 'web', namespace: 'default' }, spec: { ...(trafficDistribution && { trafficDistribution }) } });

const slice: EndpointSlice = {
  metadata: { name: 'web-x', namespace: 'default' },
  addressType: 'IPv4',
  endpoints: [
    { addresses: ['10.244.1.2'], zone: 'zone-a', nodeName: 'node-a', conditions: { ready: true } },
    { addresses: ['10.244.2.2'], zone: 'zone-b', nodeName: 'node-b', conditions: { ready: false } },
    { addresses: ['10.244.3.2'], nodeName: 'node-c', conditions: { ready: true }, hints: { forZones: [{ name: 'stale' }] } },
  ],
};

describe('EndpointSlice hints for trafficDistribution (trafficdist.go)', () => {
  it('PreferClose hints each ready endpoint for its own zone, and clears a zoneless one', () => {
    const [out] = reconcileHints(svc('PreferClose'), [slice]);
    expect(out!.endpoints.map((e) => e.hints)).toEqual([{ forZones: [{ name: 'zone-a' }] }, undefined, undefined]);
  });

  it('PreferSameNode hints the node as well', () => {
    const [out] = reconcileHints(svc('PreferSameNode'), [slice]);
    expect(out!.endpoints[0]!.hints).toEqual({ forZones: [{ name: 'zone-a' }], forNodes: [{ name: 'node-a' }] });
  });

  it('without a trafficDistribution the controller removes every hint', () => {
    const [out] = reconcileHints(svc(), [slice]);
    expect(out!.endpoints.every((e) => e.hints === undefined)).toBe(true);
  });
});
