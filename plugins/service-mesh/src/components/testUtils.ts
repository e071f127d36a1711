import { ServiceMeshApi } from '../api';

/** A ServiceMeshApi whose answers each test sets. */
export function mockServiceMeshApi(
  overrides: Partial<ServiceMeshApi> = {},
): jest.Mocked<ServiceMeshApi> {
  return {
    getHealth: jest.fn().mockResolvedValue({
      status: 'ok',
      version: '0.1.0',
      database: 'sqlite',
      schemaVersion: '20261122010000',
    }),
    listScans: jest.fn().mockResolvedValue({ items: [] }),
    ...overrides,
  } as jest.Mocked<ServiceMeshApi>;
}
