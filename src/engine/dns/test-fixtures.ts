// A small cluster for the DNS tables, loaded as a user's scenario would be: two nodes, a
// ClusterIP Service, a headless Service behind a StatefulSet with one not-ready pod, a
// headless Service publishing not-ready addresses, an ExternalName, and upstream records.

import { loadScenario } from '../manifests/load';
import type { ClusterModel } from '../model/cluster';

type Doc = Record<string, unknown>;

const node = (name: string, ip: string, podCIDR: string): Doc => ({
  apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name } },
  spec: { podCIDR }, status: { addresses: [{ type: 'InternalIP', address: ip }] },
});

export const pod = (name: string, nodeName: string, ip: string, labels: Record<string, string>, extra: Doc = {}, ready = true): Doc => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', labels },
  spec: { nodeName, containers: [{ name: 'c', image: 'app', ports: [{ name: 'http', containerPort: 8080 }] }], ...extra },
  status: { phase: 'Running', podIP: ip, conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
});

const service = (name: string, spec: Doc): Doc => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec });

export const webIP = '10.96.0.100';
export const dnsIP = '10.96.0.10';

export function makeDNSCluster(dns: Doc = {}, more: Doc[] = []): ClusterModel {
  const docs: Doc[] = [
    { apiVersion: 'kubehops.dev/v1alpha1', kind: 'Cluster', metadata: { name: 'dns' }, spec: {
      serviceCIDRs: ['10.96.0.0/12'], podCIDRs: ['10.244.0.0/16'],
      dns: { upstream: [
        { name: 'db.example.com', type: 'A', data: '192.0.2.50' },
        { name: 'www.example.com.', type: 'CNAME', data: 'db.example.com' },
        { name: 'txt.example.com', type: 'TXT', data: 'hello' },
      ], ...dns },
    } },
    node('node-a', '192.168.1.10', '10.244.1.0/24'), node('node-b', '192.168.1.11', '10.244.2.0/24'),
    pod('client', 'node-a', '10.244.1.10', { app: 'client' }),
    pod('web-a', 'node-a', '10.244.1.2', { app: 'web' }),
    pod('web-b', 'node-b', '10.244.2.2', { app: 'web' }),
    pod('kafka-0', 'node-b', '10.244.2.3', { app: 'kafka' }, { hostname: 'kafka-0', subdomain: 'kafka' }),
    pod('kafka-1', 'node-a', '10.244.1.3', { app: 'kafka' }, { hostname: 'kafka-1', subdomain: 'kafka' }, false),
    pod('zk-0', 'node-a', '10.244.1.4', { app: 'zk' }, { hostname: 'zk-0', subdomain: 'zk' }, false),
    service('web', { clusterIP: webIP, selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }, { name: 'dns', port: 53, protocol: 'UDP' }] }),
    service('kafka', { clusterIP: 'None', selector: { app: 'kafka' }, ports: [{ name: 'http', port: 8080 }] }),
    service('zk', { clusterIP: 'None', publishNotReadyAddresses: true, selector: { app: 'zk' }, ports: [{ name: 'http', port: 8080 }] }),
    service('empty', { clusterIP: '10.96.0.101', selector: { app: 'none' }, ports: [{ port: 80 }] }),
    service('db', { type: 'ExternalName', externalName: 'db.example.com' }),
    service('gone', { type: 'ExternalName', externalName: 'gone.example.com' }),
    ...more,
  ];
  const { cluster, documents } = loadScenario([{ name: 'dns.yaml', text: docs.map((d) => JSON.stringify(d)).join('\n---\n') }]);
  const bad = documents.filter((d) => !d.valid);
  if (bad.length > 0) throw new Error(`fixture does not load: ${JSON.stringify(bad.map((d) => d.errors))}`);
  return cluster;
}
