// SHA-1 (FIPS 180-4), pure and synchronous, for the names CNI plugins derive from it: the
// AWS VPC CNI names a pod's host-side veth `eni` + the first 11 hex digits of
// sha1("NAMESPACE.NAME") (Go's crypto/sha1 over the UTF-8 bytes).

import { utf8 } from '../proxy/iptables/sha256';

function pad(message: Uint8Array): Uint8Array {
  const total = Math.ceil((message.length + 9) / 64) * 64;
  const out = new Uint8Array(total);
  out.set(message);
  out[message.length] = 0x80;
  const view = new DataView(out.buffer);
  const bits = message.length * 8;
  view.setUint32(total - 8, Math.floor(bits / 0x100000000));
  view.setUint32(total - 4, bits >>> 0);
  return out;
}

const rotl = (x: number, n: number): number => (x << n) | (x >>> (32 - n));

function round(t: number, b: number, c: number, d: number): [number, number] {
  if (t < 20) return [(b & c) | (~b & d), 0x5a827999];
  if (t < 40) return [b ^ c ^ d, 0x6ed9eba1];
  if (t < 60) return [(b & c) | (b & d) | (c & d), 0x8f1bbcdc];
  return [b ^ c ^ d, 0xca62c1d6];
}

/** The SHA-1 of `text`'s UTF-8 bytes, as 40 lower-case hex digits. */
export function sha1Hex(text: string): string {
  const data = pad(utf8(text));
  const view = new DataView(data.buffer);
  const h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
  const w = new Uint32Array(80);
  for (let block = 0; block < data.length; block += 64) {
    for (let t = 0; t < 16; t++) w[t] = view.getUint32(block + t * 4);
    for (let t = 16; t < 80; t++) w[t] = rotl(w[t - 3]! ^ w[t - 8]! ^ w[t - 14]! ^ w[t - 16]!, 1);
    let [a, b, c, d, e] = h as [number, number, number, number, number];
    for (let t = 0; t < 80; t++) {
      const [f, k] = round(t, b, c, d);
      const temp = (rotl(a, 5) + f + e + k + w[t]!) >>> 0;
      e = d; d = c; c = rotl(b, 30) >>> 0; b = a; a = temp;
    }
    h[0] = (h[0]! + a) >>> 0; h[1] = (h[1]! + b) >>> 0; h[2] = (h[2]! + c) >>> 0; h[3] = (h[3]! + d) >>> 0; h[4] = (h[4]! + e) >>> 0;
  }
  return h.map((x) => x.toString(16).padStart(8, '0')).join('');
}
