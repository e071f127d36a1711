/*
 * Stands in for the Tech Insights frontend (@backstage-community/plugin-tech-insights),
 * which this npm registry lacks: it runs the checks of the demo's configuration
 * (techInsights.factChecker.checks in app-config.yaml) for the entity on the
 * Tech Insights backend, and lists each one with whether it passes.
 */
import { useEffect, useState } from 'react';
import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import { InfoCard, Progress } from '@backstage/core-components';
import {
  DiscoveryApi,
  discoveryApiRef,
  FetchApi,
  fetchApiRef,
  useApi,
} from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import CancelIcon from '@material-ui/icons/Cancel';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';

const useStyles = makeStyles(theme => ({
  name: { display: 'flex', alignItems: 'center', gap: theme.spacing(1) },
  pass: { color: theme.palette.success.main },
  fail: { color: theme.palette.error.main },
}));

/** A green tick or a red cross, and the word. */
function CheckStatus(props: { passed: boolean }) {
  const classes = useStyles();
  const Icon = props.passed ? CheckCircleIcon : CancelIcon;
  return (
    <>
      <Icon
        fontSize="small"
        className={props.passed ? classes.pass : classes.fail}
        aria-hidden
      />
      <span>{props.passed ? 'Pass' : 'Fail'}</span>
    </>
  );
}

/** What this card reads of a check result of `POST /checks/run/:namespace/:kind/:name`. */
export type MeshCheckResult = {
  check: { id: string; name: string; description: string };
  result: unknown;
};

type State =
  | { status: 'loading' }
  | { status: 'error'; error: Error }
  | { status: 'done'; results: MeshCheckResult[] };

/** Runs every configured check for the entity on the Tech Insights backend. */
export async function runMeshChecks(
  entity: Entity,
  discoveryApi: Pick<DiscoveryApi, 'getBaseUrl'>,
  fetchApi: Pick<FetchApi, 'fetch'>,
): Promise<MeshCheckResult[]> {
  const { namespace, kind, name } = getCompoundEntityRef(entity);
  const baseUrl = await discoveryApi.getBaseUrl('tech-insights');
  const path = [namespace, kind.toLocaleLowerCase('en-US'), name]
    .map(encodeURIComponent)
    .join('/');
  // Without `checks` in the body, the backend runs all of them.
  const response = await fetchApi.fetch(`${baseUrl}/checks/run/${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({}),
  });
  if (!response.ok) {
    throw new Error(`Tech Insights answered ${response.status}`);
  }
  return (await response.json()) as MeshCheckResult[];
}

/** The card, for a given entity and APIs. */
export function MeshChecksCardView(props: {
  entity: Entity;
  discoveryApi: Pick<DiscoveryApi, 'getBaseUrl'>;
  fetchApi: Pick<FetchApi, 'fetch'>;
}) {
  const { entity, discoveryApi, fetchApi } = props;
  const classes = useStyles();
  const [state, setState] = useState<State>({ status: 'loading' });

  useEffect(() => {
    let cancelled = false;
    setState({ status: 'loading' });
    runMeshChecks(entity, discoveryApi, fetchApi).then(
      results => !cancelled && setState({ status: 'done', results }),
      error => !cancelled && setState({ status: 'error', error }),
    );
    return () => {
      cancelled = true;
    };
  }, [entity, discoveryApi, fetchApi]);

  let content;
  if (state.status === 'loading') {
    content = <Progress />;
  } else if (state.status === 'error') {
    content = (
      <Typography role="alert" color="error">
        {state.error.message}
      </Typography>
    );
  } else if (state.results.length === 0) {
    content = 'No check results yet: the service has no mesh facts.';
  } else {
    const results = [...state.results].sort((a, b) =>
      a.check.name.localeCompare(b.check.name),
    );
    content = (
      <List dense aria-label="Mesh checks">
        {results.map(({ check, result }) => {
          const passed = result === true;
          return (
            <ListItem key={check.id} disableGutters>
              <ListItemText
                primary={
                  <span className={classes.name}>
                    <CheckStatus passed={passed} />
                    <span>{check.name}</span>
                  </span>
                }
                secondary={check.description}
              />
            </ListItem>
          );
        })}
      </List>
    );
  }

  return <InfoCard title="Mesh checks (Tech Insights)">{content}</InfoCard>;
}

/** The card on the entity page. */
export function MeshChecksCard() {
  const { entity } = useEntity();
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  return (
    <MeshChecksCardView
      entity={entity}
      discoveryApi={discoveryApi}
      fetchApi={fetchApi}
    />
  );
}
