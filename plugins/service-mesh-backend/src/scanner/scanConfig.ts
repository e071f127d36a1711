import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  READINESS_TARGET_MESHES,
  ReadinessTargetMesh,
} from '@meshwise/backstage-plugin-service-mesh-common';
import {
  DEFAULT_PAGE_SIZE,
  DEFAULT_POD_PAGE_SIZE,
} from '../clusters/KubernetesClusterSource';
import { DEFAULT_ENTITY_SCOPE, EntityScope } from './catalogEntities';

export interface ScanConfig {
  schedule: SchedulerServiceTaskScheduleDefinition;
  scope: EntityScope;
  targetMesh?: ReadinessTargetMesh;
  requestTimeoutMs: number;
  pageSize: number;
  podPageSize: number;
  maxObjectDrop: number;
}

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 30 },
  timeout: { minutes: 15 },
  initialDelay: { seconds: 10 },
};

/** Reads `serviceMesh.*` scan settings, with the documented defaults. */
export function readScanConfig(config: Config): ScanConfig {
  const schedule = config.has('serviceMesh.schedule')
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
        config.getConfig('serviceMesh.schedule'),
      )
    : DEFAULT_SCHEDULE;
  const targetMesh = config.getOptionalString('serviceMesh.targetMesh');
  if (
    targetMesh &&
    !(READINESS_TARGET_MESHES as readonly string[]).includes(targetMesh)
  ) {
    throw new Error(
      `serviceMesh.targetMesh: unknown mesh "${targetMesh}"; expected one of ${READINESS_TARGET_MESHES.join(
        ', ',
      )}`,
    );
  }
  const maxObjectDrop =
    config.getOptionalNumber('serviceMesh.maxObjectDrop') ?? 0.5;
  if (!(maxObjectDrop > 0 && maxObjectDrop <= 1)) {
    throw new Error(
      `serviceMesh.maxObjectDrop: expected a share above 0 and at most 1, got ${maxObjectDrop}`,
    );
  }
  return {
    schedule,
    maxObjectDrop,
    scope: {
      kinds:
        config.getOptionalStringArray('serviceMesh.entities.kinds') ??
        DEFAULT_ENTITY_SCOPE.kinds,
      types:
        config.getOptionalStringArray('serviceMesh.entities.types') ??
        DEFAULT_ENTITY_SCOPE.types,
    },
    targetMesh: targetMesh as ReadinessTargetMesh | undefined,
    requestTimeoutMs:
      config.getOptionalNumber('serviceMesh.kubernetes.requestTimeoutMs') ??
      15_000,
    pageSize:
      config.getOptionalNumber('serviceMesh.kubernetes.pageSize') ??
      DEFAULT_PAGE_SIZE,
    podPageSize:
      config.getOptionalNumber('serviceMesh.kubernetes.podPageSize') ??
      DEFAULT_POD_PAGE_SIZE,
  };
}
