/**
 * Safe readers for untrusted manifest data. Manifests come from users and
 * clusters, so every field may be missing or of the wrong type; the engine
 * reads them through these helpers instead of trusting a static shape.
 */

export type JsonRecord = Record<string, unknown>;

export function asRecord(value: unknown): JsonRecord | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as JsonRecord)
    : undefined;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Arrays of objects, skipping entries that are not objects. */
export function asRecords(value: unknown): JsonRecord[] {
  return asArray(value).flatMap(entry => {
    const record = asRecord(entry);
    return record ? [record] : [];
  });
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Strings, numbers and booleans as a string (YAML often turns `v1` into a string but `1` into a number). */
export function asScalarString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  return undefined;
}

export function asNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value)
    ? value
    : undefined;
}

export function asBoolean(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

export function asStringArray(value: unknown): string[] {
  return asArray(value).flatMap(entry => {
    const text = asScalarString(entry);
    return text === undefined ? [] : [text];
  });
}

/**
 * Reads a dotted path such as `spec.template.spec` through nested objects;
 * a numeric segment indexes an array (`spec.listeners.0.portMapping.port`).
 */
export function getPath(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const key of path.split('.')) {
    if (Array.isArray(current)) {
      if (!/^\d+$/.test(key)) return undefined;
      current = current[Number(key)];
      continue;
    }
    const record = asRecord(current);
    if (!record) return undefined;
    current = record[key];
  }
  return current;
}

/** A string-to-string map such as labels, selectors or ConfigMap data. */
export function asStringMap(value: unknown): Record<string, string> {
  const record = asRecord(value);
  const result: Record<string, string> = {};
  if (!record) return result;
  for (const [key, entry] of Object.entries(record)) {
    const text = entry === null ? '' : asScalarString(entry);
    if (text !== undefined) result[key] = text;
  }
  return result;
}
