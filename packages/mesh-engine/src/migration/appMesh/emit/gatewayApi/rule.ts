/** One App Mesh route as one HTTPRoute/GRPCRoute rule. */
import { JsonRecord } from '../../../../engine/model/access';
import { Route } from '../../model';
import { EmitOutput } from '../types';
import { GatewayApiCaps } from './caps';
import { Loss } from './headerMatches';
import { grpcMatch, httpMatch } from './matches';
import { backendRefs } from './refs';
import { timeoutsAndRetries } from './timeoutsAndRetries';

/** A route's HTTPRoute/GRPCRoute rule, plus the Linkerd retry annotations it needs. */
export interface BuiltRule {
  route: Route;
  rule: JsonRecord;
  annotations: Record<string, string>;
  /** Part of the match could not be carried: the rule is not emitted. */
  lost: boolean;
}

export function buildRule(
  route: Route,
  namespace: string,
  caps: GatewayApiCaps,
  out: EmitOutput,
): BuiltRule {
  const rule: JsonRecord = {};
  const grpc = route.protocol === 'grpc';
  const loss: Loss = { lost: false };
  const match = grpc
    ? grpcMatch(route.grpc!, caps, out, loss)
    : httpMatch(route.http!, route.name, caps, out, loss);
  if (Object.keys(match).length > 0) rule.matches = [match];
  rule.backendRefs = backendRefs(
    route.targets,
    namespace,
    {
      ledger: route.site.ledger,
      path: `${route.site.path}.action.weightedTargets`,
    },
    caps.label,
  );
  const annotations = timeoutsAndRetries(route, rule, caps, out);
  return { route, rule, annotations, lost: loss.lost };
}
