/** App Mesh route matches as HTTPRoute and GRPCRoute matches. */
import { JsonRecord } from '../../../../engine/model/access';
import { GrpcMatch, HttpMatch } from '../../model';
import { carry, manual, unsupported } from '../common';
import { EmitOutput } from '../types';
import { GatewayApiCaps } from './caps';
import { headerMatches, Loss } from './headerMatches';

/** App Mesh HTTP match → HTTPRoute match; what the implementation cannot carry is a manual action. */
export function httpMatch(
  match: HttpMatch,
  route: string,
  caps: GatewayApiCaps,
  out: EmitOutput,
  loss: Loss,
): JsonRecord {
  const result: JsonRecord = {};
  const path = match.path;
  if (path?.kind === 'prefix') {
    result.path = { type: 'PathPrefix', value: path.value };
    carry(path.site, 'PathPrefix');
    if (path.value !== '/' && !path.value.endsWith('/'))
      manual(
        path.site,
        `(${path.value}, route ${route}) became PathPrefix ${path.value}, which matches whole path segments: ${path.value}/x but not ${path.value}x`,
        `App Mesh prefixes are plain string prefixes (${path.value} also matched ${path.value}x...); Gateway API PathPrefix matches by path segment. If clients call paths that only share the string prefix, add rules for them.`,
      );
  } else if (path?.kind === 'exact') {
    result.path = { type: 'Exact', value: path.value };
    carry(path.site, 'Exact');
  } else if (path?.kind === 'regex') {
    if (caps.regex) {
      result.path = { type: 'RegularExpression', value: path.value };
      carry(path.site, 'RegularExpression');
    } else {
      unsupported(
        path.site,
        caps.support,
        'path-regex',
        `(path regex ${path.value})`,
      );
      loss.lost = true;
    }
  }
  if (match.method) {
    result.method = match.method.value;
    carry(match.method.site);
  }
  if (match.scheme) {
    unsupported(
      match.scheme.site,
      caps.support,
      'scheme-match',
      `(${match.scheme.value})`,
    );
    loss.lost = true;
  }
  const headers = headerMatches(match.headers, caps, out, loss);
  if (headers.length > 0) result.headers = headers;
  const params: JsonRecord[] = [];
  for (const param of match.query) {
    if (!caps.queryParams) {
      unsupported(
        param.site,
        caps.support,
        'query-match',
        `(query ${param.name})`,
      );
      loss.lost = true;
      continue;
    }
    params.push(
      param.exact !== undefined
        ? { type: 'Exact', name: param.name, value: param.exact }
        : { type: 'RegularExpression', name: param.name, value: '.*' },
    );
    carry(param.site, 'queryParams');
  }
  if (params.length > 0) result.queryParams = params;
  return result;
}

export function grpcMatch(
  match: GrpcMatch,
  caps: GatewayApiCaps,
  out: EmitOutput,
  loss: Loss,
): JsonRecord {
  const result: JsonRecord = {};
  if (match.service || match.method) {
    const method: JsonRecord = { type: 'Exact' };
    if (match.service) {
      method.service = match.service.value;
      carry(match.service.site);
    }
    if (match.method) {
      method.method = match.method.value;
      carry(match.method.site);
    }
    result.method = method;
  }
  const headers = headerMatches(match.metadata, caps, out, loss);
  if (headers.length > 0) result.headers = headers;
  return result;
}
