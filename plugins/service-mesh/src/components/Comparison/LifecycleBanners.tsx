import { Link, WarningPanel } from '@backstage/core-components';
import { Box, Typography } from '@material-ui/core';
import {
  MESH_DISPLAY_NAMES,
  type MeshEntry,
  type MeshKnowledgeBase,
} from '@meshwise/backstage-plugin-service-mesh-common';

export function entryName(kb: MeshKnowledgeBase, id: string): string {
  return (
    kb.entries.find(e => e.id === id)?.name ??
    (MESH_DISPLAY_NAMES as Record<string, string>)[id] ??
    id
  );
}

/** "AWS App Mesh: discontinued 2026-09-30. Migrate to …" */
export function lifecycleTitle(kb: MeshKnowledgeBase, entry: MeshEntry) {
  const { status, since, successors } = entry.lifecycle;
  const when = since ? ` ${since}` : '';
  const to =
    successors.length > 0
      ? ` Migrate to ${successors.map(id => entryName(kb, id)).join(', ')}`
      : '';
  return `${entry.name}: ${status}${when}.${to}`;
}

/**
 * One banner per entry that is not active (deprecated, discontinued,
 * archived), whether or not the matrix shows it: teams still running it
 * need to know.
 */
export function LifecycleBanners(props: { knowledgeBase: MeshKnowledgeBase }) {
  const { knowledgeBase } = props;
  const retired = knowledgeBase.entries.filter(
    e => e.lifecycle.status !== 'active',
  );
  if (retired.length === 0) return null;
  return (
    <Box display="flex" flexDirection="column" gridGap={8} mb={2}>
      {retired.map(entry => {
        const { lifecycle } = entry;
        const sources = [
          lifecycle.source,
          ...(lifecycle.additionalSources ?? []),
        ];
        return (
          <WarningPanel
            key={entry.id}
            severity={lifecycle.status === 'deprecated' ? 'info' : 'warning'}
            title={lifecycleTitle(knowledgeBase, entry)}
          >
            <Typography variant="body2" paragraph>
              {lifecycle.announcedOn
                ? `Announced ${lifecycle.announcedOn}. `
                : ''}
              {lifecycle.note}
            </Typography>
            <Typography variant="body2">
              Sources:{' '}
              {sources.map((source, index) => (
                <span key={source.url}>
                  {index > 0 && ', '}
                  <Link to={source.url}>{source.title}</Link>
                </span>
              ))}{' '}
              (checked on {lifecycle.checkedOn})
            </Typography>
          </WarningPanel>
        );
      })}
    </Box>
  );
}
