// SHA-256 (FIPS 180-4), pure and synchronous: kube-proxy names its chains from a sha256 of
// the service port name (Go's crypto/sha256), and the engine runs in the browser where
// WebCrypto is asynchronous. Input is text, hashed as its UTF-8 bytes, as Go's []byte(s).

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

const INITIAL = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

const rotr = (x: number, n: number): number => (x >>> n) | (x << (32 - n));

// Working buffers, reused: a ruleset names tens of thousands of chains, each from a short text.
const W = new Uint32Array(64);
let block = new Uint8Array(128);

/** The message padded to a whole number of 64-byte blocks (0x80, zeros, 64-bit bit length), in `block`. */
function pad(length: number): number {
  const total = Math.ceil((length + 9) / 64) * 64;
  block.fill(0, length, total);
  block[length] = 0x80;
  const bitLength = length * 8;
  const high = Math.floor(bitLength / 0x100000000), low = bitLength >>> 0;
  for (let i = 0; i < 4; i++) {
    block[total - 8 + i] = (high >>> (24 - 8 * i)) & 0xff;
    block[total - 4 + i] = (low >>> (24 - 8 * i)) & 0xff;
  }
  return total;
}

/** Room in `block` for a message of `length` bytes and its padding. */
function reserve(length: number): void {
  const needed = Math.ceil((length + 9) / 64) * 64;
  if (block.length < needed) block = new Uint8Array(Math.max(needed, block.length * 2));
}

function compress(state: Uint32Array, bytes: Uint8Array, offset: number, w: Uint32Array): void {
  for (let t = 0; t < 16; t++) {
    const o = offset + t * 4;
    w[t] = (bytes[o]! << 24) | (bytes[o + 1]! << 16) | (bytes[o + 2]! << 8) | bytes[o + 3]!;
  }
  for (let t = 16; t < 64; t++) {
    const w15 = w[t - 15]!, w2 = w[t - 2]!;
    const s0 = rotr(w15, 7) ^ rotr(w15, 18) ^ (w15 >>> 3);
    const s1 = rotr(w2, 17) ^ rotr(w2, 19) ^ (w2 >>> 10);
    w[t] = (w[t - 16]! + s0 + w[t - 7]! + s1) >>> 0;
  }
  let a = state[0]!, b = state[1]!, c = state[2]!, d = state[3]!;
  let e = state[4]!, f = state[5]!, g = state[6]!, h = state[7]!;
  for (let t = 0; t < 64; t++) {
    const s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
    const ch = (e & f) ^ (~e & g);
    const t1 = (h + s1 + ch + K[t]! + w[t]!) >>> 0;
    const s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
    const maj = (a & b) ^ (a & c) ^ (b & c);
    const t2 = (s0 + maj) >>> 0;
    h = g; g = f; f = e; e = (d + t1) >>> 0;
    d = c; c = b; b = a; a = (t1 + t2) >>> 0;
  }
  state[0] = (state[0]! + a) >>> 0; state[1] = (state[1]! + b) >>> 0;
  state[2] = (state[2]! + c) >>> 0; state[3] = (state[3]! + d) >>> 0;
  state[4] = (state[4]! + e) >>> 0; state[5] = (state[5]! + f) >>> 0;
  state[6] = (state[6]! + g) >>> 0; state[7] = (state[7]! + h) >>> 0;
}

/** The digest of the first `length` bytes of `block`. */
function digestBlock(length: number): Uint8Array {
  const total = pad(length);
  const state = new Uint32Array(INITIAL);
  for (let offset = 0; offset < total; offset += 64) compress(state, block, offset, W);
  const digest = new Uint8Array(32);
  state.forEach((word, i) => {
    digest[i * 4] = word >>> 24; digest[i * 4 + 1] = (word >>> 16) & 0xff;
    digest[i * 4 + 2] = (word >>> 8) & 0xff; digest[i * 4 + 3] = word & 0xff;
  });
  if (block.length > 4096) block = new Uint8Array(128); // a long message's buffer is not kept
  return digest;
}

/** The 32-byte SHA-256 digest of the bytes. */
export function sha256Bytes(message: Uint8Array): Uint8Array {
  reserve(message.length);
  block.set(message);
  return digestBlock(message.length);
}

/** UTF-8 bytes of a string (TextEncoder is not in the engine's ES-only lib). */
export function utf8(text: string): Uint8Array {
  const bytes: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) bytes.push(c);
    else if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(bytes);
}

/** The SHA-256 digest of a string's UTF-8 bytes. */
export function sha256(text: string): Uint8Array {
  // ASCII text (every chain-name input in practice) is its own UTF-8: no byte array to build.
  reserve(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) return sha256Bytes(utf8(text));
    block[i] = c;
  }
  return digestBlock(text.length);
}

export const toHex = (bytes: Uint8Array): string =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
