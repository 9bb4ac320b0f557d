// The Cluster kind's `spec.dns`: options of the CoreDNS kubernetes plugin (zones, `pods`,
// `ttl` 0..3600, `namespaces`, `ignore empty_service`, `endpoint_pod_names`, `fallthrough`),
// with CoreDNS's defaults, plus the out-of-cluster records an upstream resolver would serve.
// Record data is checked as a zone file would read it (RFC 1035 A/NS/CNAME/PTR/MX/TXT,
// RFC 3596 AAAA, RFC 2782 SRV); a CNAME owns its name alone (RFC 1034 section 3.6.2).

import { DNS_POD_MODES, type DNSSpec, type UpstreamRecord } from '../model/cluster';
import { parseIP } from '../net/ip';
import { duplicate, invalid, notSupported, required, type FieldError, type FieldPath } from './field-errors';
import { inclusiveRangeError, isDNS1123Label, isDNS1123Subdomain } from './validation/names';

export interface RawDNS {
  zones?: string[] | null;
  pods?: string | null;
  ttl?: number | null;
  namespaces?: string[] | null;
  ignoreEmptyService?: boolean | null;
  endpointPodNames?: boolean | null;
  fallthrough?: boolean | null;
  upstream?: ({ name?: string | null; type?: string | null; data?: string | null; ttl?: number | null } | null)[] | null;
}

/** The record types kubehops' upstream resolver serves. */
export const UPSTREAM_RECORD_TYPES = ['A', 'AAAA', 'CNAME', 'TXT', 'MX', 'SRV', 'PTR', 'NS'] as const;

/** The kubernetes plugin refuses a ttl outside [0, 3600]. */
const MAX_TTL = 3600;
/** RFC 2181 section 8: a TTL is 31 bits. */
const MAX_RECORD_TTL = 2 ** 31 - 1;

export function defaultDNSSpec(): DNSSpec {
  return {
    zones: ['cluster.local'], pods: 'insecure', ttl: 5, namespaces: [],
    ignoreEmptyService: false, endpointPodNames: false, fallthrough: false, upstream: [],
  };
}

/** A value from a fixed list; empty means the default, as Go defaulting reads "". */
export function readEnum<T extends string>(
  value: string | null | undefined, allowed: readonly T[], fallback: T, at: FieldPath, errors: FieldError[],
): T {
  if (value == null || value === '') return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  errors.push(notSupported(at, value, allowed));
  return fallback;
}

const DNS_NAME_MESSAGE = "must be a DNS name: dot-separated labels of letters, digits, '-' or '_', " +
  "each 1 to 63 characters and not starting or ending with '-', at most 253 characters in all";

/** A domain name as DNS data carries it (underscores allowed, as in SRV owner names). */
function isDNSName(value: string): boolean {
  const name = value.endsWith('.') ? value.slice(0, -1) : value;
  if (name.length === 0 || name.length > 253) return false;
  return name.split('.').every((l) => /^[A-Za-z0-9_]([-A-Za-z0-9_]{0,61}[A-Za-z0-9_])?$/.test(l));
}

const u16 = (s: string): boolean => Number(s) <= 65535;

/** Why `data` is not valid for `type`; undefined when it is. */
function recordDataError(type: string, data: string): string | undefined {
  switch (type) {
    case 'A': return parseIP(data)?.family === 4 ? undefined : 'must be a valid IPv4 address';
    case 'AAAA': return parseIP(data)?.family === 6 ? undefined : 'must be a valid IPv6 address';
    case 'CNAME': case 'NS': case 'PTR': return isDNSName(data) ? undefined : DNS_NAME_MESSAGE;
    case 'MX': {
      const m = /^([0-9]{1,5})\s+(\S+)$/.exec(data);
      return m && u16(m[1]!) && isDNSName(m[2]!) ? undefined
        : 'must be "PREFERENCE EXCHANGE": a preference 0-65535 and a DNS name (e.g. "10 mail.example.com")';
    }
    case 'SRV': {
      const m = /^([0-9]{1,5})\s+([0-9]{1,5})\s+([0-9]{1,5})\s+(\S+)$/.exec(data);
      return m && u16(m[1]!) && u16(m[2]!) && u16(m[3]!) && (m[4] === '.' || isDNSName(m[4]!)) ? undefined
        : 'must be "PRIORITY WEIGHT PORT TARGET": three numbers 0-65535 and a DNS name (e.g. "0 5 5060 sip.example.com")';
    }
    default: return undefined;
  }
}

const ownerName = (name: string): string => name.toLowerCase().replace(/\.$/, '');

function readRecord(r: NonNullable<RawDNS['upstream']>[number], at: FieldPath, errors: FieldError[]): UpstreamRecord | undefined {
  const before = errors.length;
  const name = r?.name ?? '';
  const type = r?.type ?? '';
  const data = r?.data ?? '';
  if (name === '') errors.push(required(at.child('name'), ''));
  else if (!isDNSName(name)) errors.push(invalid(at.child('name'), name, DNS_NAME_MESSAGE));
  if (type === '') errors.push(required(at.child('type'), ''));
  else if (!(UPSTREAM_RECORD_TYPES as readonly string[]).includes(type)) errors.push(notSupported(at.child('type'), type, UPSTREAM_RECORD_TYPES));
  else if (data === '' && type !== 'TXT') errors.push(required(at.child('data'), ''));
  else {
    const problem = recordDataError(type, data);
    if (problem) errors.push(invalid(at.child('data'), data, problem));
  }
  const ttl = r?.ttl;
  if (ttl != null && (ttl < 0 || ttl > MAX_RECORD_TTL)) {
    errors.push(invalid(at.child('ttl'), ttl, inclusiveRangeError(0, MAX_RECORD_TTL)));
  }
  if (errors.length > before) return undefined;
  return ttl == null ? { name, type, data } : { name, type, data, ttl };
}

function readUpstream(raw: RawDNS['upstream'], at: FieldPath, errors: FieldError[]): UpstreamRecord[] {
  const records = (raw ?? []).map((r, i) => readRecord(r, at.index(i), errors));
  records.forEach((r, i) => {
    if (r?.type !== 'CNAME') return;
    const shared = records.some((o, j) => o && j !== i && ownerName(o.name) === ownerName(r.name));
    if (shared) errors.push(invalid(at.index(i).child('name'), r.name, 'a CNAME record may not share its name with other records'));
  });
  return records.filter((r): r is UpstreamRecord => r !== undefined);
}

/** A list of names, each checked by `check`; a name twice is a Duplicate. */
function readNames(
  values: string[] | null | undefined, at: FieldPath, check: (v: string) => string[], errors: FieldError[],
): string[] | undefined {
  if (!values || values.length === 0) return undefined;
  const seen = new Set<string>();
  return values.map((v, i) => {
    const name = v.replace(/\.$/, '');
    if (seen.has(name)) errors.push(duplicate(at.index(i), v));
    else errors.push(...check(name).map((m) => invalid(at.index(i), v, m)));
    seen.add(name);
    return name;
  });
}

/** Reads `spec.dns` with CoreDNS's defaults for what is not given. */
export function readDNSSpec(raw: RawDNS | null | undefined, at: FieldPath, errors: FieldError[]): DNSSpec {
  const defaults = defaultDNSSpec();
  const dns = raw ?? {};
  const ttl = dns.ttl ?? defaults.ttl;
  if (ttl < 0 || ttl > MAX_TTL) errors.push(invalid(at.child('ttl'), ttl, inclusiveRangeError(0, MAX_TTL)));
  return {
    zones: readNames(dns.zones, at.child('zones'), isDNS1123Subdomain, errors) ?? defaults.zones,
    pods: readEnum(dns.pods, DNS_POD_MODES, defaults.pods, at.child('pods'), errors),
    ttl,
    namespaces: readNames(dns.namespaces, at.child('namespaces'), isDNS1123Label, errors) ?? defaults.namespaces,
    ignoreEmptyService: dns.ignoreEmptyService ?? defaults.ignoreEmptyService,
    endpointPodNames: dns.endpointPodNames ?? defaults.endpointPodNames,
    fallthrough: dns.fallthrough ?? defaults.fallthrough,
    upstream: readUpstream(dns.upstream, at.child('upstream'), errors),
  };
}
