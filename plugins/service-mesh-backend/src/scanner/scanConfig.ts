import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds, HumanDuration } from '@backstage/types';
import {
  READINESS_TARGET_MESHES,
  ReadinessTargetMesh,
} from '@meshwise/backstage-plugin-service-mesh-common';
import {
  DEFAULT_PAGE_SIZE,
  DEFAULT_POD_PAGE_SIZE,
} from '../clusters/KubernetesClusterSource';
import { DEFAULT_ENTITY_SCOPE, EntityScope } from './catalogEntities';
import { MAX_SHARDS } from './shards';

export interface ScanConfig {
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** The catalog follow-up (`catalogFollowUp.ts`); undefined when off. */
  followUp?: FollowUpConfig;
  scope: EntityScope;
  targetMesh?: ReadinessTargetMesh;
  requestTimeoutMs: number;
  pageSize: number;
  podPageSize: number;
  maxObjectDrop: number;
  /** An unchanged entity is assessed again once its assessment is this old. */
  reassessUnchangedAfterMs: number;
  /** Scheduled tasks the clusters are split into (`shards.ts`). */
  shards: number;
}

export interface FollowUpConfig {
  /** How often the catalog is looked at. */
  frequency: HumanDuration;
  /** One `frequency` after the first scan is due. */
  initialDelay: HumanDuration;
  /** The least time between two scans the follow-up triggers. */
  minIntervalMs: number;
}

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 30 },
  timeout: { minutes: 15 },
  initialDelay: { seconds: 10 },
};

const DEFAULT_FOLLOW_UP_FREQUENCY: HumanDuration = { seconds: 30 };
const DEFAULT_REASSESS_UNCHANGED_AFTER: HumanDuration = { days: 1 };
const DEFAULT_FOLLOW_UP_MIN_INTERVAL: HumanDuration = { seconds: 60 };

/** A schedule's duration (luxon `Duration` or `HumanDuration`) in milliseconds. */
export function toMilliseconds(
  duration: HumanDuration | { toMillis(): number },
): number {
  return 'toMillis' in duration && typeof duration.toMillis === 'function'
    ? duration.toMillis()
    : durationToMilliseconds(duration as HumanDuration);
}

function readOptionalDuration(
  config: Config,
  key: string,
  fallback: HumanDuration,
): number {
  const ms = config.has(key)
    ? toMilliseconds(readDurationFromConfig(config, { key }))
    : toMilliseconds(fallback);
  if (!(ms > 0)) {
    throw new Error(`${key}: expected a duration above zero`);
  }
  return ms;
}

/**
 * `serviceMesh.followUp`: on by default, off by default with a manual scan
 * schedule (whoever chose one decides when scans run).
 */
function readFollowUpConfig(
  config: Config,
  schedule: SchedulerServiceTaskScheduleDefinition,
): FollowUpConfig | undefined {
  const manual =
    'trigger' in schedule.frequency && schedule.frequency.trigger === 'manual';
  const enabled =
    config.getOptionalBoolean('serviceMesh.followUp.enabled') ?? !manual;
  if (!enabled) return undefined;
  const frequencyMs = readOptionalDuration(
    config,
    'serviceMesh.followUp.frequency',
    DEFAULT_FOLLOW_UP_FREQUENCY,
  );
  const firstScanMs = schedule.initialDelay
    ? toMilliseconds(schedule.initialDelay)
    : 0;
  return {
    frequency: { milliseconds: frequencyMs },
    initialDelay: { milliseconds: firstScanMs + frequencyMs },
    minIntervalMs: readOptionalDuration(
      config,
      'serviceMesh.followUp.minInterval',
      DEFAULT_FOLLOW_UP_MIN_INTERVAL,
    ),
  };
}

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
  const shards = config.getOptionalNumber('serviceMesh.scan.shards') ?? 1;
  if (!Number.isInteger(shards) || shards < 1 || shards > MAX_SHARDS) {
    throw new Error(
      `serviceMesh.scan.shards: expected a whole number from 1 to ${MAX_SHARDS}, got ${shards}`,
    );
  }
  return {
    schedule,
    shards,
    followUp: readFollowUpConfig(config, schedule),
    maxObjectDrop,
    reassessUnchangedAfterMs: readOptionalDuration(
      config,
      'serviceMesh.scan.reassessUnchangedAfter',
      DEFAULT_REASSESS_UNCHANGED_AFTER,
    ),
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
