import { WarningPanel } from '@backstage/core-components';
import type {
  MeshKnowledgeBase,
  MeshRecommendation,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { isQualifying } from './standing';

/**
 * Shown when no entry meets the must-haves: names the requirements that
 * rule entries out, most limiting first, so the user knows what to relax.
 */
export function NoMatchNotice(props: {
  knowledgeBase: MeshKnowledgeBase;
  recommendation: MeshRecommendation;
}) {
  const { knowledgeBase, recommendation } = props;
  const { ranked } = recommendation;
  if (ranked.length === 0) {
    return (
      <WarningPanel
        severity="info"
        title="The knowledge base has no active entry to rank"
        message="Every entry is discontinued or archived. Add entries under serviceMesh.knowledgeBase in app-config."
        defaultExpanded
      />
    );
  }
  if (ranked.some(r => isQualifying(r.standing))) return null;

  const failures = new Map<string, number>();
  for (const entry of ranked) {
    for (const id of entry.failedMustHaves) {
      failures.set(id, (failures.get(id) ?? 0) + 1);
    }
  }
  const title = (id: string) =>
    knowledgeBase.capabilities.find(c => c.id === id)?.title ?? id;
  const blockers = [...failures.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(
      ([id, count]) => `${title(id)} (${count} of ${ranked.length} lack it)`,
    );
  const everyone = [...failures.entries()]
    .filter(([, count]) => count === ranked.length)
    .map(([id]) => title(id));

  return (
    <WarningPanel
      severity="info"
      title="No mesh meets all your must-haves"
      defaultExpanded
      message={
        <>
          {everyone.length > 0
            ? `No entry supports ${everyone.join(' and ')}. `
            : 'Each entry lacks at least one of your platforms or must-haves. '}
          What rules entries out: {blockers.join('; ')}. Untick a platform or
          move a must-have to nice-to-have; the list below still ranks every
          entry by how close it comes.
        </>
      }
    />
  );
}
