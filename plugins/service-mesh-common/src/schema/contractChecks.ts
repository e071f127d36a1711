/*
 * Compile-time checks that the hand-written model types (`../model`,
 * `../vocabulary`) and the schemas generated from the backend's
 * `openapi.yaml` describe the same JSON. Each pair must be assignable both
 * ways, so a field, an optional mark or an enum member added on one side
 * only fails `tsc`. Nothing here runs; the package does not export it.
 */
import type {
  AdoptionStage,
  AssessmentFinding,
  CheckCategory,
  CheckResult,
  CheckSeverity,
  CheckStatus,
  CncfStatus,
  CostModel,
  DataPlaneMode,
  DataPlaneModel,
  DetectionConflict,
  DetectionConflictKind,
  DetectionEvidence,
  ExcludedEntry,
  GatewayApiChannel,
  InjectionCoverage,
  KnowledgeCell,
  KnowledgeFact,
  KnowledgeOverrideMark,
  KnowledgeSource,
  LifecycleStatus,
  ManualAction,
  MeshCapability,
  MeshDetection,
  MeshEntry,
  MeshEntryId,
  MeshEntryKind,
  MeshKnowledgeBase,
  MeshLifecycle,
  MeshReadinessScore,
  MeshRecommendation,
  MeshRequirements,
  MeshState,
  MigrationManifest,
  MigrationObject,
  MigrationPatch,
  MigrationPatchTarget,
  MigrationPlan,
  MigrationStep,
  MigrationStepKind,
  MtlsMode,
  MtlsStatus,
  OverheadMeasurement,
  OverheadMetric,
  OverheadUnit,
  ProxyFreshness,
  RankedEntry,
  ReadinessTargetMesh,
  RecommendationReason,
  RecommendationReasonRef,
  RecommendationStanding,
  ReleaseFact,
  ResolvedMeshRequirements,
  ServiceAssessment,
  WorkloadAssessment,
} from '../model';
import type {
  CapabilityArea,
  CapabilityId,
  DetectedMesh,
  KubeObjectRef,
  MeshId,
  MeshPlatform,
  MigrationTarget,
  RequirementCriterion,
  SupportValue,
  TaskTarget,
} from '../vocabulary';
import type { components } from './openapi.generated';

type S = components['schemas'];

/** True when each of A and B is assignable to the other. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;

/** The checks; `tsc` fails on the line of a pair that differs. */
export type ContractChecks = [
  // Ids and vocabularies
  Assert<Same<MeshId, S['MeshId']>>,
  Assert<Same<DetectedMesh, S['DetectedMesh']>>,
  Assert<Same<ReadinessTargetMesh, S['ReadinessTargetMesh']>>,
  Assert<Same<MigrationTarget, S['MigrationTarget']>>,
  Assert<Same<TaskTarget, S['TaskTarget']>>,
  Assert<Same<AdoptionStage, S['AdoptionStage']>>,
  Assert<Same<CheckSeverity, S['CheckSeverity']>>,
  Assert<Same<CheckStatus, S['CheckStatus']>>,
  Assert<Same<CheckCategory, S['CheckCategory']>>,
  Assert<Same<CapabilityId, S['CapabilityId']>>,
  Assert<Same<CapabilityArea, S['CapabilityArea']>>,
  Assert<Same<SupportValue, S['SupportValue']>>,
  Assert<Same<MeshPlatform, S['MeshPlatform']>>,
  Assert<Same<RequirementCriterion, S['RequirementCriterion']>>,
  Assert<Same<MeshEntryId, S['MeshEntryId']>>,
  Assert<Same<MeshEntryKind, S['MeshEntryKind']>>,
  Assert<Same<LifecycleStatus, S['LifecycleStatus']>>,
  Assert<Same<CncfStatus, S['CncfStatus']>>,
  Assert<Same<DataPlaneModel, S['DataPlaneModel']>>,
  Assert<Same<CostModel, S['CostModel']>>,
  Assert<Same<OverheadMetric, S['OverheadMetric']>>,
  Assert<Same<OverheadUnit, S['OverheadUnit']>>,
  Assert<Same<RecommendationStanding, S['RecommendationStanding']>>,
  Assert<Same<DataPlaneMode, S['DataPlaneMode']>>,
  Assert<Same<MeshState, S['MeshState']>>,
  Assert<Same<MtlsMode, S['MtlsMode']>>,
  Assert<Same<DetectionConflictKind, S['DetectionConflictKind']>>,
  Assert<Same<MigrationStepKind, S['MigrationStepKind']>>,

  // Detection and assessment
  Assert<Same<KubeObjectRef, S['KubeObjectRef']>>,
  Assert<Same<DetectionEvidence, S['DetectionEvidence']>>,
  Assert<Same<InjectionCoverage, S['InjectionCoverage']>>,
  Assert<Same<MtlsStatus, S['MtlsStatus']>>,
  Assert<Same<ProxyFreshness, S['ProxyFreshness']>>,
  Assert<Same<DetectionConflict, S['DetectionConflict']>>,
  Assert<Same<MeshDetection, S['MeshDetection']>>,
  Assert<Same<CheckResult, Omit<S['AssessmentFinding'], 'workloads'>>>,
  Assert<Same<AssessmentFinding, S['AssessmentFinding']>>,
  Assert<Same<WorkloadAssessment, S['WorkloadAssessment']>>,
  Assert<Same<MeshReadinessScore, S['MeshReadinessScore']>>,
  Assert<
    Same<
      MeshReadinessScore,
      Omit<S['TargetMeshReadiness'], 'findings' | 'passedChecks'>
    >
  >,
  Assert<Same<ServiceAssessment, S['ServiceAssessment']>>,

  // Knowledge base (its lists are read-only in the model)
  Assert<Same<MeshCapability, S['MeshCapability']>>,
  Assert<Same<KnowledgeSource, S['KnowledgeSource']>>,
  Assert<Same<KnowledgeCell, S['KnowledgeCell']>>,
  Assert<Same<Omit<KnowledgeCell, 'overridden'>, S['PlainKnowledgeCell']>>,
  Assert<Same<KnowledgeOverrideMark, S['KnowledgeOverrideMark']>>,
  Assert<Same<KnowledgeFact<string>, S['LicenseFact']>>,
  Assert<Same<KnowledgeFact<CncfStatus>, S['CncfStatusFact']>>,
  Assert<Same<KnowledgeFact<DataPlaneModel>, S['DataPlaneModelFact']>>,
  Assert<Same<KnowledgeFact<CostModel>, S['CostModelFact']>>,
  Assert<Same<ReleaseFact, S['ReleaseFact']>>,
  Assert<Same<MeshLifecycle, S['MeshLifecycle']>>,
  Assert<Same<OverheadMeasurement, S['OverheadMeasurement']>>,
  Assert<Same<MeshEntry['capabilities'], S['CapabilityCells']>>,
  Assert<Same<MeshEntry, S['MeshEntry']>>,
  Assert<
    Same<
      MeshKnowledgeBase,
      {
        readonly capabilities: readonly S['MeshCapability'][];
        readonly entries: readonly S['MeshEntry'][];
      }
    >
  >,

  // Recommendations
  Assert<Same<MeshRequirements, S['MeshRequirements']>>,
  Assert<Same<ResolvedMeshRequirements, S['ResolvedMeshRequirements']>>,
  Assert<Same<RecommendationReasonRef, S['RecommendationReasonRef']>>,
  Assert<Same<RecommendationReason, S['RecommendationReason']>>,
  Assert<Same<RankedEntry, S['RankedEntry']>>,
  Assert<Same<ExcludedEntry, S['ExcludedEntry']>>,
  Assert<Same<MeshRecommendation, S['MeshRecommendation']>>,

  // Migration plans
  Assert<Same<MigrationObject, S['MigrationObject']>>,
  Assert<Same<MigrationPatchTarget, S['MigrationPatchTarget']>>,
  Assert<Same<MigrationPatch, S['MigrationPatch']>>,
  Assert<Same<GatewayApiChannel, S['GatewayApiChannel']>>,
  Assert<Same<MigrationManifest, S['MigrationManifest']>>,
  Assert<Same<MigrationStep, S['MigrationStep']>>,
  Assert<Same<ManualAction, S['ManualAction']>>,
  Assert<Same<MigrationPlan, S['MigrationPlan']>>,
];
