// Validation of the legacy v1 Endpoints object on create, and the IP address checks the API
// server shares between Endpoints, EndpointSlices and pods. Follows
// pkg/apis/core/validation/validation.go (ValidateEndpoints, validateEndpointSubsets,
// validateEndpointAddress, validateEndpointPort, ValidateNonSpecialIP) and
// staging/src/k8s.io/apimachinery/pkg/util/validation/ip.go (IsValidIP, IsValidIPv4Address,
// IsValidIPv6Address, IsValidCIDR); the address checks themselves live in ip-syntax.ts.
// Expects a defaulted object (defaultEndpoints), as the API server validates after defaulting.

import type { Endpoints } from '../../model/k8s';
import { PROTOCOLS } from '../../model/k8s';
import { isValidIP, validateNonSpecialIP } from './ip-syntax';
import { FieldPath, invalid, notSupported, path, required, type FieldError } from '../field-errors';
import { validateObjectMeta } from './meta';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidPortNum } from './names';

/** ValidateNodeName (NameIsDNSSubdomain) reported as Invalid at `at`. */
export const validateNodeNameAt = (name: string, at: FieldPath): FieldError[] =>
  isDNS1123Subdomain(name).map((msg) => invalid(at, name, msg));

/** ValidateDNS1123Label. */
export const validateDNS1123LabelAt = (value: string, at: FieldPath): FieldError[] =>
  isDNS1123Label(value).map((msg) => invalid(at, value, msg));

/** ValidateQualifiedName. */
export const validateQualifiedNameAt = (value: string, at: FieldPath): FieldError[] =>
  isQualifiedName(value).map((msg) => invalid(at, value, msg));

type Subset = NonNullable<Endpoints['subsets']>[number];
type EndpointAddress = NonNullable<Subset['addresses']>[number];
type EndpointPort = NonNullable<Subset['ports']>[number];

const isSet = <T>(v: T | null | undefined): v is T => v !== undefined && v !== null;
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function validateEndpointAddress(address: EndpointAddress, at: FieldPath): FieldError[] {
  const ip = str(address?.ip);
  const errs = isValidIP(at.child('ip'), ip);
  const hostname = str(address?.hostname);
  if (hostname.length > 0) errs.push(...validateDNS1123LabelAt(hostname, at.child('hostname')));
  if (isSet(address?.nodeName)) errs.push(...validateNodeNameAt(str(address.nodeName), at.child('nodeName')));
  errs.push(...validateNonSpecialIP(ip, at.child('ip')));
  return errs;
}

function validateEndpointPort(port: EndpointPort, requireName: boolean, at: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(port?.name);
  if (requireName && name.length === 0) errs.push(required(at.child('name')));
  else if (name.length !== 0) errs.push(...validateDNS1123LabelAt(name, at.child('name')));
  const num = port?.port ?? 0;
  for (const msg of isValidPortNum(num)) errs.push(invalid(at.child('port'), num, msg));
  const protocol = str(port?.protocol);
  if (protocol.length === 0) errs.push(required(at.child('protocol')));
  else if (!(PROTOCOLS as readonly string[]).includes(protocol)) {
    errs.push(notSupported(at.child('protocol'), protocol, [...PROTOCOLS].sort()));
  }
  if (isSet(port?.appProtocol)) errs.push(...validateQualifiedNameAt(str(port.appProtocol), at.child('appProtocol')));
  return errs;
}

function validateEndpointSubset(subset: Subset, at: FieldPath): FieldError[] {
  const addresses = subset?.addresses ?? [];
  const notReady = subset?.notReadyAddresses ?? [];
  const ports = subset?.ports ?? [];
  const errs: FieldError[] = [];
  if (addresses.length === 0 && notReady.length === 0) {
    errs.push(required(at, 'must specify `addresses` or `notReadyAddresses`'));
  }
  addresses.forEach((a, i) => errs.push(...validateEndpointAddress(a, at.child('addresses').index(i))));
  notReady.forEach((a, i) => errs.push(...validateEndpointAddress(a, at.child('notReadyAddresses').index(i))));
  ports.forEach((p, i) => errs.push(...validateEndpointPort(p, ports.length > 1, at.child('ports').index(i))));
  return errs;
}

/** ValidateEndpointsCreate: metadata (name a DNS subdomain) and every subset. */
export function validateEndpoints(e: Endpoints): FieldError[] {
  const errs = validateObjectMeta(e?.metadata, { namespaced: true, validateName: isDNS1123Subdomain });
  (e?.subsets ?? []).forEach((s, i) => errs.push(...validateEndpointSubset(s, path('subsets').index(i))));
  return errs;
}
