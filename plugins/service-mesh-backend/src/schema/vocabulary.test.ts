import {
  CAPABILITY_AREAS,
  CAPABILITY_IDS,
  ENTRY_ID_PATTERN,
  MESH_IDS,
  MIGRATION_TARGETS,
  MIGRATION_TASK_STATUSES,
  OVERHEAD_METRICS,
  OVERHEAD_UNITS,
  PLATFORM_IDS,
  READINESS_TARGET_MESHES,
  REQUIREMENT_CRITERION_IDS,
  SCORECARD_SORT_FIELDS,
  SUPPORT_VALUES,
  TASK_TARGETS,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { spec } from './openapi.generated';

const schemas = spec.components.schemas;

/*
 * The types are checked against the spec at compile time; these are the
 * lists the code iterates (form options, validation, defaults): they must
 * hold every value of the spec's enums, in the same order, and no other.
 */
describe('the vocabularies of openapi.yaml', () => {
  it.each([
    ['MeshId', MESH_IDS],
    ['DetectedMesh', [...MESH_IDS, 'none']],
    ['ReadinessTargetMesh', READINESS_TARGET_MESHES],
    ['MigrationTarget', MIGRATION_TARGETS.map(target => target.id)],
    ['TaskTarget', TASK_TARGETS],
    ['MigrationTaskStatus', MIGRATION_TASK_STATUSES],
    ['ScorecardSortField', SCORECARD_SORT_FIELDS],
    ['CapabilityId', CAPABILITY_IDS],
    ['CapabilityArea', CAPABILITY_AREAS],
    ['SupportValue', SUPPORT_VALUES],
    ['MeshPlatform', PLATFORM_IDS],
    ['RequirementCriterion', REQUIREMENT_CRITERION_IDS],
    ['OverheadMetric', OVERHEAD_METRICS],
    ['OverheadUnit', OVERHEAD_UNITS],
  ] as const)('%s lists what the code lists', (name, values) => {
    expect(schemas[name].enum).toEqual([...values]);
  });

  it('capability cells and criterion weights have a key per id', () => {
    expect(schemas.CapabilityCells.required).toEqual([...CAPABILITY_IDS]);
    expect(Object.keys(schemas.CapabilityCells.properties)).toEqual([
      ...CAPABILITY_IDS,
    ]);
    for (const name of [
      'RequirementWeights',
      'CriterionWeights',
      'CriterionScores',
    ] as const) {
      expect(Object.keys(schemas[name].properties)).toEqual([
        ...REQUIREMENT_CRITERION_IDS,
      ]);
    }
  });

  it('takes knowledge-base entry ids in the form the knowledge base does', () => {
    expect(schemas.MeshEntryId.pattern).toBe(ENTRY_ID_PATTERN.source);
  });
});
