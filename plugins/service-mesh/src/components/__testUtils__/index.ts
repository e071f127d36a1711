import { MESH_KNOWLEDGE_BASE } from '@meshwise/mesh-engine';
import { ServiceMeshApi } from '../../api';

/** A ServiceMeshApi whose answers each test sets; unset calls reject. */
export function mockServiceMeshApi(
  overrides: Partial<ServiceMeshApi> = {},
): jest.Mocked<ServiceMeshApi> {
  const unset = (name: string) =>
    jest.fn().mockRejectedValue(new Error(`${name} not mocked`));
  return {
    getHealth: jest.fn().mockResolvedValue({
      status: 'ok',
      version: '0.1.0',
      database: 'sqlite',
      schemaVersion: '20261122020000',
    }),
    listScans: jest.fn().mockResolvedValue({ items: [] }),
    listClusters: jest.fn().mockResolvedValue({ items: [] }),
    getEntityAssessment: unset('getEntityAssessment'),
    refreshEntityAssessment: unset('refreshEntityAssessment'),
    getScorecard: unset('getScorecard'),
    getScorecardHistory: unset('getScorecardHistory'),
    // The knowledge base as `GET /meshes` serves it without overrides.
    getMeshes: jest.fn().mockResolvedValue(MESH_KNOWLEDGE_BASE),
    recommendMeshes: unset('recommendMeshes'),
    getMigrationPlan: unset('getMigrationPlan'),
    listTasks: jest.fn().mockResolvedValue({ items: [], totalCount: 0 }),
    getTask: unset('getTask'),
    createTask: unset('createTask'),
    updateTask: unset('updateTask'),
    commentOnTask: unset('commentOnTask'),
    bulkCreateTasks: unset('bulkCreateTasks'),
    ...overrides,
  } as jest.Mocked<ServiceMeshApi>;
}
