// The editor's text in the address bar: `yaml=` holds it deflated (raw DEFLATE, the browser's
// own CompressionStream, so no library) and base64url-encoded, only when it differs from the
// built-in scenario's. A scenario's YAML of a few kilobytes becomes about a kilobyte of URL.

export const YAML_PARAM = 'yaml';

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const bin = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

export async function encodeYaml(text: string): Promise<string> {
  return toBase64Url(await pipe(new TextEncoder().encode(text), new CompressionStream('deflate-raw')));
}

/** The text a `yaml=` value holds, or null when it is not one kubehops wrote. */
export async function decodeYaml(value: string): Promise<string | null> {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(await pipe(fromBase64Url(value), new DecompressionStream('deflate-raw')));
  } catch {
    return null;
  }
}

export function readYamlParam(search: string): string | null {
  const v = new URLSearchParams(search).get(YAML_PARAM);
  return v === null || v === '' ? null : v;
}
