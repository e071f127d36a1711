/**
 * Applies a plan's patch body to an object the way `kubectl patch` would:
 * RFC 7386 JSON merge, or a strategic merge that merges the lists Meshwise
 * patches by their `patchMergeKey` (k8s.io/api types) and replaces the others.
 */
type Json = Record<string, any>;

/** patchMergeKey of the lists a plan patches, by the list's field name and its parent's. */
function mergeKey(field: string, path: string[]): string | undefined {
  if (field === 'ports')
    return path.join('.') === 'spec' ? 'port' : 'containerPort';
  return (
    {
      containers: 'name',
      initContainers: 'name',
      ephemeralContainers: 'name',
      env: 'name',
      volumes: 'name',
      imagePullSecrets: 'name',
      volumeMounts: 'mountPath',
    } as Record<string, string>
  )[field];
}

const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function jsonMerge(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const result: Json = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = jsonMerge(result[key], value);
  }
  return result;
}

function mergeList(
  base: unknown,
  patch: Json[],
  key: string | undefined,
  path: string[],
): unknown[] {
  if (!key || !Array.isArray(base)) return patch.filter(item => !item?.$patch);
  const result = [...base];
  for (const item of patch) {
    const at = result.findIndex(existing => existing?.[key] === item[key]);
    if (item.$patch === 'delete') {
      if (at >= 0) result.splice(at, 1);
    } else if (at >= 0) result[at] = strategicMerge(result[at], item, path);
    else result.push(strategicMerge(undefined, item, path));
  }
  return result;
}

export function strategicMerge(
  target: unknown,
  patch: unknown,
  path: string[] = [],
): unknown {
  if (!isObject(patch)) return patch;
  const result: Json = isObject(target) ? { ...target } : {};
  for (const [field, value] of Object.entries(patch)) {
    if (field.startsWith('$')) continue;
    if (value === null) delete result[field];
    else if (Array.isArray(value))
      result[field] = mergeList(result[field], value, mergeKey(field, path), [
        ...path,
        field,
      ]);
    else result[field] = strategicMerge(result[field], value, [...path, field]);
  }
  return result;
}

/** The patch body as a partial object: no deletions (`null`) and no `$` directives. */
export function withoutDirectives(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutDirectives);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key, v]) => v !== null && !key.startsWith('$'))
      .map(([key, v]) => [key, withoutDirectives(v)]),
  );
}
