/**
 * The HTTPRoute/GRPCRoute rules the schema packages cannot express: the CEL
 * `x-kubernetes-validations` of the Gateway API v1.6.1 CRDs
 * (config/crd/{standard,experimental}/gateway.networking.k8s.io_{http,grpc}routes.yaml,
 * https://github.com/kubernetes-sigs/gateway-api/tree/v1.6.1/config/crd), with
 * their messages, plus Meshwise's own rule that a second rule with the same
 * match never matches (Gateway API breaks ties by rule order).
 */
type Json = Record<string, any>;

const REPEATABLE_ONCE = [
  'RequestHeaderModifier',
  'ResponseHeaderModifier',
  'RequestRedirect',
  'URLRewrite',
  'CORS',
];

/** Gateway API Duration (`^([0-9]{1,5}(h|m|s|ms)){1,4}$`) in milliseconds. */
export function durationMs(value: string): number {
  const unit: Record<string, number> = { h: 3600000, m: 60000, s: 1000, ms: 1 };
  let total = 0;
  for (const [, amount, suffix] of value.matchAll(/(\d+)(ms|h|m|s)/g))
    total += Number(amount) * unit[suffix];
  return total;
}

function backendRefErrors(ref: Json, at: string): string[] {
  const group = ref.group ?? '';
  const kind = ref.kind ?? 'Service';
  return group === '' && kind === 'Service' && ref.port === undefined
    ? [`${at}: Must have port for Service reference (${ref.name})`]
    : [];
}

function filterErrors(filters: Json[] | undefined, at: string): string[] {
  const errors: string[] = [];
  const types = (filters ?? []).map(f => f.type as string);
  for (const type of REPEATABLE_ONCE)
    if (types.filter(t => t === type).length > 1)
      errors.push(`${at}: ${type} filter cannot be repeated`);
  if (types.includes('RequestRedirect') && types.includes('URLRewrite'))
    errors.push(
      `${at}: May specify either httpRouteFilterRequestRedirect or httpRouteFilterRequestRewrite, but not both`,
    );
  (filters ?? []).forEach((f, i) => {
    if (f.requestMirror?.backendRef)
      errors.push(
        ...backendRefErrors(
          f.requestMirror.backendRef,
          `${at}/${i}/requestMirror`,
        ),
      );
  });
  return errors;
}

const replacesPrefix = (filters: Json[] | undefined) =>
  (filters ?? []).some(f =>
    [f.urlRewrite?.path, f.requestRedirect?.path].some(
      path => path?.type === 'ReplacePrefixMatch',
    ),
  );

function pathErrors(match: Json, at: string): string[] {
  const path = match.path;
  if (!path || !['Exact', 'PathPrefix'].includes(path.type ?? 'PathPrefix'))
    return [];
  const value: string = path.value ?? '/';
  const broken = [
    !value.startsWith('/') && 'must start with /',
    /\/\/|\/\.\/|\/\.\.\/|%2f|#/i.test(value) &&
      "must not contain '//', '/./', '/../', '%2f' or '#'",
    /\/\.\.?$/.test(value) && "must not end with '/.' or '/..'",
    !/^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|%[0-9a-fA-F]{2})+$/.test(value) &&
      'must only contain valid characters',
  ].filter(Boolean);
  return broken.map(why => `${at}/path: ${JSON.stringify(value)} ${why}`);
}

/** Key of a match with the CRD defaults applied, so `{}` and `{path: {type: PathPrefix, value: /}}` compare equal. */
function matchKey(match: Json, grpc: boolean): string {
  const sortObject = (value: unknown): unknown => {
    if (Array.isArray(value))
      return value.map(v => JSON.stringify(sortObject(v))).sort();
    if (!value || typeof value !== 'object') return value;
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, sortObject(v)]),
    );
  };
  const withDefaults = grpc
    ? match
    : {
        ...match,
        path: { type: 'PathPrefix', value: '/', ...match.path },
      };
  return JSON.stringify(sortObject(withDefaults));
}

function parentRefErrors(parentRefs: Json[] | undefined): string[] {
  const key = (p: Json) =>
    [
      p.group ?? 'gateway.networking.k8s.io',
      p.kind ?? 'Gateway',
      p.namespace ?? '',
      p.name,
    ].join('/');
  const errors: string[] = [];
  const seen = new Map<string, Json[]>();
  for (const ref of parentRefs ?? [])
    seen.set(key(ref), [...(seen.get(key(ref)) ?? []), ref]);
  for (const [parent, refs] of seen) {
    if (refs.length < 2) continue;
    const sections = refs.map(r => r.sectionName ?? '');
    if (sections.includes(''))
      errors.push(
        `spec/parentRefs: sectionName must be specified when parentRefs includes 2 or more references to the same parent (${parent})`,
      );
    else if (new Set(sections).size < sections.length)
      errors.push(
        `spec/parentRefs: sectionName must be unique when parentRefs includes 2 or more references to the same parent (${parent})`,
      );
  }
  return errors;
}

/** Errors of an HTTPRoute or GRPCRoute, each prefixed with the field path. */
export function gatewayRouteErrors(route: Json): string[] {
  const grpc = route.kind === 'GRPCRoute';
  const rules: Json[] = route.spec?.rules ?? [];
  const errors = parentRefErrors(route.spec?.parentRefs);
  const firstRuleOfMatch = new Map<string, number>();
  let totalMatches = 0;
  rules.forEach((rule, r) => {
    const at = `spec/rules/${r}`;
    const matches: Json[] = rule.matches ?? [{}];
    totalMatches += rule.matches?.length ?? 0;
    (rule.backendRefs ?? []).forEach((ref: Json, b: number) => {
      errors.push(...backendRefErrors(ref, `${at}/backendRefs/${b}`));
      errors.push(
        ...filterErrors(ref.filters, `${at}/backendRefs/${b}/filters`),
      );
    });
    errors.push(...filterErrors(rule.filters, `${at}/filters`));
    const backendFilters = (rule.backendRefs ?? []).flatMap(
      (b: Json) => b.filters ?? [],
    );
    if (replacesPrefix([...(rule.filters ?? []), ...backendFilters])) {
      const only = rule.matches?.length === undefined ? [{}] : rule.matches;
      if (
        only.length !== 1 ||
        (only[0].path?.type ?? 'PathPrefix') !== 'PathPrefix'
      )
        errors.push(
          `${at}: When using URLRewrite/RequestRedirect filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified`,
        );
    }
    if (
      rule.filters?.some((f: Json) => f.type === 'RequestRedirect') &&
      rule.backendRefs?.length
    )
      errors.push(
        `${at}: RequestRedirect filter must not be used together with backendRefs`,
      );
    const timeouts = rule.timeouts ?? {};
    if (
      typeof timeouts.request === 'string' &&
      typeof timeouts.backendRequest === 'string' &&
      durationMs(timeouts.request) !== 0 &&
      durationMs(timeouts.backendRequest) > durationMs(timeouts.request)
    )
      errors.push(
        `${at}/timeouts: backendRequest timeout cannot be longer than request timeout (${timeouts.backendRequest} > ${timeouts.request})`,
      );
    matches.forEach((match, m) => {
      if (!grpc) errors.push(...pathErrors(match, `${at}/matches/${m}`));
      if (
        grpc &&
        match.method?.type !== undefined &&
        !match.method.service &&
        !match.method.method
      )
        errors.push(
          `${at}/matches/${m}/method: One or both of 'service' or 'method' must be specified`,
        );
      const key = matchKey(match, grpc);
      const earlier = firstRuleOfMatch.get(key);
      if (earlier !== undefined && earlier !== r)
        errors.push(
          `${at}/matches/${m}: same match as spec/rules/${earlier}; this rule never receives it`,
        );
      else firstRuleOfMatch.set(key, r);
    });
  });
  if (totalMatches >= 128)
    errors.push(
      'spec/rules: the total number of matches across all rules in a route must be less than 128',
    );
  return errors;
}
