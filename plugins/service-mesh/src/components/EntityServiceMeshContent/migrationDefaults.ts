import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
  RELATION_OWNED_BY,
} from '@backstage/catalog-model';
import {
  EntityAssessmentResponse,
  isMigrationTarget,
  MigrationPlan,
  MigrationTarget,
  taskTargetLabel,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { defaultTargetMesh } from '../common/readiness';

/** The longest description the API takes. */
const MAX_DESCRIPTION = 20_000;

/** The target's one label (the common package's, as in task titles). */
export function migrationTargetLabel(target: string): string {
  return taskTargetLabel(target);
}

/** True when the service (or one of its workloads) runs on AWS App Mesh. */
export function isOnAppMesh(
  response: Pick<EntityAssessmentResponse, 'mesh' | 'assessment'>,
): boolean {
  return (
    response.mesh === 'aws-app-mesh' ||
    (response.assessment?.meshes ?? []).includes('aws-app-mesh')
  );
}

/**
 * The target to plan for first: Gateway API for a service leaving App Mesh,
 * else the mesh the organisation adopts (serviceMesh.targetMesh), else the
 * mesh the service runs on, else the best-scoring mesh.
 */
export function defaultMigrationTarget(
  response: Pick<
    EntityAssessmentResponse,
    'mesh' | 'targetMesh' | 'recommendation' | 'assessment'
  >,
): MigrationTarget {
  if (isOnAppMesh(response)) return 'gateway-api';
  if (isMigrationTarget(response.targetMesh)) return response.targetMesh;
  if (isMigrationTarget(response.mesh)) return response.mesh;
  return defaultTargetMesh(response);
}

/** The entity's owner as a full ref (`group:default/logistics-team`). */
export function ownerRefOf(
  entity: Entity,
  response?: Pick<EntityAssessmentResponse, 'entity'>,
): string | undefined {
  if (response?.entity.owner) return response.entity.owner;
  const relation = entity.relations?.find(r => r.type === RELATION_OWNED_BY);
  if (relation) return relation.targetRef;
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || !owner) return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    );
  } catch {
    return undefined;
  }
}

/** `Move Shipping to Amazon VPC Lattice (Gateway API)` */
export function defaultTaskTitle(serviceTitle: string, target: string): string {
  return `Move ${serviceTitle} to ${migrationTargetLabel(target)}`;
}

/**
 * The task's description: the plan's steps in short, as markdown. The full
 * plan (manifests, commands) stays on the Mesh tab.
 */
export function taskDescriptionOf(
  plan: Pick<MigrationPlan, 'steps' | 'manualActions' | 'target'>,
  service: { entityRef: string; title: string },
): string {
  const lines = [
    `Move **${service.title}** (\`${
      service.entityRef
    }\`) to ${migrationTargetLabel(plan.target)}.`,
    '',
    '**Steps of the migration plan**',
    '',
    ...plan.steps.map(step => {
      const counts = [
        step.manifests.length &&
          `${step.manifests.length} manifest${
            step.manifests.length === 1 ? '' : 's'
          }`,
        step.commands?.length &&
          `${step.commands.length} command${
            step.commands.length === 1 ? '' : 's'
          }`,
      ].filter(Boolean);
      return `${step.order}. **${step.title}** (${step.kind}${
        counts.length ? `; ${counts.join(', ')}` : ''
      })`;
    }),
  ];
  if (plan.manualActions.length > 0) {
    lines.push(
      '',
      '**Not carried by the plan, to do by hand**',
      '',
      ...plan.manualActions.map(action => `- ${action.what}`),
    );
  }
  lines.push(
    '',
    'The full plan, with its manifests and commands, is on the Mesh tab of the service (Download plan).',
  );
  const text = lines.join('\n');
  return text.length > MAX_DESCRIPTION
    ? `${text.slice(0, MAX_DESCRIPTION - 1)}…`
    : text;
}
