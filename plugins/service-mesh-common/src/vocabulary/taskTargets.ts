import {
  MESH_DISPLAY_NAMES,
  MIGRATION_TARGET_IDS,
  MigrationTargetId,
} from './meshes';
import { MIGRATION_TARGETS, MigrationTarget } from './migrationTargets';

/**
 * What a migration task can move a service to: every plan target, then the
 * AWS successors of App Mesh (Amazon ECS Service Connect, Amazon VPC
 * Lattice), which are exits with no generated plan. Built from the two
 * lists it joins, so a new plan target is a task target too.
 */
export type TaskTarget = MigrationTarget | MigrationTargetId;

const taskTargets: readonly TaskTarget[] = [
  ...MIGRATION_TARGETS.map(target => target.id),
  ...MIGRATION_TARGET_IDS,
];

/** Non-empty (as `z.enum` needs): it holds at least the App Mesh exits. */
export const TASK_TARGETS = taskTargets as readonly [
  TaskTarget,
  ...TaskTarget[],
];

export function isTaskTarget(value: unknown): value is TaskTarget {
  return (TASK_TARGETS as readonly unknown[]).includes(value);
}

/**
 * The name of a task target, or of any mesh the knowledge base knows
 * (`aws-app-mesh` when a task closes on it): the plan's label for plan
 * targets (`gateway-api` is "Amazon VPC Lattice (Gateway API)"), the mesh's
 * display name otherwise; an unknown id as it is.
 */
export function taskTargetLabel(target: string): string {
  return (
    MIGRATION_TARGETS.find(t => t.id === target)?.label ??
    MESH_DISPLAY_NAMES[target as keyof typeof MESH_DISPLAY_NAMES] ??
    target
  );
}
