// Strict IP and CIDR validation, as the API server applies it to fields newer than its
// legacy sloppy parsing (k8s.io/apimachinery/pkg/util/validation/ip.go: IsValidIP,
// IsValidCIDR): no leading zeros, no IPv4-mapped IPv6, no host bits, canonical text.

import { invalid, type FieldError, type FieldPath } from '../field-errors';
import { formatCIDR, formatIP, parseCIDR, parseIP, type ParsedCIDR, type ParsedIP } from '../../net/ip';

/** What Go's old ParseIPSloppy accepted and netip refuses: IPv4 octets with leading zeros. */
const leadingZeroIPv4 = /^(0*(25[0-5]|2[0-4][0-9]|1?[0-9]{1,2})\.){3}0*(25[0-5]|2[0-4][0-9]|1?[0-9]{1,2})$/;

const isMapped = (ip: ParsedIP): boolean => ip.family === 6 && ip.value >> 32n === 0xffffn;

/** IsValidIP; the parsed address when valid. */
export function validateStrictIP(at: FieldPath, value: string): { ip?: ParsedIP; errors: FieldError[] } {
  const ip = parseIP(value);
  if (!ip) {
    const message = leadingZeroIPv4.test(value) ? 'must not have leading 0s' : 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';
    return { errors: [invalid(at, value, message)] };
  }
  if (isMapped(ip)) return { errors: [invalid(at, value, 'must not be an IPv4-mapped IPv6 address')] };
  const canonical = formatIP(ip);
  if (canonical !== value) return { errors: [invalid(at, value, `must be in canonical form (${JSON.stringify(canonical)})`)] };
  return { ip, errors: [] };
}

/** IsValidCIDR; the parsed prefix when valid. */
export function validateStrictCIDR(at: FieldPath, value: string): { cidr?: ParsedCIDR; errors: FieldError[] } {
  const cidr = parseCIDR(value);
  if (!cidr) {
    const [addr = '', prefix = ''] = value.split('/');
    const sloppy = value.includes('/') && /^[0-9]+$/.test(prefix) && (leadingZeroIPv4.test(addr) || parseIP(addr) !== undefined);
    const message = sloppy && Number(prefix) <= (addr.includes(':') ? 128 : 32)
      ? 'must not have leading 0s in IP or prefix length'
      : 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';
    return { errors: [invalid(at, value, message)] };
  }
  const addr = parseIP(value.slice(0, value.indexOf('/')))!;
  if (isMapped(addr)) return { errors: [invalid(at, value, 'must not have an IPv4-mapped IPv6 address')] };
  if (addr.value !== cidr.base) return { errors: [invalid(at, value, 'must not have bits set beyond the prefix length')] };
  const canonical = formatCIDR(cidr);
  if (canonical !== value) return { errors: [invalid(at, value, `must be in canonical form (${JSON.stringify(canonical)})`)] };
  return { cidr, errors: [] };
}
