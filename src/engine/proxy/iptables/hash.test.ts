import { describe, expect, it } from 'vitest';
import { base32Encode } from './base32';
import { sha256, toHex, utf8 } from './sha256';

describe('sha256', () => {
  // FIPS 180-2 / NIST example vectors.
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    [
      'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    ],
    ['a'.repeat(1000000), 'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0'],
  ])('hashes %#', (input, digest) => {
    expect(toHex(sha256(input))).toBe(digest);
  });

  it('hashes across the 55/56-byte padding boundary', () => {
    expect(toHex(sha256('a'.repeat(55)))).toBe('9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318');
    expect(toHex(sha256('a'.repeat(56)))).toBe('b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a');
  });
});

describe('utf8', () => {
  it('encodes like TextEncoder', () => {
    for (const text of ['ns/svc:p80', 'é', '€', '😀', 'a\u0000b']) {
      expect(Array.from(utf8(text))).toEqual(Array.from(new TextEncoder().encode(text)));
    }
  });
});

describe('base32 (RFC 4648 test vectors)', () => {
  it.each([
    ['', ''], ['f', 'MY======'], ['fo', 'MZXQ===='], ['foo', 'MZXW6==='],
    ['foob', 'MZXW6YQ='], ['fooba', 'MZXW6YTB'], ['foobar', 'MZXW6YTBOI======'],
  ])('encodes %j', (input, encoded) => {
    expect(base32Encode(new TextEncoder().encode(input))).toBe(encoded);
  });
});
