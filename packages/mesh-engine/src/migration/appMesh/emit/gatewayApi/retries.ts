/** App Mesh retry policies as the HTTPRoute `retry` field (GEP-1731) or as Linkerd's retry annotations. */
import { JsonRecord } from '../../../../engine/model/access';
import { Route } from '../../model';
import { carry, manual, noteOnce } from '../common';
import { EmitOutput } from '../types';
import { channelNote } from './channel';

/** App Mesh HTTP retry events as status codes (App Mesh user guide, HttpRetryPolicy). */
const RETRY_CODES: Record<string, number[]> = {
  'server-error': [500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511],
  'gateway-error': [502, 503, 504],
  'client-error': [409],
};

/** Linkerd `retry.linkerd.io/http` values. */
const LINKERD_RETRY: Record<string, string> = {
  'server-error': '5xx',
  'gateway-error': 'gateway-error',
  'client-error': '409',
};

export function retryField(
  retry: NonNullable<Route['retry']>,
  rule: JsonRecord,
  out: EmitOutput,
): void {
  const codes = new Set<number>();
  const events = retry.httpEvents;
  if (events) {
    const known = events.value.filter(event => RETRY_CODES[event]);
    const unknown = events.value.filter(event => !RETRY_CODES[event]);
    known.forEach(event => RETRY_CODES[event].forEach(code => codes.add(code)));
    if (unknown.length === 0) carry(events.site, 'retry.codes');
    else
      manual(
        events.site,
        `events ${unknown.join(
          ', ',
        )} not carried: Gateway API retries only on status codes and connection errors`,
        'Configure the retry condition in the implementation if it matters.',
      );
  }
  if (retry.tcpEvents) {
    if (retry.tcpEvents.value.every(event => event === 'connection-error'))
      carry(
        retry.tcpEvents.site,
        'retry stanza (connection errors are retried where HTTPRouteRetryConnectionError is supported)',
      );
    else
      manual(
        retry.tcpEvents.site,
        `(${retry.tcpEvents.value.join(', ')}) not carried`,
        'Gateway API has no TCP retry events besides connection errors.',
      );
  }
  if (retry.grpcEvents)
    manual(
      retry.grpcEvents.site,
      'not carried: Gateway API has no gRPC status retries',
      'Configure gRPC retries in the implementation.',
    );
  const field: JsonRecord = {};
  if (retry.maxRetries) {
    field.attempts = retry.maxRetries.value;
    carry(retry.maxRetries.site, 'retry.attempts');
  }
  if (codes.size > 0) field.codes = [...codes].sort((a, b) => a - b);
  if (Object.keys(field).length > 0) {
    rule.retry = field;
    channelNote(out);
  }
}

/** Linkerd reads retries from HTTPRoute annotations (`retry.linkerd.io/*`, Linkerd 2.16+). */
export function linkerdRetry(
  retry: NonNullable<Route['retry']>,
  perTry: string | undefined,
  out: EmitOutput,
): Record<string, string> {
  const annotations: Record<string, string> = {};
  const events = retry.httpEvents;
  if (events) {
    const values = events.value
      .filter(e => LINKERD_RETRY[e])
      .map(e => LINKERD_RETRY[e]);
    const unknown = events.value.filter(e => !LINKERD_RETRY[e]);
    if (values.length > 0)
      annotations['retry.linkerd.io/http'] = [...new Set(values)].join(',');
    if (unknown.length === 0) carry(events.site, 'retry.linkerd.io/http');
    else
      manual(
        events.site,
        `events ${unknown.join(
          ', ',
        )} not carried: Linkerd retries on status codes only`,
        'Linkerd has no equivalent condition.',
      );
  }
  if (retry.tcpEvents)
    manual(
      retry.tcpEvents.site,
      'not carried: Linkerd has no per-route connection-error retries (its balancer retries failed connections to other endpoints itself)',
      'Check that Linkerd’s default connection handling is enough.',
    );
  if (retry.grpcEvents)
    manual(
      retry.grpcEvents.site,
      'not carried: use retry.linkerd.io/grpc on a GRPCRoute',
      'Linkerd reads gRPC retry conditions from GRPCRoute annotations.',
    );
  if (retry.maxRetries) {
    annotations['retry.linkerd.io/limit'] = String(retry.maxRetries.value);
    carry(retry.maxRetries.site, 'retry.linkerd.io/limit');
  }
  if (perTry) annotations['retry.linkerd.io/timeout'] = perTry;
  if (Object.keys(annotations).length > 0)
    noteOnce(
      out,
      'Linkerd reads retries from annotations on the HTTPRoute (retry.linkerd.io/http, /limit, /timeout; Linkerd 2.16+), which apply to every rule of the route: routes with different retry policies become separate HTTPRoutes.',
    );
  return annotations;
}
