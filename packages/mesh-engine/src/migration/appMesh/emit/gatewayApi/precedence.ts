/** The checks no schema can make: duplicate rules, and Gateway API precedence against App Mesh's priority order. */
import { JsonRecord } from '../../../../engine/model/access';
import { manual } from '../common';
import { EmitOutput } from '../types';
import { BuiltRule } from './rule';

const matchKey = (rule: JsonRecord): string =>
  JSON.stringify(
    rule.matches ?? [{ path: { type: 'PathPrefix', value: '/' } }],
  );

/** Drops a rule whose matches equal an earlier rule's (it could never match) and says so. */
export function uniqueRules(rules: BuiltRule[], label: string): BuiltRule[] {
  const seen = new Map<string, BuiltRule>();
  return rules.filter(built => {
    const key = matchKey(built.rule);
    const first = seen.get(key);
    if (!first) {
      seen.set(key, built);
      return true;
    }
    manual(
      built.route.site,
      `(route ${built.route.name}) not emitted: in ${label} it has the same match as route ${first.route.name} on port ${built.route.listenerPort}, so it would never match`,
      'App Mesh tried routes in priority order, so the earlier route already took every request this match selects; a second identical rule never matches. Give the route a distinct match, or merge its targets into the first route by hand.',
    );
    return false;
  });
}

/** Gateway API orders rules by match specificity, not list order: flags where that changes App Mesh's priority order. */
export function checkPrecedence(rules: BuiltRule[], out: EmitOutput): void {
  if (rules.length < 2) return;
  const rank = (rule: JsonRecord): number[] => {
    const match = ((rule.matches as JsonRecord[] | undefined) ?? [])[0] ?? {};
    const path = (match.path as JsonRecord | undefined) ?? {};
    const value = (path.value as string | undefined) ?? '/';
    return [
      path.type === 'Exact' ? 0 : 1,
      path.type === 'PathPrefix' || path.type === undefined ? -value.length : 0,
      match.method ? 0 : 1,
      -((match.headers as unknown[] | undefined)?.length ?? 0),
      -((match.queryParams as unknown[] | undefined)?.length ?? 0),
    ];
  };
  const sorted = [...rules].sort((a, b) => {
    const ra = rank(a.rule);
    const rb = rank(b.rule);
    for (let i = 0; i < ra.length; i += 1)
      if (ra[i] !== rb[i]) return ra[i] - rb[i];
    return 0;
  });
  if (sorted.every((entry, i) => entry === rules[i])) return;
  const ledger = rules[0].route.site.ledger;
  out.actions.push({
    what: `${ledger.object.kind} ${ledger.object.metadata.name}: spec.routes[].priority order is not guaranteed in Gateway API`,
    why: `Gateway API evaluates rules by match specificity (exact path, longest prefix, method, number of header and query matches), not by list order: it would try ${sorted
      .map(entry => entry.route.name)
      .join(', ')} where App Mesh tried ${rules
      .map(entry => entry.route.name)
      .join(
        ', ',
      )}. Check that overlapping routes still win as intended; narrow the matches if not.`,
    source: `${ledger.label} spec.routes[].priority`,
  });
}
