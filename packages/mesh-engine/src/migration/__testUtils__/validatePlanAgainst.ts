/* eslint-disable jest/no-export -- shared test helpers, not a test file */
import { ClusterIndex } from '../../engine/cluster/clusterIndex';
import { groupKindOf } from '../../engine/model/kubeObject';
import { MigrationPatch, MigrationPlan } from '../types';
import { ValidationResult, validatePlan } from './validatePlan';

/**
 * `validatePlan` with each patch applied to the object it patches, from the
 * input the plan was generated from: the patched object is validated whole.
 */
export function validatePlanAgainst(
  plan: MigrationPlan,
  index: ClusterIndex,
): ValidationResult {
  const baseOf = (patch: MigrationPatch) => {
    const { target } = patch;
    const groupKind = target.apiVersion
      ? groupKindOf(target.apiVersion, target.kind)
      : target.kind;
    // Only kinds the index keeps in full; workloads are compacted by the parser.
    return ['Service', 'Namespace'].includes(groupKind)
      ? index.get(groupKind, target.namespace, target.name)
      : undefined;
  };
  return validatePlan(plan, { baseOf });
}

/**
 * Fails the test with every schema or rule error of the plan's objects. AWS's
 * walkthroughs are templates (`${APP_NAMESPACE}`), filled in with envsubst
 * before they are applied, and the plan keeps their placeholders: an error
 * about a value holding one says nothing about the plan.
 */
export function expectValidAgainstSchemas(
  plan: MigrationPlan,
  index: ClusterIndex,
): void {
  const errors = validatePlanAgainst(plan, index).errors.filter(
    error => !/"[^"]*\$\{[A-Z_]+\}[^"]*" is not a valid/.test(error),
  );
  expect(errors).toEqual([]);
}
