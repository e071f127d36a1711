import { Entity, DEFAULT_NAMESPACE } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { EntityAssessmentResponse } from '@meshwise/backstage-plugin-service-mesh-common';
import { useCallback, useEffect, useState } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { EntityName, serviceMeshApiRef } from '../../api';

/** True for the API's "no assessment yet" answer (a 404 ResponseError). */
export function isNotFoundError(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const candidate = error as {
    name?: string;
    statusCode?: number;
    response?: { status?: number };
  };
  return (
    candidate.statusCode === 404 ||
    candidate.response?.status === 404 ||
    candidate.name === 'NotFoundError'
  );
}

export function entityNameOf(entity: Entity): EntityName {
  return {
    kind: entity.kind,
    namespace: entity.metadata.namespace ?? DEFAULT_NAMESPACE,
    name: entity.metadata.name,
  };
}

export interface EntityAssessmentState {
  /** The newest assessment: the refreshed one once a refresh succeeded. */
  response?: EntityAssessmentResponse;
  loading: boolean;
  /** A load error other than "not assessed yet". */
  error?: Error;
  /** The backend has no assessment for the entity yet (404). */
  notFound: boolean;
  retry: () => void;
  refresh: () => Promise<void>;
  refreshing: boolean;
  refreshError?: Error;
}

/** Loads the entity's assessment and re-assesses it on demand. */
export function useEntityAssessment(entity: Entity): EntityAssessmentState {
  const api = useApi(serviceMeshApiRef);
  const { kind, namespace, name } = entityNameOf(entity);
  const [refreshed, setRefreshed] = useState<EntityAssessmentResponse>();

  const loaded = useAsyncRetry(async () => {
    try {
      return await api.getEntityAssessment({ kind, namespace, name });
    } catch (error) {
      if (isNotFoundError(error)) return undefined;
      throw error;
    }
  }, [api, kind, namespace, name]);

  // A refreshed answer belongs to one entity only.
  useEffect(() => setRefreshed(undefined), [kind, namespace, name]);

  const [refreshState, runRefresh] = useAsyncFn(async () => {
    const response = await api.refreshEntityAssessment({
      kind,
      namespace,
      name,
    });
    setRefreshed(response);
    return response;
  }, [api, kind, namespace, name]);

  const refresh = useCallback(async () => {
    // useAsyncFn stores the error in its state; nothing to rethrow.
    await runRefresh();
  }, [runRefresh]);

  const response = refreshed ?? loaded.value;
  return {
    response,
    loading: loaded.loading && !refreshed,
    error: refreshed ? undefined : loaded.error,
    notFound: !loaded.loading && !loaded.error && !response,
    retry: loaded.retry,
    refresh,
    refreshing: refreshState.loading,
    refreshError: refreshState.error,
  };
}
