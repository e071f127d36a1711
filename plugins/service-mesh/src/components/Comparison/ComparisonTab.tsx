import {
  Content,
  CopyTextButton,
  InfoCard,
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { Box, Grid, LinearProgress } from '@material-ui/core';
import type { MeshKnowledgeBase } from '@meshwise/backstage-plugin-service-mesh-common';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { serviceMeshApiRef } from '../../api';
import { ExcludedList } from './ExcludedList';
import { FeatureMatrix } from './FeatureMatrix';
import { LifecycleBanners } from './LifecycleBanners';
import { MatrixLegend } from './MatrixLegend';
import { defaultComparedIds, MeshPicker } from './MeshPicker';
import { NoMatchNotice } from './NoMatchNotice';
import { RankingList } from './RankingList';
import { RequirementsForm } from './RequirementsForm';
import {
  parseComparedEntries,
  parseRequirementsQuery,
  toMeshRequirements,
  writeComparedEntries,
  writeRequirementsQuery,
  type RequirementsState,
} from './requirementsQuery';
import { useRecommendation } from './useRecommendation';

/** The Comparison tab: feature matrix, requirements and ranking. */
export function ComparisonTab() {
  const api = useApi(serviceMeshApiRef);
  const { value, loading, error } = useAsync(() => api.getMeshes(), [api]);

  if (loading) return <Progress />;
  if (error) {
    return (
      <Content>
        <ResponseErrorPanel
          error={error}
          title={`Could not load the mesh knowledge base: ${error.message}. Check that the service-mesh backend (@meshwise/backstage-plugin-service-mesh-backend) is installed and running.`}
        />
      </Content>
    );
  }
  if (!value || value.entries.length === 0) {
    return (
      <Content>
        <WarningPanel
          severity="info"
          title="The mesh knowledge base is empty"
          message="The backend answered with no entries. Check serviceMesh.knowledgeBase in app-config: entries there are added to the built-in ones."
          defaultExpanded
        />
      </Content>
    );
  }
  return <Comparison knowledgeBase={value} />;
}

function Comparison(props: { knowledgeBase: MeshKnowledgeBase }) {
  const { knowledgeBase } = props;
  const [params, setParams] = useSearchParams();
  const entryIds = useMemo(
    () => knowledgeBase.entries.map(e => e.id),
    [knowledgeBase],
  );

  const requirements = useMemo(
    () => parseRequirementsQuery(params, entryIds),
    [params, entryIds],
  );
  const request = useMemo(
    () => toMeshRequirements(requirements),
    [requirements],
  );
  const recommendation = useRecommendation(request);

  const compared =
    parseComparedEntries(params, entryIds) ??
    defaultComparedIds(knowledgeBase.entries);
  const comparedKey = compared.join(',');
  const shownEntries = useMemo(
    () =>
      knowledgeBase.entries.filter(e => comparedKey.split(',').includes(e.id)),
    [knowledgeBase, comparedKey],
  );

  const ranks = useMemo(
    () =>
      new Map(
        (recommendation.value?.ranked ?? []).map(r => [r.id, r.rank] as const),
      ),
    [recommendation.value],
  );

  const setRequirements = (next: RequirementsState) =>
    setParams(current => writeRequirementsQuery(next, current), {
      replace: true,
    });
  const setCompared = (next: string[] | undefined) =>
    setParams(current => writeComparedEntries(next, current), {
      replace: true,
    });

  const shareUrl =
    typeof window === 'undefined'
      ? ''
      : `${window.location.origin}${window.location.pathname}${
          params.toString() ? `?${params}` : ''
        }`;

  return (
    <>
      <LifecycleBanners knowledgeBase={knowledgeBase} />
      <Grid container spacing={3}>
        <Grid item xs={12} lg={4}>
          <RequirementsForm
            knowledgeBase={knowledgeBase}
            value={requirements}
            onChange={setRequirements}
          />
        </Grid>
        <Grid item xs={12} lg={8}>
          <InfoCard
            title="Ranking"
            subheader="Best fit first; discontinued and archived entries are never ranked."
            action={
              <CopyTextButton
                text={shareUrl}
                tooltipText="Link to these requirements copied"
                aria-label="Copy a link to these requirements"
              />
            }
          >
            <RankingContent
              knowledgeBase={knowledgeBase}
              recommendation={recommendation}
            />
          </InfoCard>
        </Grid>
        {/* Across the page: beside the form, the matrix had to scroll. */}
        <Grid item xs={12}>
          <InfoCard title="Feature matrix">
            <MeshPicker
              entries={knowledgeBase.entries}
              selected={compared}
              onChange={setCompared}
            />
            {shownEntries.length === 0 ? (
              <WarningPanel
                severity="info"
                title="No entry selected"
                message="Pick at least one mesh above to compare."
                defaultExpanded
              />
            ) : (
              <FeatureMatrix
                knowledgeBase={knowledgeBase}
                entries={shownEntries}
                ranks={ranks}
                mustHave={requirements.mustHave}
                niceToHave={requirements.niceToHave}
              />
            )}
            <MatrixLegend />
          </InfoCard>
        </Grid>
      </Grid>
    </>
  );
}

function RankingContent(props: {
  knowledgeBase: MeshKnowledgeBase;
  recommendation: ReturnType<typeof useRecommendation>;
}) {
  const { knowledgeBase, recommendation } = props;
  const { value, error, pending } = recommendation;
  if (error && !pending) {
    return (
      <ResponseErrorPanel
        error={error}
        title={`Could not rank the meshes: ${error.message}. The matrix below still works; check the service-mesh backend's logs, then change a requirement to retry.`}
      />
    );
  }
  if (!value) return <Progress />;
  return (
    <>
      <Box height={4} mb={1}>
        {pending && <LinearProgress aria-label="Updating the ranking" />}
      </Box>
      <NoMatchNotice knowledgeBase={knowledgeBase} recommendation={value} />
      <RankingList knowledgeBase={knowledgeBase} ranked={value.ranked} />
      <ExcludedList excluded={value.excluded} />
    </>
  );
}
