/**
 * VirtualService rules Istio's validation webhook does not enforce but that
 * change traffic: routes are evaluated in order, first match wins
 * (https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRoute),
 * so a route after an identical match, or after a catch-all, never matches.
 */
type Json = Record<string, any>;

const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );

export function virtualServiceErrors(vs: Json): string[] {
  const errors: string[] = [];
  for (const section of ['http', 'tcp', 'tls'] as const) {
    const routes: Json[] = vs.spec?.[section] ?? [];
    const seen = new Map<string, number>();
    routes.forEach((route, r) => {
      const at = `spec/${section}/${r}`;
      const matches: Json[] = route.match?.length ? route.match : [{}];
      matches.forEach((match, m) => {
        const key = canonical(match);
        const catchAll = seen.get(canonical({}));
        const earlier = seen.get(key) ?? catchAll;
        if (earlier !== undefined && earlier !== r)
          errors.push(
            `${at}/match/${m}: ${
              seen.has(key) ? 'same match as' : 'after the catch-all'
            } spec/${section}/${earlier}; this route never matches it`,
          );
        else if (!seen.has(key)) seen.set(key, r);
      });
    });
  }
  return errors;
}

/** Subsets referenced by a VirtualService, as `host#subset`. */
export function referencedSubsets(vs: Json): string[] {
  const sections: Json[] = ['http', 'tcp', 'tls'].flatMap(
    s => vs.spec?.[s] ?? [],
  );
  return sections
    .flatMap(route => [
      ...(route.route ?? []),
      ...(route.mirror ? [{ destination: route.mirror }] : []),
    ])
    .filter(d => d.destination?.subset)
    .map(d => `${d.destination.host}#${d.destination.subset}`);
}

/** Subsets a DestinationRule defines, as `host#subset`. */
export function definedSubsets(dr: Json): string[] {
  return (dr.spec?.subsets ?? []).map((s: Json) => `${dr.spec.host}#${s.name}`);
}
