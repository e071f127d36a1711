import { asRecord, JsonRecord } from '../model/access';
import { groupKindOfObject, KubeObject } from '../model/kubeObject';

/** Where an object is defined: a file, a document in it, an item of a `List`. */
export interface ManifestLocation {
  file: string;
  /** 0-based position of the YAML document in the file. */
  documentIndex: number;
  /** Position inside a `List`'s `items`. */
  itemIndex?: number;
}

/** One definition of an object, as written and as normalised. */
export interface ObjectDefinition {
  /** The object as the file writes it (before defaults are filled in). */
  written: JsonRecord;
  object: KubeObject;
  at: ManifestLocation;
}

/** A field two definitions of one object give different values. */
export interface DefinitionConflict {
  object: KubeObject;
  /** The field, e.g. `metadata.labels["kuma.io/sidecar-injection"]`. */
  field: string;
  earlier: ManifestLocation;
  /** The definition whose value is used. */
  later: ManifestLocation;
  earlierValue: unknown;
  laterValue: unknown;
}

/** Merges definitions added in path order, remembering who set each field. */
class DefinitionMerger {
  readonly merged: JsonRecord = {};
  readonly conflicts: Omit<DefinitionConflict, 'object'>[] = [];
  /** The definition that set a field (and everything under it), by path. */
  readonly #origins = new Map<string, ManifestLocation>();

  add(definition: ObjectDefinition): void {
    this.#mergeInto(this.merged, definition.written, [], definition.at);
  }

  #mergeInto(
    target: JsonRecord,
    source: JsonRecord,
    path: string[],
    at: ManifestLocation,
  ): void {
    for (const [key, value] of Object.entries(source)) {
      if (!isSet(value)) continue;
      const fieldPath = [...path, key];
      const existing = target[key];
      if (!isSet(existing)) {
        target[key] = copyJson(value);
        this.#origins.set(pathKey(fieldPath), at);
        continue;
      }
      const existingMap = asRecord(existing);
      const valueMap = asRecord(value);
      if (existingMap && valueMap) {
        this.#mergeInto(existingMap, valueMap, fieldPath, at);
        continue;
      }
      if (jsonEqual(existing, value)) continue;
      this.conflicts.push({
        field: formatFieldPath(fieldPath),
        earlier: this.#originOf(fieldPath),
        later: at,
        earlierValue: existing,
        laterValue: value,
      });
      target[key] = copyJson(value);
      this.#forgetUnder(fieldPath);
      this.#origins.set(pathKey(fieldPath), at);
    }
  }

  #originOf(path: string[]): ManifestLocation {
    for (let length = path.length; length > 0; length--) {
      const origin = this.#origins.get(pathKey(path.slice(0, length)));
      if (origin) return origin;
    }
    throw new Error(`no origin for ${formatFieldPath(path)}`);
  }

  #forgetUnder(path: string[]): void {
    const prefix = `${pathKey(path)}\u0000`;
    for (const key of [...this.#origins.keys()]) {
      if (key.startsWith(prefix)) this.#origins.delete(key);
    }
  }
}

/**
 * Definitions of the same object (group-kind, namespace, name) in several
 * files or documents become one object, whatever order the files come in:
 * maps merge key by key, recursively; a field both define with different
 * values (a scalar, a list, or a map against a non-map) is a conflict, and
 * the definition later in path order (then document, then List item) wins.
 * Identical values and fields only one definition sets merge silently; an
 * empty field (`null`) defines nothing.
 *
 * `normalise` turns a merged written object into the engine's object; it is
 * the parser's own, so a merged object is normalised like any other.
 */
export function mergeDefinitions(
  definitions: readonly ObjectDefinition[],
  normalise: (written: JsonRecord) => KubeObject,
): { objects: KubeObject[]; conflicts: DefinitionConflict[] } {
  const byIdentity = new Map<string, ObjectDefinition[]>();
  for (const definition of definitions) {
    const key = identityOf(definition.object);
    const same = byIdentity.get(key);
    if (same) same.push(definition);
    else byIdentity.set(key, [definition]);
  }
  const objects: KubeObject[] = [];
  const conflicts: DefinitionConflict[] = [];
  // Objects keep the position of their first definition in the input.
  for (const same of byIdentity.values()) {
    if (same.length === 1) {
      objects.push(same[0].object);
      continue;
    }
    const ordered = [...same].sort((a, b) => compareLocations(a.at, b.at));
    const merger = new DefinitionMerger();
    for (const definition of ordered) merger.add(definition);
    const object = normalise(merger.merged);
    objects.push(object);
    conflicts.push(
      ...merger.conflicts.map(conflict => ({ ...conflict, object })),
    );
  }
  return { objects, conflicts };
}

function identityOf(object: KubeObject): string {
  const { namespace, name } = object.metadata;
  return [groupKindOfObject(object), namespace ?? '', name].join('\u0000');
}

/** Path order (code units, as `Array.prototype.sort`), then position in the file. */
export function compareLocations(
  a: ManifestLocation,
  b: ManifestLocation,
): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.documentIndex !== b.documentIndex)
    return a.documentIndex - b.documentIndex;
  return (a.itemIndex ?? -1) - (b.itemIndex ?? -1);
}

function pathKey(path: string[]): string {
  return path.join('\u0000');
}

/** `metadata.labels["kuma.io/sidecar-injection"]`: keys that are not identifiers are quoted. */
export function formatFieldPath(path: string[]): string {
  return path
    .map((key, position) => {
      if (/^[A-Za-z_$][\w$-]*$/.test(key))
        return position === 0 ? key : `.${key}`;
      return `[${JSON.stringify(key)}]`;
    })
    .join('');
}

function copyJson<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copyJson) as T;
  const record = asRecord(value);
  if (!record) return value;
  const copy: JsonRecord = {};
  for (const [key, entry] of Object.entries(record))
    copy[key] = copyJson(entry);
  return copy as T;
}

function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((entry, position) => jsonEqual(entry, b[position]))
    );
  }
  const left = asRecord(a);
  const right = asRecord(b);
  if (!left || !right) return false;
  const keys = Object.keys(left).filter(key => isSet(left[key]));
  const otherKeys = Object.keys(right).filter(key => isSet(right[key]));
  return (
    keys.length === otherKeys.length &&
    keys.every(key => jsonEqual(left[key], right[key]))
  );
}

/** An empty field (`null`) defines nothing, as if it were absent. */
function isSet(value: unknown): boolean {
  return value !== null && value !== undefined;
}
