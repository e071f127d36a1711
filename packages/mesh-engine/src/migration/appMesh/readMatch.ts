import {
  asNumber,
  asRecord,
  asRecords,
  asString,
  asStringArray,
  getPath,
  JsonRecord,
} from '../../engine/model/access';
import { FieldLedger } from '../ledger';
import {
  GrpcMatch,
  HeaderMatch,
  HttpMatch,
  PathMatch,
  Read,
  RetryPolicy,
  RouteTimeouts,
} from './model';
import { duration } from './readContext';

function read<T>(
  value: T | undefined,
  ledger: FieldLedger,
  path: string,
): Read<T> | undefined {
  return value === undefined ? undefined : { value, site: { ledger, path } };
}

/** App Mesh HTTP route / gateway route `match` (without `hostname`, read by the gateway reader). */
export function readHttpMatch(
  match: JsonRecord,
  ledger: FieldLedger,
  path: string,
): HttpMatch {
  let pathMatch: PathMatch | undefined;
  const prefix = asString(match.prefix);
  const exact = asString(getPath(match, 'path.exact'));
  const regex = asString(getPath(match, 'path.regex'));
  if (exact !== undefined)
    pathMatch = {
      kind: 'exact',
      value: exact,
      site: { ledger, path: `${path}.path.exact` },
    };
  else if (regex !== undefined)
    pathMatch = {
      kind: 'regex',
      value: regex,
      site: { ledger, path: `${path}.path.regex` },
    };
  else if (prefix !== undefined)
    pathMatch = {
      kind: 'prefix',
      value: prefix,
      site: { ledger, path: `${path}.prefix` },
    };
  return {
    path: pathMatch,
    method: read(asString(match.method), ledger, `${path}.method`),
    scheme: read(asString(match.scheme), ledger, `${path}.scheme`),
    port: read(asNumber(match.port), ledger, `${path}.port`),
    headers: readHeaders(asRecords(match.headers), ledger, `${path}.headers`),
    query: asRecords(match.queryParameters).flatMap((param, i) => {
      const name = asString(param.name);
      return name
        ? [
            {
              name,
              exact: asString(getPath(param, 'match.exact')),
              site: { ledger, path: `${path}.queryParameters[${i}]` },
            },
          ]
        : [];
    }),
  };
}

export function readGrpcMatch(
  match: JsonRecord,
  ledger: FieldLedger,
  path: string,
): GrpcMatch {
  return {
    service: read(asString(match.serviceName), ledger, `${path}.serviceName`),
    method: read(asString(match.methodName), ledger, `${path}.methodName`),
    port: read(asNumber(match.port), ledger, `${path}.port`),
    metadata: readHeaders(
      asRecords(match.metadata),
      ledger,
      `${path}.metadata`,
    ),
  };
}

function readHeaders(
  headers: JsonRecord[],
  ledger: FieldLedger,
  path: string,
): HeaderMatch[] {
  return headers.flatMap((header, i): HeaderMatch[] => {
    const name = asString(header.name);
    if (!name) return [];
    const site = { ledger, path: `${path}[${i}]` };
    const invert = header.invert === true;
    const match = asRecord(header.match);
    if (!match) return [{ name, invert, kind: 'present', site }];
    for (const kind of ['exact', 'prefix', 'suffix', 'regex'] as const) {
      const value = asString(match[kind]);
      if (value !== undefined) return [{ name, invert, kind, value, site }];
    }
    return [
      {
        name,
        invert,
        kind: 'range',
        range: {
          start: asNumber(getPath(match, 'range.start')),
          end: asNumber(getPath(match, 'range.end')),
        },
        site,
      },
    ];
  });
}

export function readRetry(
  spec: JsonRecord,
  ledger: FieldLedger,
  path: string,
): RetryPolicy | undefined {
  const policy = asRecord(spec.retryPolicy);
  if (!policy) return undefined;
  const base = `${path}.retryPolicy`;
  const events = (field: string) => {
    const list = asStringArray(policy[field]);
    return list.length > 0 ? read(list, ledger, `${base}.${field}`) : undefined;
  };
  return {
    site: { ledger, path: base },
    maxRetries: read(asNumber(policy.maxRetries), ledger, `${base}.maxRetries`),
    perTry: duration(policy.perRetryTimeout, {
      ledger,
      path: `${base}.perRetryTimeout`,
    }),
    httpEvents: events('httpRetryEvents'),
    tcpEvents: events('tcpRetryEvents'),
    grpcEvents: events('grpcRetryEvents'),
  };
}

export function readTimeouts(
  spec: JsonRecord,
  ledger: FieldLedger,
  path: string,
): RouteTimeouts {
  return {
    request: duration(getPath(spec, 'timeout.perRequest'), {
      ledger,
      path: `${path}.timeout.perRequest`,
    }),
    idle: duration(getPath(spec, 'timeout.idle'), {
      ledger,
      path: `${path}.timeout.idle`,
    }),
  };
}
