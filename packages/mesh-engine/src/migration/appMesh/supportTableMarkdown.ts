import { MIGRATION_TARGETS, MigrationTarget } from '../types';
import { RouteFeature, ROUTE_FEATURES, SupportTable } from './emit/types';

/** How the docs name each route-model feature. */
const FEATURE_LABELS: Record<RouteFeature, string> = {
  'http-routes': 'HTTP routes',
  'grpc-routes': 'gRPC routes',
  'tcp-routes': 'TCP routes',
  weights: 'Weighted targets',
  'path-prefix': 'Path prefix match',
  'path-exact': 'Exact path match',
  'path-regex': 'Path regex match',
  'method-match': 'Method match',
  'scheme-match': 'Scheme match',
  'header-match': 'Header match',
  'header-regex': 'Header prefix, suffix, regex match',
  'header-invert': 'Inverted header match',
  'header-range': 'Header range match',
  'query-match': 'Query parameter match',
  retries: 'Retries',
  timeouts: 'Request timeouts',
  'idle-timeouts': 'Idle timeouts',
  'url-rewrite': 'Path rewrite (gateway routes)',
  'host-rewrite': 'Host rewrite (gateway routes)',
  'connection-pool': 'Connection pools',
  'outlier-detection': 'Outlier detection',
  mtls: 'Listener TLS (mTLS)',
  'access-logs': 'Access logs',
  'ingress-gateways': 'VirtualGateway (ingress)',
};

const cell = (table: SupportTable, feature: RouteFeature) =>
  table[feature].level === 'supported' ? 'carried' : 'manual';

/**
 * The per-target support table of the App Mesh translation as Markdown:
 * a grid of what is carried, then for each target what is left to a person
 * and why. Targets with the same table share a column.
 */
export function supportTableMarkdown(
  support: Readonly<Record<MigrationTarget, SupportTable>>,
): string {
  const columns: { labels: string[]; table: SupportTable }[] = [];
  for (const target of MIGRATION_TARGETS) {
    const table = support[target.id];
    const same = columns.find(column => column.table === table);
    if (same) same.labels.push(target.label);
    else columns.push({ labels: [target.label], table });
  }
  const names = columns.map(column => column.labels.join(', '));
  const lines = [
    `| App Mesh | ${names.join(' | ')} |`,
    `| --- | ${names.map(() => '---').join(' | ')} |`,
    ...ROUTE_FEATURES.map(
      feature =>
        `| ${FEATURE_LABELS[feature]} | ${columns
          .map(column => cell(column.table, feature))
          .join(' | ')} |`,
    ),
  ];
  for (const [i, column] of columns.entries()) {
    const manual = ROUTE_FEATURES.filter(
      feature => column.table[feature].level === 'manual',
    );
    lines.push('', `**${names[i]}**: left to a person, and why:`, '');
    // Identical reasons (Consul's routing) are said once.
    const byReason = new Map<string, RouteFeature[]>();
    for (const feature of manual) {
      const why = column.table[feature].why;
      byReason.set(why, [...(byReason.get(why) ?? []), feature]);
    }
    for (const [why, features] of byReason) {
      lines.push(
        `- ${features.map(f => FEATURE_LABELS[f]).join(', ')}: ${why}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
