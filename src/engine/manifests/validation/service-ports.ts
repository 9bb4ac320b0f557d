// The ports of a Service as the API server validates them: validateServicePort and the port
// checks inside ValidateService (nodePort only where the type has node ports, no duplicate
// node ports, no duplicate port/protocol pairs), pkg/apis/core/validation/validation.go.
// The node-port range (--service-node-port-range) is the allocator's check, not validation's.

import type { ServicePort, ServiceSpec } from '../../model/k8s';
import {
  duplicate, forbidden, invalid, notSupported, path, required, type FieldError, type FieldPath,
} from '../field-errors';
import { isDNS1123Label, isQualifiedName, isValidPortName, isValidPortNum } from './names';

export const SUPPORTED_PORT_PROTOCOLS = ['SCTP', 'TCP', 'UDP'] as const;

const portsOf = (spec: ServiceSpec): ServicePort[] =>
  (Array.isArray(spec.ports) ? spec.ports : []).map((p) => (typeof p === 'object' && p !== null ? p : ({} as ServicePort)));
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
/** An int32 field that was left out reads as 0, as Go's zero value. */
const num = (v: unknown): number => (typeof v === 'number' ? v : v === undefined || v === null ? 0 : Number.NaN);

/** ValidatePortNumOrName: an int-or-string targetPort is a port number or an IANA service name. */
function validatePortNumOrName(port: unknown, at: FieldPath): FieldError[] {
  if (typeof port === 'string') return isValidPortName(port).map((msg) => invalid(at, port, msg));
  const n = num(port);
  return isValidPortNum(n).map((msg) => invalid(at, port ?? 0, msg));
}

function validatePortName(sp: ServicePort, requireName: boolean, allNames: Set<string>, at: FieldPath): FieldError[] {
  const name = str(sp.name);
  if (requireName && name === '') return [required(at)];
  if (name === '') return [];
  const errs = isDNS1123Label(name).map((msg) => invalid(at, name, msg));
  if (allNames.has(name)) errs.push(duplicate(at, name));
  else allNames.add(name);
  return errs;
}

/** validateServicePort: one entry of spec.ports. */
function validateServicePort(sp: ServicePort, requireName: boolean, allNames: Set<string>, at: FieldPath): FieldError[] {
  const errs = validatePortName(sp, requireName, allNames, at.child('name'));
  errs.push(...isValidPortNum(num(sp.port)).map((msg) => invalid(at.child('port'), sp.port ?? 0, msg)));
  const protocol = str(sp.protocol);
  if (protocol === '') errs.push(required(at.child('protocol')));
  else if (!(SUPPORTED_PORT_PROTOCOLS as readonly string[]).includes(protocol)) {
    errs.push(notSupported(at.child('protocol'), protocol, SUPPORTED_PORT_PROTOCOLS));
  }
  errs.push(...validatePortNumOrName(sp.targetPort, at.child('targetPort')));
  if (sp.appProtocol !== undefined && sp.appProtocol !== null) {
    const appProtocol = str(sp.appProtocol);
    errs.push(...isQualifiedName(appProtocol).map((msg) => invalid(at.child('appProtocol'), appProtocol, msg)));
  }
  // The v1 API tolerates a targetPort different from port on headless services; so does kubehops.
  return errs;
}

/** Every port on its own: names (required when there are several, unique), numbers, protocols. */
export function validateServicePorts(spec: ServiceSpec): FieldError[] {
  const ports = portsOf(spec);
  const allNames = new Set<string>();
  return ports.flatMap((sp, i) => validateServicePort(sp, ports.length > 1, allNames, path('spec', 'ports').index(i)));
}

/** A ClusterIP service has no node ports. */
export function validateClusterIPNodePorts(spec: ServiceSpec): FieldError[] {
  if (spec.type !== 'ClusterIP') return [];
  return portsOf(spec).flatMap((sp, i) => (num(sp.nodePort) !== 0
    ? [forbidden(path('spec', 'ports').index(i).child('nodePort'), "may not be used when `type` is 'ClusterIP'")]
    : []));
}

/** One node port per protocol: a second port asking for the same one is a duplicate. */
export function validateDuplicateNodePorts(spec: ServiceSpec): FieldError[] {
  const seen = new Set<string>();
  return portsOf(spec).flatMap((sp, i) => {
    const nodePort = num(sp.nodePort);
    if (nodePort === 0) return [];
    const key = `${str(sp.protocol)}/${nodePort}`;
    const dup = seen.has(key);
    seen.add(key);
    return dup ? [duplicate(path('spec', 'ports').index(i).child('nodePort'), sp.nodePort)] : [];
  });
}

/**
 * No two ports with the same port and protocol. The API server reports the whole
 * (protocol, port) key as the duplicate value; kubehops reports it as `{ protocol, port }`.
 */
export function validateDuplicatePorts(spec: ServiceSpec): FieldError[] {
  const seen = new Set<string>();
  return portsOf(spec).flatMap((sp, i) => {
    const key = `${str(sp.protocol)}/${num(sp.port)}`;
    const dup = seen.has(key);
    seen.add(key);
    return dup ? [duplicate(path('spec', 'ports').index(i), { protocol: str(sp.protocol), port: sp.port })] : [];
  });
}
