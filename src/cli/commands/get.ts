// `kubehops get [TYPE[,TYPE]] -f S`: the loaded cluster as kubectl would list it, after the
// controllers have filled in pod IPs, ClusterIPs, NodePorts and EndpointSlices.

import { stringify } from 'yaml';
import { type ClusterModel, type ObjectMeta } from '../../engine';
import { flagValue, hasFlag, UsageError, type ParsedArgs } from '../args';
import type { Output } from '../output';
import { loadReported } from './report';
import {
  endpointSliceHeaders, endpointSliceRow, nodeHeaders, nodeRow, podHeaders, podRow, renderTable,
  serviceHeaders, serviceRow,
} from '../tables';

const RESOURCES = {
  nodes: { aliases: ['node', 'nodes', 'no'], namespaced: false, list: (c: ClusterModel) => c.nodes },
  pods: { aliases: ['pod', 'pods', 'po'], namespaced: true, list: (c: ClusterModel) => c.pods },
  services: { aliases: ['service', 'services', 'svc'], namespaced: true, list: (c: ClusterModel) => c.services },
  endpointslices: {
    aliases: ['endpointslice', 'endpointslices', 'endpointslice.discovery.k8s.io'], namespaced: true,
    list: (c: ClusterModel) => c.endpointSlices,
  },
} as const;
type Resource = keyof typeof RESOURCES;

function resolveTypes(arg: string | undefined): Resource[] {
  if (arg === undefined || arg === 'all') return Object.keys(RESOURCES) as Resource[];
  return arg.split(',').map((name) => {
    const found = (Object.keys(RESOURCES) as Resource[]).find((r) => (RESOURCES[r].aliases as readonly string[]).includes(name));
    if (!found) throw new UsageError(`the server doesn't have a resource type "${name}"`);
    return found;
  });
}

export function getCommand(args: ParsedArgs, out: Output): number {
  const types = resolveTypes(args.positional[0]);
  const format = hasFlag(args, 'json') ? 'json' : flagValue(args, 'o', 'output') ?? 'table';
  if (!['table', 'wide', 'yaml', 'json'].includes(format)) throw new UsageError(`unable to match a printer suitable for the output format "${format}"`);
  const { cluster, invalid } = loadReported(args, out);
  const all = hasFlag(args, 'A', 'all-namespaces');
  const namespace = flagValue(args, 'n', 'namespace') ?? 'default';
  const inScope = (meta: ObjectMeta, namespaced: boolean): boolean => all || !namespaced || meta.namespace === namespace;
  const selected = types.map((t) => ({ type: t, items: RESOURCES[t].list(cluster).filter((o) => inScope(o.metadata, RESOURCES[t].namespaced)) }));
  if (format === 'yaml' || format === 'json') {
    const list = { apiVersion: 'v1', kind: 'List', items: selected.flatMap((s) => s.items) };
    out.stdout(format === 'json' ? JSON.stringify(list, null, 2) : stringify(list));
  } else {
    out.stdout(selected.filter((s) => s.items.length > 0 || types.length === 1)
      .map((s) => renderSelection(s.type, s.items, format === 'wide', all && RESOURCES[s.type].namespaced)).join('\n\n'));
  }
  return invalid ? 1 : 0;
}

function renderSelection(type: Resource, items: readonly unknown[], wide: boolean, withNamespace: boolean): string {
  const [headers, row] = printer(type, wide);
  const rows = items.map((item) => {
    const cells = row(item as never);
    return withNamespace ? [(item as { metadata: ObjectMeta }).metadata.namespace ?? '', ...cells] : cells;
  });
  if (rows.length === 0) return 'No resources found.';
  return renderTable({ headers: withNamespace ? ['NAMESPACE', ...headers] : headers, rows });
}

function printer(type: Resource, wide: boolean): [string[], (item: never) => string[]] {
  switch (type) {
    case 'nodes': return [nodeHeaders(wide), (n) => nodeRow(n, wide)];
    case 'pods': return [podHeaders(wide), (p) => podRow(p, wide)];
    case 'services': return [serviceHeaders(wide), (s) => serviceRow(s, wide)];
    case 'endpointslices': return [endpointSliceHeaders(), (s) => endpointSliceRow(s)];
  }
}
