import { Link } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { DiscontinuedMesh } from '../common/lifecycle';

const STATUS_VERBS: Record<string, string> = {
  discontinued: 'discontinued',
  archived: 'archived',
  deprecated: 'deprecated',
};

/** The "you have to move" banner for a service on a discontinued mesh. */
export function DiscontinuedMeshBanner(props: { meshes: DiscontinuedMesh[] }) {
  return (
    <>
      {props.meshes.map(mesh => {
        const verb =
          STATUS_VERBS[mesh.lifecycle.status] ?? mesh.lifecycle.status;
        const { since, announcedOn, note, source } = mesh.lifecycle;
        return (
          <Alert
            key={mesh.id}
            severity="error"
            variant="filled"
            role="alert"
            aria-label={`${mesh.name} is ${verb}`}
          >
            <AlertTitle>
              This service runs on {mesh.name}, {verb}
              {since ? ` since ${since}` : ''}: it must migrate
            </AlertTitle>
            <Typography variant="body2" gutterBottom>
              {announcedOn ? `Announced on ${announcedOn}. ` : ''}
              {note}
            </Typography>
            {mesh.successors.length > 0 && (
              <Typography variant="body2">
                <strong>Migration targets: </strong>
                {mesh.successors.map(successor => successor.name).join(', ')}
                {'. '}
                <Link to="/service-mesh/comparison" color="inherit">
                  Compare them
                </Link>
                {' · '}
                <Link to={source.url} color="inherit">
                  Source: {source.title}
                </Link>
              </Typography>
            )}
          </Alert>
        );
      })}
    </>
  );
}
