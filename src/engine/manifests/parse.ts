// Splits manifest text into documents the way kubectl's resource builder does: YAML streams
// separated by `---` (and JSON, which is YAML), empty documents skipped, and every item of a
// `kind: List` taken as a document of its own. YAML is read as YAML 1.1, as sigs.k8s.io/yaml
// (go-yaml v2) reads it, so `yes`/`no` are booleans there too.

import { LineCounter, parseDocument, isMap, isSeq, type Document, type Node as YAMLNode, type YAMLError } from 'yaml';
import type { FieldError } from './field-errors';
import { readJSONDocument, type JSONDocument } from './json-document';

/** One input file (or stdin) of a scenario. */
export interface SourceText {
  readonly name: string;
  readonly text: string;
}

/** One document as read from its source, before any Kubernetes semantics. */
export interface SourceDocument {
  /** 0-based, across all sources in order; each List item counts. */
  readonly index: number;
  readonly source: string;
  /** 1-based line where the document's content starts. */
  readonly line: number;
  readonly object: unknown;
  /** Syntax problems: a document with any is not loaded. */
  readonly errors: FieldError[];
}

/** The API server refuses request bodies over 3 MiB (apiserver MaxRequestBodyBytes). */
export const MAX_OBJECT_BYTES = 3 * 1024 * 1024;

const YAML_OPTIONS = { version: '1.1', merge: true, uniqueKeys: true, prettyErrors: true } as const;

/** An undecodable document: no field to blame, so the path is empty. */
function syntaxError(message: string, line?: number): FieldError {
  const where = line === undefined ? '' : `line ${line}: `;
  return { field: '', type: 'Invalid', message: `${where}${message}` };
}

function describeYAMLError(e: YAMLError, text: string): string {
  if (e.code === 'DUPLICATE_KEY') {
    const key = /^[^:\n]*/.exec(text.slice(e.pos[0]))?.[0].trim() ?? '';
    return `mapping key ${JSON.stringify(key)} already defined`;
  }
  return firstLine(e.message);
}

export function parseSources(sources: readonly SourceText[]): SourceDocument[] {
  const out: SourceDocument[] = [];
  for (const source of sources) {
    for (const doc of parseSource(source)) out.push({ ...doc, index: out.length });
  }
  return out;
}

type Unindexed = Omit<SourceDocument, 'index'>;

/**
 * Splits a stream into documents exactly as kubectl's YAMLReader does
 * (k8s.io/apimachinery/pkg/util/yaml): a line starting with `---`, followed by nothing but
 * spaces or a comment, ends a document; each piece is then parsed alone, which keeps memory
 * bounded by the largest document rather than the whole file.
 */
export function splitDocuments(text: string): { text: string; firstLine: number }[] {
  const out: { text: string; firstLine: number }[] = [];
  const separator = /^---[ \t]*(#.*)?$/gm;
  let start = 0, firstLine = 1, lineAt = 0, lines = 1;
  const countLines = (to: number): number => {
    for (let i = lineAt; i < to; i++) if (text.charCodeAt(i) === 10) lines++;
    lineAt = to;
    return lines;
  };
  for (let m = separator.exec(text); m; m = separator.exec(text)) {
    out.push({ text: text.slice(start, m.index), firstLine });
    const end = m.index + m[0].length;
    start = Math.min(text.length, end + (text.startsWith('\r\n', end) ? 2 : 1)); // past the separator's line end
    firstLine = countLines(start);
  }
  out.push({ text: text.slice(start), firstLine });
  return out;
}

function parseSource(source: SourceText): Unindexed[] {
  return splitDocuments(source.text).flatMap((piece) => parsePiece(source.name, piece.text, piece.firstLine));
}

/** A top-level `kind: ...List` (YAML or JSON): its items, not the whole, are the objects. */
const LIST_KIND = /^kind:\s*["']?\w*List["']?\s*(#.*)?$|"kind"\s*:\s*"\w*List"/m;

function parsePiece(sourceName: string, text: string, firstLine: number): Unindexed[] {
  if (text.trim() === '') return [];
  if (text.length > MAX_OBJECT_BYTES && !LIST_KIND.test(text)) {
    // Refused before parsing, as the API server refuses the request body.
    const line = firstLine + (/^(\s*(#.*)?\n)*/.exec(text)?.[0].split('\n').length ?? 1) - 1;
    return [document(sourceName, line, text.length, () => undefined)];
  }
  const json = readJSONDocument(text);
  if (json) return jsonDocuments(json, text, sourceName, firstLine);
  const lineCounter = new LineCounter();
  const lineOf = (offset: number): number => firstLine - 1 + lineCounter.linePos(offset).line;
  const doc = parseDocument(text, { ...YAML_OPTIONS, lineCounter });
  const contents = doc.contents as YAMLNode | null;
  if (doc.errors.length > 0) {
    const start = contents?.range?.[0] ?? doc.range[0];
    return [{
      source: sourceName, line: lineOf(start), object: undefined,
      errors: doc.errors.map((e) => syntaxError(
        `error converting YAML to JSON: ${describeYAMLError(e, text)}`,
        e.linePos ? firstLine - 1 + e.linePos[0].line : undefined)),
    }];
  }
  if (contents === null || contents === undefined || isEmptyScalar(contents)) return [];
  return expandList(doc, contents, sourceName, lineOf);
}

/** A JSON document read by JSON.parse: the same documents, lines and size checks as the YAML path. */
function jsonDocuments(json: JSONDocument, text: string, source: string, firstLine: number): Unindexed[] {
  let line = firstLine, at = 0;
  const lineOf = (offset: number): number => {
    for (let i = text.indexOf('\n', at); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
    at = offset;
    return line;
  };
  if (!json.itemSpans) {
    const start = text.indexOf('{');
    return [document(source, lineOf(start), text.lastIndexOf('}') + 1 - start, () => json.object)];
  }
  const items = json.object.items as unknown[];
  return json.itemSpans.map(([start, end], i) => document(source, lineOf(start), end - start, () => items[i]));
}

const firstLine = (message: string): string => message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');

function isEmptyScalar(node: YAMLNode): boolean {
  return !isMap(node) && !isSeq(node) && 'value' in node && (node as { value: unknown }).value === null;
}

/** A `kind: List` (v1 List, or any `*List` kubectl prints) becomes one document per item. */
function expandList(doc: Document, contents: YAMLNode, source: string, lineOf: (o: number) => number): Unindexed[] {
  const line = lineOf(contents.range?.[0] ?? 0);
  const size = (contents.range?.[1] ?? 0) - (contents.range?.[0] ?? 0);
  const items = isMap(contents) ? contents.get('items', true) : undefined;
  const kind = isMap(contents) ? contents.get('kind') : undefined;
  if (typeof kind === 'string' && kind.endsWith('List') && isSeq(items)) {
    return items.items.map((item) => {
      const node = item as YAMLNode;
      const start = node.range?.[0] ?? 0;
      return document(source, lineOf(start), (node.range?.[1] ?? start) - start, () => node.toJSON());
    });
  }
  return [document(source, line, size, () => doc.toJS({ maxAliasCount: 100 }))];
}

function document(source: string, line: number, bytes: number, read: () => unknown): Unindexed {
  if (bytes > MAX_OBJECT_BYTES) {
    return {
      source, line, object: undefined,
      errors: [syntaxError(`Request entity too large: limit is ${MAX_OBJECT_BYTES}`, line)],
    };
  }
  try {
    return { source, line, object: read(), errors: [] };
  } catch (e) {
    // yaml raises here for alias bombs (maxAliasCount) and unresolvable aliases.
    return { source, line, object: undefined, errors: [syntaxError(`error converting YAML to JSON: ${firstLine(String((e as Error).message))}`, line)] };
  }
}
