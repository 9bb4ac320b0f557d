import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { readJSONDocument } from './json-document';
import { parseSources } from './parse';

const parse = (text: string) => parseSources([{ name: 's.json', text }]);
const asYAML = (text: string): unknown => parseDocument(text, { version: '1.1', merge: true, uniqueKeys: true }).toJS();

const list = JSON.stringify({
  apiVersion: 'v1', kind: 'List',
  items: [
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a', labels: { 'x{': '}"' } } },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'b\\"' }, spec: { ports: [{ port: 80 }] } },
  ],
  metadata: { resourceVersion: '' },
}, null, 4);

describe('JSON documents (kubectl get -o json)', () => {
  it('reads the same objects the YAML reader does, numbers and escapes included', () => {
    const text = '{"a": 1e5, "b": -0.5, "c": "\\u00e9\\/\\\\", "d": [true, null, {"e": {}}], "12": 1, "f": 12345678901234567890}';
    expect(readJSONDocument(text)!.object).toEqual(asYAML(text));
    expect(parse(text)[0]!.object).toEqual(asYAML(text));
  });

  it('gives each List item its own document, line and object, as the YAML reader did', () => {
    const docs = parse(`\n${list}`);
    expect(docs.map((d) => [d.line, (d.object as { kind: string }).kind])).toEqual([[6, 'Pod'], [16, 'Service']]);
    expect(docs.map((d) => d.object)).toEqual((asYAML(list) as { items: unknown[] }).items);
  });

  it('reports a repeated key as the YAML reader does, nested or escaped', () => {
    for (const text of ['{"kind": "A",\n "kind": "B"}', '{"a": {"b": 1,\n "b": 2}}', '{"a": 1,\n "\\u0061": 2}']) {
      const [doc] = parse(text);
      expect(doc!.object).toBeUndefined();
      expect(doc!.errors[0]!.message).toMatch(/^line 2: error converting YAML to JSON: mapping key .* already defined$/);
    }
  });

  it('allows one key in different objects, and keys that look alike', () => {
    const text = '{"a": {"k": 1}, "b": {"k": 2}, "c": "k", "k": ["k"], "s": "\\"k\\": 1"}';
    expect(readJSONDocument(text)!.object).toEqual(asYAML(text));
  });

  it('checks objects with many keys', () => {
    const keys = Array.from({ length: 40 }, (_, i) => `"k${i}": ${i}`);
    expect(readJSONDocument(`{${keys.join(',')}}`)).toBeDefined();
    expect(readJSONDocument(`{${[...keys, '"k7": 0'].join(',')}}`)).toBeUndefined();
  });

  it('leaves YAML flow mappings, bad JSON and non-object Lists to the YAML reader', () => {
    expect(readJSONDocument('{kind: A}')).toBeUndefined();
    expect(readJSONDocument('{"kind": "A",}')).toBeUndefined();
    expect(readJSONDocument('{"kind": "List", "items": [1, {"kind": "Pod"}]}')).toBeUndefined();
    expect(parse('{kind: A}')[0]!.object).toEqual({ kind: 'A' });
  });
});
