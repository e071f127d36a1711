/** Header (and gRPC metadata) matches, shared by HTTP and gRPC rules; what is lost is recorded in `Loss`. */
import { JsonRecord } from '../../../../engine/model/access';
import { escapeRegex } from '../../../util';
import { HeaderMatch } from '../../model';
import { carry, manual, noteOnce, unsupported } from '../common';
import { EmitOutput } from '../types';
import { GatewayApiCaps } from './caps';

/** Set when part of a match could not be carried: the rule would match more than App Mesh did. */
export interface Loss {
  lost: boolean;
}

export function headerMatches(
  headers: HeaderMatch[],
  caps: GatewayApiCaps,
  out: EmitOutput,
  loss: Loss,
): JsonRecord[] {
  const result: JsonRecord[] = [];
  for (const header of headers) {
    const { name } = header;
    if (header.invert) {
      unsupported(
        header.site,
        caps.support,
        'header-invert',
        `(header ${name}, inverted)`,
      );
      loss.lost = true;
      continue;
    }
    if (header.kind === 'range') {
      unsupported(
        header.site,
        caps.support,
        'header-range',
        `(header ${name} range)`,
      );
      loss.lost = true;
      continue;
    }
    if (header.kind === 'exact') {
      result.push({ type: 'Exact', name, value: header.value });
      carry(header.site, 'headers');
      continue;
    }
    if (!caps.regex) {
      unsupported(
        header.site,
        caps.support,
        'header-regex',
        `(header ${name} ${header.kind}${
          header.value ? ` ${header.value}` : ''
        })`,
      );
      loss.lost = true;
      continue;
    }
    const value = headerRegex(header);
    result.push({ type: 'RegularExpression', name, value });
    carry(header.site, 'headers');
    noteOnce(
      out,
      'RegularExpression header and path matches are implementation-specific in Gateway API (Envoy-based implementations use RE2); prefix, suffix and presence matches of App Mesh are expressed as regular expressions.',
    );
  }
  if (caps.maxHeaders !== undefined && result.length > caps.maxHeaders) {
    const dropped = result.splice(caps.maxHeaders);
    loss.lost = true;
    const site = headers[0].site;
    manual(
      { ledger: site.ledger, path: site.path.replace(/\[\d+\]$/, '') },
      `(${dropped.map(h => h.name).join(', ')}) not carried: ${
        caps.label
      } accepts at most ${caps.maxHeaders} header matches per rule`,
      'The route is not emitted: without these headers it would match more requests than in App Mesh. Route on fewer headers, or split the traffic another way.',
    );
  }
  return result;
}

/** App Mesh prefix, suffix, presence and regex header matches as one regular expression. */
function headerRegex(header: HeaderMatch): string | undefined {
  const literal = escapeRegex(header.value ?? '');
  switch (header.kind) {
    case 'present':
      return '.*';
    case 'prefix':
      return `${literal}.*`;
    case 'suffix':
      return `.*${literal}`;
    default:
      return header.value;
  }
}
