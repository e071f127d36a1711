/** App Mesh GatewayRoute rewrites as URLRewrite filters. */
import { JsonRecord } from '../../../../engine/model/access';
import { Rewrite } from '../../model';
import { carry, manual, unsupported } from '../common';
import { GatewayApiCaps } from './caps';

/** GatewayRoute rewrites as one URLRewrite filter (HTTPRoute only). */
export function rewriteFilters(
  rewrite: Rewrite,
  isPrefixMatch: boolean,
  caps: GatewayApiCaps,
): JsonRecord[] | undefined {
  const parts = [rewrite.prefix, rewrite.fullPath, rewrite.hostname].filter(
    (part): part is NonNullable<typeof part> => part !== undefined,
  );
  if (parts.length === 0) return undefined;
  if (!caps.rewrites) {
    for (const part of parts)
      unsupported(
        part.site,
        caps.support,
        part === rewrite.hostname ? 'host-rewrite' : 'url-rewrite',
        `(rewrite to ${part.value}, App Mesh${
          part.site.ledger.isAccounted(part.site.path) ? '' : ' default'
        })`,
      );
    return undefined;
  }
  const urlRewrite: JsonRecord = {};
  if (rewrite.hostname) {
    urlRewrite.hostname = rewrite.hostname.value;
    carry(rewrite.hostname.site, 'URLRewrite hostname');
  }
  if (rewrite.prefix && isPrefixMatch) {
    urlRewrite.path = {
      type: 'ReplacePrefixMatch',
      replacePrefixMatch: rewrite.prefix.value,
    };
    carry(rewrite.prefix.site, 'URLRewrite ReplacePrefixMatch');
  } else if (rewrite.prefix)
    manual(
      rewrite.prefix.site,
      `(${rewrite.prefix.value}) not carried: ReplacePrefixMatch needs a PathPrefix match`,
      'Rewrite the path with ReplaceFullPath or in the application.',
    );
  else if (rewrite.fullPath) {
    urlRewrite.path = {
      type: 'ReplaceFullPath',
      replaceFullPath: rewrite.fullPath.value,
    };
    carry(rewrite.fullPath.site, 'URLRewrite ReplaceFullPath');
  }
  return Object.keys(urlRewrite).length > 0
    ? [{ type: 'URLRewrite', urlRewrite }]
    : undefined;
}
