/** Which Gateway API release channel each generated object needs (retry is experimental). */
import { JsonRecord } from '../../../../engine/model/access';
import {
  GatewayApiChannel,
  MigrationManifest,
  MigrationObject,
} from '../../../types';
import { noteOnce } from '../common';
import { EmitOutput } from '../types';

/** The experimental-channel fields of a generated object (Gateway API v1.6.1 CRDs). */
export function channelOf(object: MigrationObject): GatewayApiChannel {
  const rules = (object.spec as JsonRecord | undefined)?.rules;
  const fields: string[] = [];
  if (Array.isArray(rules) && rules.some(rule => rule && rule.retry))
    fields.push('spec.rules[].retry');
  return { channel: fields.length > 0 ? 'experimental' : 'standard', fields };
}

export function gatewayApiManifest(
  description: string,
  object: MigrationObject,
): MigrationManifest {
  return { description, object, gatewayApiChannel: channelOf(object) };
}

export function channelNote(out: EmitOutput): void {
  noteOnce(
    out,
    'HTTPRoute `retry` (GEP-1731) is in the experimental channel only in Gateway API v1.6.1: the routes that carry it need the experimental-channel CRDs and an implementation that supports HTTPRouteRetry; `timeouts`, URLRewrite and GRPCRoute are standard. Each route says which channel it needs.',
  );
}
