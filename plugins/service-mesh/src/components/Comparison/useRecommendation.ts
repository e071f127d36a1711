import { useApi } from '@backstage/core-plugin-api';
import type { MeshRequirements } from '@meshwise/backstage-plugin-service-mesh-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import { serviceMeshApiRef } from '../../api';

export const RECOMMENDATION_DEBOUNCE_MS = 300;

/**
 * Ranks the entries for `requirements`, waiting until the form has been
 * still for a moment. Keeps the previous ranking while a new one loads; a
 * stale answer never replaces a newer one. Pass undefined to wait.
 */
export function useRecommendation(requirements: MeshRequirements | undefined) {
  const api = useApi(serviceMeshApiRef);
  const key = requirements === undefined ? '' : JSON.stringify(requirements);
  const [settledKey, setSettledKey] = useState(key);
  useDebounce(() => setSettledKey(key), RECOMMENDATION_DEBOUNCE_MS, [key]);

  const state = useAsync(async () => {
    if (settledKey === '') return undefined;
    return api.recommendMeshes(JSON.parse(settledKey) as MeshRequirements);
  }, [api, settledKey]);

  return { ...state, pending: state.loading || settledKey !== key };
}
