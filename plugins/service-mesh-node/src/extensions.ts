import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { ServiceMeshClusterSource } from './clusterSource';
import { ServiceMeshTaskSink } from './taskSink';

/**
 * Adds clusters for the service-mesh backend to scan, next to the ones it
 * reads from configuration. A name used twice fails the backend's start.
 */
export interface ServiceMeshClusterSourcesExtensionPoint {
  addClusterSource(...sources: ServiceMeshClusterSource[]): void;
}

/** Adds places where migration tasks are also filed. */
export interface ServiceMeshTaskSinksExtensionPoint {
  addTaskSink(...sinks: ServiceMeshTaskSink[]): void;
}

/** For backend modules of the `service-mesh` plugin: add cluster sources. */
export const serviceMeshClusterSourcesExtensionPoint =
  createExtensionPoint<ServiceMeshClusterSourcesExtensionPoint>({
    id: 'service-mesh.cluster-sources',
  });

/** For backend modules of the `service-mesh` plugin: add task sinks. */
export const serviceMeshTaskSinksExtensionPoint =
  createExtensionPoint<ServiceMeshTaskSinksExtensionPoint>({
    id: 'service-mesh.task-sinks',
  });
