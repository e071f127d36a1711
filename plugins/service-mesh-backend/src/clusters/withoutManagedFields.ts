/** How a key of that name starts in JSON: never inside a string, where `"` is `\"`. */
const MANAGED_FIELDS_KEY = '"managedFields":';

/**
 * A list answer's JSON without its objects' `metadata.managedFields`, cut
 * out before parsing. The API server sends them with every object (even in
 * a metadata-only list) and nothing in Meshwise reads them, yet they can be
 * most of a page: parsing them into objects only to drop them costs more
 * than skipping their text. The key cannot occur inside a string value
 * (its quotes would be escaped), and its value is skipped by matching
 * brackets outside strings. Any other text is left as it is.
 */
export function withoutManagedFields(json: string): string {
  let at = json.indexOf(MANAGED_FIELDS_KEY);
  if (at < 0) return json;
  const kept: string[] = [];
  let from = 0;
  while (at >= 0) {
    const valueEnd = endOfValue(json, at + MANAGED_FIELDS_KEY.length);
    if (valueEnd < 0) return json; // not JSON as expected: parse it whole
    // `,"managedFields":[...]`, or `{"managedFields":[...],`.
    if (json[at - 1] === ',') {
      kept.push(json.slice(from, at - 1));
      from = valueEnd;
    } else {
      kept.push(json.slice(from, at));
      from = json[valueEnd] === ',' ? valueEnd + 1 : valueEnd;
    }
    at = json.indexOf(MANAGED_FIELDS_KEY, from);
  }
  kept.push(json.slice(from));
  return kept.join('');
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN = new Set([0x5b, 0x7b]); // [ {
const CLOSE = new Set([0x5d, 0x7d]); // ] }

/**
 * The index just past the array or object starting at `start` (after
 * optional spaces), or -1 when there is none.
 */
function endOfValue(json: string, start: number): number {
  let at = start;
  while (json.charCodeAt(at) === 0x20) at += 1;
  if (!OPEN.has(json.charCodeAt(at))) return -1;
  let depth = 0;
  let inString = false;
  for (; at < json.length; at += 1) {
    const code = json.charCodeAt(at);
    if (inString) {
      if (code === BACKSLASH) at += 1;
      else if (code === QUOTE) inString = false;
    } else if (code === QUOTE) {
      inString = true;
    } else if (OPEN.has(code)) {
      depth += 1;
    } else if (CLOSE.has(code)) {
      depth -= 1;
      if (depth === 0) return at + 1;
    }
  }
  return -1;
}
