// The cluster as the controllers left it: nodes, pods, Services and EndpointSlices, in the
// columns and words kubectl uses.

import { useAppStore } from '../../store/context';
import { selectNodeRows, selectPodRows, selectServiceRows, selectSliceRows } from '../../store/selectors';
import type { NodeRow, PodRow, ServiceRow, SliceRow } from '../../format/cluster-rows';
import { DataTable, type Column } from '../DataTable/DataTable';
import { Endpoints, Readiness } from './Readiness';
import { QualifiedName } from './QualifiedName';

const NODE_COLUMNS: Column<NodeRow>[] = [
  { header: 'Name', cell: (r) => <QualifiedName value={r.name} /> },
  { header: 'InternalIP', cell: (r) => r.internalIP, kind: 'mono' },
  { header: 'Pod CIDR', cell: (r) => r.podCIDR, kind: 'mono' },
  { header: 'Zone', cell: (r) => r.zone },
];

const POD_COLUMNS: Column<PodRow>[] = [
  { header: 'Pod', cell: (r) => <QualifiedName value={r.name} /> },
  { header: 'Node', cell: (r) => r.node },
  { header: 'IP', cell: (r) => r.ip, kind: 'mono' },
  { header: 'Ready', cell: (r) => <Readiness ready={r.ready} /> },
];

const SERVICE_COLUMNS: Column<ServiceRow>[] = [
  { header: 'Service', cell: (r) => <QualifiedName value={r.name} /> },
  { header: 'Type', cell: (r) => r.type },
  { header: 'ClusterIP', cell: (r) => r.clusterIP, kind: 'mono' },
  { header: 'External IP', cell: (r) => r.externalIP, kind: 'mono' },
  { header: 'Ports', cell: (r) => r.ports, kind: 'mono' },
];

const SLICE_COLUMNS: Column<SliceRow>[] = [
  { header: 'EndpointSlice', cell: (r) => <QualifiedName value={r.name} /> },
  { header: 'Service', cell: (r) => r.service },
  { header: 'Address type', cell: (r) => r.addressType },
  { header: 'Endpoints', cell: (r) => <Endpoints endpoints={r.endpoints} /> },
  { header: 'Ports', cell: (r) => r.ports, kind: 'mono' },
];

export function ClusterTables() {
  const nodes = useAppStore(selectNodeRows);
  const pods = useAppStore(selectPodRows);
  const services = useAppStore(selectServiceRows);
  const slices = useAppStore(selectSliceRows);
  return (
    <div className="tables">
      <DataTable id="nodes" title="Nodes" rows={nodes} columns={NODE_COLUMNS} empty="No nodes." />
      <DataTable id="pods" title="Pods" rows={pods} columns={POD_COLUMNS} empty="No pods." />
      <DataTable id="services" title="Services" rows={services} columns={SERVICE_COLUMNS} empty="No Services." />
      <DataTable id="endpointslices" title="EndpointSlices" rows={slices} columns={SLICE_COLUMNS} empty="No EndpointSlices." />
    </div>
  );
}
