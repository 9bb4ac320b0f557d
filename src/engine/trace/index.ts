// The tracer: walks a packet and its reply through the routing, netfilter and conntrack of
// every host on its path.

export type * from './types';
export { createTraceContext, type TraceContext } from './context';
export { planTrace, traceAll, traceSeeded, type TraceOptions, type TraceResult } from './trace';
export { initialState, type SimState } from './run';
export { renderHop, renderHops, renderOutcome, renderPacket } from './render';
