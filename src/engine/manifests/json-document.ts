// The fast path for JSON documents (`kubectl get -o json` output): JSON.parse, plus one scan
// of the text for what JSON.parse drops and the YAML reader reports, namely a key repeated in
// one object (which the API server's strict decoding refuses), and the span of each item of
// a top-level `items` array (each List item is a document with its own line). Anything
// unusual (a syntax error, a repeated key, an item that is not an object) returns undefined,
// and the caller reads the text with the YAML reader, which reports it exactly as before.

/** A JSON object and, when it has an `items` array of objects, each item's [start, end) offsets. */
export interface JSONDocument {
  readonly object: Record<string, unknown>;
  readonly itemSpans?: readonly (readonly [number, number])[];
}

const QUOTE = 34, BACKSLASH = 92, OPEN_BRACE = 123, CLOSE_BRACE = 125, OPEN_BRACKET = 91, CLOSE_BRACKET = 93, COLON = 58;

const isSpace = (c: number): boolean => c === 32 || c === 10 || c === 13 || c === 9;

/** Offset just past the string whose opening quote is at `i` (the text is valid JSON). */
function stringEnd(text: string, i: number): number {
  let j = text.indexOf('"', i + 1);
  for (;;) {
    let backslashes = 0;
    for (let k = j - 1; text.charCodeAt(k) === BACKSLASH; k--) backslashes++;
    if (backslashes % 2 === 0) return j + 1;
    j = text.indexOf('"', j + 1);
  }
}

interface Frame {
  readonly object: boolean;
  /** Keys seen so far in an object: an array while few (most objects), a Set beyond. */
  keys: string[] | Set<string>;
  /** This array is the top-level object's `items`. */
  readonly items: boolean;
}

const SMALL_OBJECT = 12;

/** Records a key; false when the object already has it. */
function addKey(frame: Frame, key: string): boolean {
  const keys = frame.keys;
  if (Array.isArray(keys)) {
    if (keys.includes(key)) return false;
    keys.push(key);
    if (keys.length > SMALL_OBJECT) frame.keys = new Set(keys);
    return true;
  }
  if (keys.has(key)) return false;
  keys.add(key);
  return true;
}

/**
 * Scans valid JSON text: false when an object repeats a key; otherwise the spans of the
 * top-level `items` array's elements (undefined when there is none, or one is not an object).
 */
function scan(text: string): { spans?: [number, number][] } | false {
  const stack: Frame[] = [];
  let spans: [number, number][] | undefined;
  let itemsSeen = false, itemsOk = true, lastKey = '', itemStart = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = stringEnd(text, i);
      let j = end;
      while (isSpace(text.charCodeAt(j))) j++;
      const top = stack[stack.length - 1];
      if (text.charCodeAt(j) === COLON && top?.object) {
        const raw = text.slice(i + 1, end - 1);
        const key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
        if (!addKey(top, key)) return false;
        lastKey = key;
        i = j;
      } else {
        if (top?.items) itemsOk = false;
        i = end - 1;
      }
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      const top = stack[stack.length - 1];
      if (top?.items) {
        if (c === OPEN_BRACE) itemStart = i;
        else itemsOk = false;
      }
      const isItems = c === OPEN_BRACKET && stack.length === 1 && lastKey === 'items' && !itemsSeen;
      if (isItems) { itemsSeen = true; spans = []; }
      stack.push({ object: c === OPEN_BRACE, keys: [], items: isItems });
      lastKey = '';
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      stack.pop();
      if (stack[stack.length - 1]?.items && c === CLOSE_BRACE) spans!.push([itemStart, i + 1]);
    } else if (!isSpace(c) && c !== 44 && c !== COLON && stack[stack.length - 1]?.items) {
      itemsOk = false; // a number, true, false or null as an item
    }
  }
  return itemsOk && spans ? { spans } : {};
}

/**
 * Reads a document that is one JSON object. Undefined when the text is not a JSON object,
 * does not parse, or repeats a key: the YAML reader then reports it as before.
 */
export function readJSONDocument(text: string): JSONDocument | undefined {
  let i = 0;
  while (isSpace(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) !== OPEN_BRACE) return undefined;
  let object: unknown;
  try {
    object = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof object !== 'object' || object === null || Array.isArray(object)) return undefined;
  const scanned = scan(text);
  if (scanned === false) return undefined;
  const o = object as Record<string, unknown>;
  const isList = typeof o.kind === 'string' && o.kind.endsWith('List') && Array.isArray(o.items);
  // A List whose items are not all objects: the YAML reader knows each item's position.
  if (isList && !scanned.spans) return undefined;
  return { object: o, ...(isList && { itemSpans: scanned.spans }) };
}
