/** Timeouts and retries of one rule: they are decided together (a per-try timeout must fit in the request timeout). */
import { JsonRecord } from '../../../../engine/model/access';
import { Route } from '../../model';
import { carry, manual, unsupported } from '../common';
import { EmitOutput } from '../types';
import { GatewayApiCaps } from './caps';
import { linkerdRetry, retryField } from './retries';

/**
 * A rule's timeouts and retries: `timeouts` and `retry` fields, or
 * Linkerd's retry annotations (returned), as the implementation accepts.
 */
export function timeoutsAndRetries(
  route: Route,
  rule: JsonRecord,
  caps: GatewayApiCaps,
  out: EmitOutput,
): Record<string, string> {
  const annotations: Record<string, string> = {};
  const grpc = route.protocol === 'grpc';
  const { request, idle } = route.timeout;
  if (!caps.timeouts && (request || idle) && !grpc)
    unsupported(
      { ledger: route.site.ledger, path: `${route.site.path}.timeout` },
      caps.support,
      'timeouts',
      `(${[request?.text, idle && `idle ${idle.text}`]
        .filter(Boolean)
        .join(', ')})`,
    );
  else if (idle)
    unsupported(idle.site, caps.support, 'idle-timeouts', `(${idle.text})`);
  if (grpc) {
    if (route.retry)
      manual(
        route.retry.site,
        'not carried: GRPCRoute has no retry field',
        'Configure gRPC retries in the implementation.',
      );
    if (request)
      manual(
        request.site,
        `(${request.text}) not carried: GRPCRoute has no timeouts field`,
        'Configure gRPC timeouts in the implementation.',
      );
    return annotations;
  }
  const timeouts: JsonRecord = {};
  if (request && caps.timeouts) {
    timeouts.request = request.text;
    carry(request.site, 'timeouts.request');
  }
  const retry = route.retry;
  if (retry && caps.retries === 'none')
    unsupported(retry.site, caps.support, 'retries', '(retry policy)');
  else if (retry) {
    const perTry = retry.perTry;
    if (perTry && caps.timeouts) {
      if (request && perTry.millis > request.millis)
        manual(
          perTry.site,
          `(${perTry.text}) not carried: longer than the route's ${request.text} request timeout`,
          'Gateway API requires timeouts.backendRequest to be at most timeouts.request (App Mesh cut each attempt at the request timeout anyway); pick a per-attempt timeout no longer than the request timeout.',
        );
      else {
        timeouts.backendRequest = perTry.text;
        carry(perTry.site, 'timeouts.backendRequest');
      }
    } else if (perTry)
      unsupported(perTry.site, caps.support, 'timeouts', `(${perTry.text})`);
    const perTryCarried =
      perTry && timeouts.backendRequest === perTry.text
        ? perTry.text
        : undefined;
    if (caps.retries === 'field') retryField(retry, rule, out);
    else Object.assign(annotations, linkerdRetry(retry, perTryCarried, out));
  }
  if (Object.keys(timeouts).length > 0) rule.timeouts = timeouts;
  return annotations;
}
