/**
 * The contract's ids and labels that clients import as values: small,
 * without the engine, the knowledge base's data, yaml or zod. The engine's
 * and knowledge base's modules re-export them from here.
 */
export * from './capabilities';
export * from './criteria';
export * from './entryIds';
export { formatRef as formatKubeObjectRef } from './kubeObjectRef';
export type { KubeObjectRef } from './kubeObjectRef';
export * from './kubectlPatch';
export * from './migrationTargets';
export * from './platforms';
export * from './supportValues';
export * from './meshes';
export * from './taskTargets';
