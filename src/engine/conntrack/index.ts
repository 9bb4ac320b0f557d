// Connection tracking and NAT bindings (the kernel's nf_conntrack and nf_nat): the public
// surface of this folder.

export * from './types';
export { KERNEL_TIMEOUTS, kubeProxyTimeouts, type KubeProxyConntrackConfig } from './timeouts';
export { protocolUpdate, type Direction, type ProtoUpdate } from './protocols';
export {
  advanceClock, confirmConntrack, connInfoOf, conntrackIn, createConntrackTable, discardUnconfirmed,
  findEntry, invertTuple, lookupConntrack, tupleEqual, tupleOf, type ConntrackIn, type Lookup,
} from './table';
export { bindHookNat, chooseSourcePort, natPacket, setupNat, type NatRequest } from './nat';
export { CONNTRACK_TOOLS_VERSION, renderConntrack, renderConntrackEntry, renderConntrackList, renderConntrackSummary } from './render';
