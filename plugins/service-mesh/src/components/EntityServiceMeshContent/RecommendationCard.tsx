import { InfoCard } from '@backstage/core-components';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { EntityMeshRecommendation } from '@meshwise/backstage-plugin-service-mesh-common';

export const COMPARISON_PATH = '/service-mesh/comparison';

/** The recommender's top meshes for the service, with its reasons. */
export function RecommendationCard(props: {
  recommendation: EntityMeshRecommendation[];
}) {
  const entries = [...props.recommendation].sort((a, b) => a.rank - b.rank);
  return (
    <InfoCard
      title="Recommended meshes"
      deepLink={{ link: COMPARISON_PATH, title: 'Compare all meshes' }}
    >
      {entries.length === 0 ? (
        <Typography>
          No recommendation yet: the recommender needs an assessment with at
          least one workload.
        </Typography>
      ) : (
        <List dense disablePadding aria-label="Recommended meshes">
          {entries.map(entry => (
            <ListItem key={entry.id} disableGutters alignItems="flex-start">
              <ListItemText
                primary={
                  <>
                    <strong>
                      #{entry.rank} {entry.name}
                    </strong>{' '}
                    <Typography
                      component="span"
                      variant="body2"
                      color="textSecondary"
                    >
                      of {entry.total} · {entry.standing}
                    </Typography>
                  </>
                }
                secondaryTypographyProps={{ component: 'ul' }}
                secondary={entry.reasons.map(reason => (
                  <li key={reason}>{reason}</li>
                ))}
              />
            </ListItem>
          ))}
        </List>
      )}
    </InfoCard>
  );
}
