import { describe, expect, it } from 'vitest';
import { parseSources, splitDocuments, MAX_OBJECT_BYTES } from './parse';

const parse = (text: string) => parseSources([{ name: 's.yaml', text }]);

describe('splitting a stream the way kubectl does', () => {
  it('splits on --- lines, allowing a trailing comment, and keeps each start line', () => {
    const pieces = splitDocuments('a: 1\n--- # two\nb: 2\n---\nc: 3\n');
    expect(pieces.map((p) => p.firstLine)).toEqual([1, 3, 5]);
  });

  it('counts lines the same in files with CRLF line ends', () => {
    expect(splitDocuments('a: 1\r\n---\r\nb: 2\r\n---\r\nc: 3\r\n').map((p) => p.firstLine)).toEqual([1, 3, 5]);
  });

  it('does not split on --- inside a line', () => {
    expect(splitDocuments('a: "x --- y"\nb: ---x\n')).toHaveLength(1);
  });
});

describe('reading documents', () => {
  it('numbers documents across files in order and gives the line their content starts on', () => {
    const docs = parseSources([
      { name: 'a.yaml', text: 'kind: A\n---\n\n# comment\nkind: B\n' },
      { name: 'b.json', text: '{"kind": "C"}' },
    ]);
    expect(docs.map((d) => [d.index, d.source, d.line, (d.object as { kind: string }).kind]))
      .toEqual([[0, 'a.yaml', 1, 'A'], [1, 'a.yaml', 5, 'B'], [2, 'b.json', 1, 'C']]);
  });

  it('skips empty documents', () => {
    expect(parse('---\n---\n# only a comment\n---\nkind: A\n')).toHaveLength(1);
  });

  it('takes each item of a List as a document with its own line', () => {
    const docs = parse('apiVersion: v1\nkind: List\nitems:\n- kind: Pod\n  metadata: {name: a}\n- kind: Service\n');
    expect(docs.map((d) => [d.line, (d.object as { kind: string }).kind])).toEqual([[4, 'Pod'], [6, 'Service']]);
  });

  it('reads YAML 1.1 booleans as kubectl (go-yaml v2) does', () => {
    expect(parse('a: yes\nb: off\n')[0]!.object).toEqual({ a: true, b: false });
  });
});

describe('bad input is reported with its line, and never loses the good documents', () => {
  it('reports a duplicate key at the line of the repeat', () => {
    const [bad, good] = parse('kind: A\nkind: B\n---\nkind: C\n');
    expect(bad!.errors[0]!.message).toBe('line 2: error converting YAML to JSON: mapping key "kind" already defined');
    expect(good!.object).toEqual({ kind: 'C' });
  });

  it('reports a syntax error with its line', () => {
    const [before, bad, after] = parse('kind: C\n---\nmetadata:\n  name: [a\n---\nkind: D\n');
    expect(bad!.errors[0]!.message).toMatch(/^line 5: error converting YAML to JSON: /);
    expect([before!.object, after!.object]).toEqual([{ kind: 'C' }, { kind: 'D' }]);
  });

  it('refuses an object larger than the API server accepts', () => {
    const big = `kind: ConfigMap\ndata:\n  x: "${'a'.repeat(MAX_OBJECT_BYTES)}"\n`;
    const [doc] = parse(big);
    expect(doc!.object).toBeUndefined();
    expect(doc!.errors[0]!.message).toBe(`line 1: Request entity too large: limit is ${MAX_OBJECT_BYTES}`);
  });

  it('refuses an alias bomb instead of expanding it', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]',
      ...'bcdefgh'.split('').map((k, i) => `${k}: &${k} [${Array(10).fill(`*${'abcdefgh'[i]}`).join(',')}]`)].join('\n');
    const [doc] = parse(bomb);
    expect(doc!.object).toBeUndefined();
    expect(doc!.errors[0]!.message).toMatch(/error converting YAML to JSON/);
  });
});
