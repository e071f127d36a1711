import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  ScanRunList,
  ServiceMeshHealth,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { ServiceMeshApi } from './ServiceMeshApi';

/** Talks to `/api/service-mesh` with the signed-in user's credentials. */
export class ServiceMeshClient implements ServiceMeshApi {
  readonly #discoveryApi: DiscoveryApi;
  readonly #fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.#discoveryApi = options.discoveryApi;
    this.#fetchApi = options.fetchApi;
  }

  async getHealth(): Promise<ServiceMeshHealth> {
    return this.#get('/health');
  }

  async listScans(options?: { limit?: number }): Promise<ScanRunList> {
    const query = options?.limit ? `?limit=${options.limit}` : '';
    return this.#get(`/scans${query}`);
  }

  async #get<T>(path: string): Promise<T> {
    const baseUrl = await this.#discoveryApi.getBaseUrl('service-mesh');
    const response = await this.#fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
