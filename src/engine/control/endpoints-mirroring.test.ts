import { describe, expect, it } from 'vitest';
import type { Service } from '../model/k8s';
import { mirrorEndpoints, shouldMirror } from './endpoints-mirroring';
import { makeEndpoints, makeService } from './test-builders';

const selectorless = makeService('shop', 'db', (s) => { delete s.spec.selector; });
const services = new Map<string, Service>([['shop/db', selectorless], ['shop/web', makeService('shop', 'web')]]);
const ports = [{ name: 'pg', port: 5432, protocol: 'TCP' as const }];

describe('EndpointSliceMirroring controller', () => {
  it.each([
    ['for a selectorless Service', makeEndpoints('shop', 'db'), true],
    ['not for a Service with a selector', makeEndpoints('shop', 'web'), false],
    ['not without a Service', makeEndpoints('shop', 'nothing'), false],
    ['not when labelled skip-mirror', makeEndpoints('shop', 'db', (e) => { e.metadata.labels = { 'endpointslice.kubernetes.io/skip-mirror': 'true' }; }), false],
  ])('mirrors %s', (_title, ep, want) => {
    expect(shouldMirror(ep, services)).toBe(want);
  });

  it('mirrors addresses as ready and notReadyAddresses as not ready, per address type and port set', () => {
    const ep = makeEndpoints('shop', 'db', (e) => {
      e.metadata.labels = { team: 'data' };
      e.metadata.annotations = { 'endpoints.kubernetes.io/last-change-trigger-time': 'x', note: 'kept' };
      e.subsets = [
        { addresses: [{ ip: '192.168.10.5', nodeName: 'db-host', hostname: 'primary' }], notReadyAddresses: [{ ip: '192.168.10.6' }], ports },
        { addresses: [{ ip: 'fd00::5' }, { ip: 'not-an-ip' }], ports },
      ];
    });
    const slices = mirrorEndpoints(ep, 1, new Set());
    expect(slices.map((s) => [s.addressType, s.endpoints])).toEqual([
      ['IPv4', [
        { addresses: ['192.168.10.5'], conditions: { ready: true }, hostname: 'primary', nodeName: 'db-host' },
        { addresses: ['192.168.10.6'], conditions: { ready: false } },
      ]],
      ['IPv6', [{ addresses: ['fd00::5'], conditions: { ready: true } }]],
    ]);
    expect(slices[0]!.ports).toEqual([{ name: 'pg', port: 5432, protocol: 'TCP' }]);
    expect(slices[0]!.metadata.labels).toEqual({
      team: 'data', 'kubernetes.io/service-name': 'db', 'endpointslice.kubernetes.io/managed-by': 'endpointslicemirroring-controller.k8s.io',
    });
    expect(slices[0]!.metadata.annotations).toEqual({ note: 'kept' });
    expect(slices[0]!.metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Endpoints', name: 'db', controller: true }]);
    expect(slices[0]!.metadata.name).toMatch(/^db-[a-z0-9]{5}$/);
  });

  it('merges subsets with the same ports and keeps at most 1000 addresses of a subset', () => {
    const many = Array.from({ length: 1200 }, (_, i) => ({ ip: `10.1.${Math.floor(i / 250)}.${(i % 250) + 1}` }));
    const ep = makeEndpoints('shop', 'db', (e) => { e.subsets = [{ addresses: many, ports }, { addresses: [{ ip: '10.9.9.9' }], ports }]; });
    const slices = mirrorEndpoints(ep, 1, new Set());
    expect(slices).toHaveLength(1);
    expect(slices[0]!.endpoints).toHaveLength(1000);
  });
});
