/**
 * Finds fields a schema does not declare. The schema packages' validators
 * (precompiled Ajv) accept unknown fields, while `kubectl apply` (strict
 * field validation, the default since Kubernetes 1.27) rejects them and a
 * structural CRD prunes them. A compiled validator reads every property its
 * schema declares, and iterates the keys of maps (`additionalProperties`), so
 * a key it never reads is not in the schema: we record the reads through a
 * Proxy and report the keys left unread.
 */
type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function findUnknownFields(
  value: Json,
  validate: (tracked: Json) => void,
): string[] {
  const reads = new Map<string, Set<string>>();
  const track = <T>(node: T, path: string): T => {
    if (typeof node !== 'object' || node === null) return node;
    const keys = new Set<string>();
    reads.set(path, keys);
    return new Proxy(node as unknown as object, {
      get(target, key, receiver) {
        const child = Reflect.get(target, key, receiver);
        if (typeof key !== 'string') return child;
        keys.add(key);
        return track(child, `${path}/${key}`);
      },
      has(target, key) {
        if (typeof key === 'string') keys.add(key);
        return Reflect.has(target, key);
      },
    }) as T;
  };
  validate(track(value, ''));

  const unknown: string[] = [];
  const walk = (node: unknown, path: string): void => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, `${path}/${i}`));
      return;
    }
    if (!isObject(node)) return;
    const read = reads.get(path);
    if (!read) return; // not reached: a type error is reported instead
    for (const [key, child] of Object.entries(node)) {
      if (read.has(key)) walk(child, `${path}/${key}`);
      else unknown.push(`${path}/${key}`);
    }
  };
  walk(value, '');
  return unknown;
}
