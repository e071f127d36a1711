/*
 * The cluster-source contract is defined once, in the node package, so that
 * backend modules implement the same interface the built-in sources do.
 */
export {
  ClusterReadError,
  type ClusterProblem,
  type ClusterProblemReason,
  type ClusterSnapshot,
  type ClusterVersions,
  type ServiceMeshClusterSource as ClusterSource,
} from '@meshwise/backstage-plugin-service-mesh-node';
