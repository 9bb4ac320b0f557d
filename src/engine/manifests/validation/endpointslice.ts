// Validation of a discovery.k8s.io/v1 EndpointSlice on create, as
// pkg/apis/discovery/validation/validation.go (ValidateEndpointSliceCreate) does it:
// metadata, addressType, endpoints (addresses by address type, nodeName, hostname, hints)
// and ports (names, protocols, appProtocol). Expects a defaulted object
// (defaultEndpointSlice), as the API server validates after defaulting.
// The `kubernetes.io/service-name` and `endpointslice.kubernetes.io/managed-by` labels get
// the ordinary label checks of validateObjectMeta; the API server has no other rule for them.

import type { AddressType, Endpoint, EndpointPort, EndpointSlice } from '../../model/k8s';
import { PROTOCOLS } from '../../model/k8s';
import { FieldPath, duplicate, invalid, notSupported, path, required, tooMany, type FieldError } from '../field-errors';
import { validateObjectMeta } from './meta';
import { isDNS1123Label, isDNS1123Subdomain, isValidLabelValue } from './names';
import { validateDNS1123LabelAt, validateNodeNameAt, validateQualifiedNameAt } from './endpoints';
import { isValidIPv4Address, isValidIPv6Address, validateNonSpecialIP } from './ip-syntax';

const SUPPORTED_ADDRESS_TYPES: readonly AddressType[] = ['FQDN', 'IPv4', 'IPv6'];
const SUPPORTED_PROTOCOLS: readonly string[] = [...PROTOCOLS].sort();
export const MAX_ADDRESSES = 100;
export const MAX_PORTS = 20000;
export const MAX_ENDPOINTS = 1000;
export const MAX_ZONE_HINTS = 8;
export const MAX_NODE_HINTS = 8;

const isSet = <T>(v: T | null | undefined): v is T => v !== undefined && v !== null;
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const list = <T>(v: T[] | null | undefined): T[] => (Array.isArray(v) ? v : []);

function validateAddressType(addressType: unknown): FieldError[] {
  if (addressType === '' || !isSet(addressType)) return [required(path('addressType'))];
  if (!(SUPPORTED_ADDRESS_TYPES as readonly unknown[]).includes(addressType)) {
    return [notSupported(path('addressType'), addressType, SUPPORTED_ADDRESS_TYPES)];
  }
  return [];
}

/** IsFullyQualifiedDomainName: a trailing dot allowed, at least two labels. */
function isFullyQualifiedDomainName(at: FieldPath, value: string): FieldError[] {
  if (value.length === 0) return [required(at)];
  const name = value.endsWith('.') ? value.slice(0, -1) : value;
  const subdomain = isDNS1123Subdomain(name);
  if (subdomain.length > 0) return [invalid(at, name, subdomain.join(','))];
  const labels = name.split('.');
  if (labels.length < 2) return [invalid(at, name, 'should be a domain with at least two segments separated by dots')];
  for (const label of labels) {
    const errs = isDNS1123Label(label);
    if (errs.length > 0) return [invalid(at, label, errs.join(','))];
  }
  return [];
}

/** One address, checked by the slice's address type; unknown types are not checked. */
function validateAddress(address: string, addressType: unknown, at: FieldPath): FieldError[] {
  switch (addressType) {
    case 'IPv4': return [...isValidIPv4Address(at, address), ...validateNonSpecialIP(address, at)];
    case 'IPv6': return [...isValidIPv6Address(at, address), ...validateNonSpecialIP(address, at)];
    case 'FQDN': return isFullyQualifiedDomainName(at, address);
    default: return [];
  }
}

/** The names in a hint list: at most `max`, unique, each valid by `check`. */
function validateHintNames(
  names: { name: string }[], max: number, at: FieldPath, check: (name: string, at: FieldPath) => FieldError[],
): { errs: FieldError[]; tooMany: boolean } {
  if (names.length > max) return { errs: [tooMany(at, names.length, max)], tooMany: true };
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  names.forEach((hint, i) => {
    const name = str(hint?.name);
    const namePath = at.index(i).child('name');
    if (seen.has(name)) errs.push(duplicate(namePath, name));
    else seen.add(name);
    errs.push(...check(name, namePath));
  });
  return { errs, tooMany: false };
}

const labelValueAt = (name: string, at: FieldPath): FieldError[] => isValidLabelValue(name).map((m) => invalid(at, name, m));

/** validateHints: forZones (label values), then forNodes (node names); too many zones stops both. */
function validateHints(hints: NonNullable<Endpoint['hints']>, at: FieldPath): FieldError[] {
  const zones = validateHintNames(list(hints.forZones), MAX_ZONE_HINTS, at.child('forZones'), labelValueAt);
  if (zones.tooMany) return zones.errs;
  const nodes = validateHintNames(list(hints.forNodes), MAX_NODE_HINTS, at.child('forNodes'), validateNodeNameAt);
  return [...zones.errs, ...nodes.errs];
}

function validateEndpoint(endpoint: Endpoint, addressType: unknown, at: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const addressPath = at.child('addresses');
  const addresses = list(endpoint?.addresses);
  if (addresses.length === 0) errs.push(required(addressPath, 'must contain at least 1 address'));
  else if (addresses.length > MAX_ADDRESSES) errs.push(tooMany(addressPath, addresses.length, MAX_ADDRESSES));
  addresses.forEach((a, i) => errs.push(...validateAddress(str(a), addressType, addressPath.index(i))));
  if (isSet(endpoint?.nodeName)) errs.push(...validateNodeNameAt(str(endpoint.nodeName), at.child('nodeName')));
  if (isSet(endpoint?.hostname)) errs.push(...validateDNS1123LabelAt(str(endpoint.hostname), at.child('hostname')));
  if (isSet(endpoint?.hints)) errs.push(...validateHints(endpoint.hints, at.child('hints')));
  return errs;
}

function validateSliceEndpoints(endpoints: Endpoint[], addressType: unknown): FieldError[] {
  const at = path('endpoints');
  if (endpoints.length > MAX_ENDPOINTS) return [tooMany(at, endpoints.length, MAX_ENDPOINTS)];
  return endpoints.flatMap((e, i) => validateEndpoint(e, addressType, at.index(i)));
}

function validatePort(port: EndpointPort, at: FieldPath, names: Set<string>): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(port?.name);
  if (name.length > 0) errs.push(...validateDNS1123LabelAt(name, at.child('name')));
  if (names.has(name)) errs.push(duplicate(at.child('name'), name));
  else names.add(name);
  const protocol: unknown = port?.protocol;
  if (!isSet(protocol)) errs.push(required(at.child('protocol')));
  else if (!SUPPORTED_PROTOCOLS.includes(protocol as string)) {
    errs.push(notSupported(at.child('protocol'), protocol, SUPPORTED_PROTOCOLS));
  }
  if (isSet(port?.appProtocol)) errs.push(...validateQualifiedNameAt(str(port.appProtocol), at.child('appProtocol')));
  return errs;
}

function validatePorts(ports: EndpointPort[]): FieldError[] {
  const at = path('ports');
  if (ports.length > MAX_PORTS) return [tooMany(at, ports.length, MAX_PORTS)];
  const names = new Set<string>();
  return ports.flatMap((p, i) => validatePort(p, at.index(i), names));
}

/** ValidateEndpointSliceCreate. */
export function validateEndpointSlice(s: EndpointSlice): FieldError[] {
  return [
    ...validateObjectMeta(s?.metadata, { namespaced: true, validateName: isDNS1123Subdomain }),
    ...validateAddressType(s?.addressType),
    ...validateSliceEndpoints(list(s?.endpoints), s?.addressType),
    ...validatePorts(list(s?.ports)),
  ];
}
