import { CodeSnippet, InfoCard } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import {
  KUBERNETES_ID_ANNOTATION,
  KUBERNETES_LABEL_SELECTOR_ANNOTATION,
} from '@meshwise/backstage-plugin-service-mesh-common';

/** What to add to catalog-info.yaml so Meshwise finds the workloads. */
export function NotConfiguredCard(props: { hint: string }) {
  return (
    <InfoCard title="Kubernetes workloads: not configured">
      <Typography paragraph>
        Meshwise cannot assess this service: its catalog entity has neither a{' '}
        <code>{KUBERNETES_ID_ANNOTATION}</code> nor a{' '}
        <code>{KUBERNETES_LABEL_SELECTOR_ANNOTATION}</code> annotation, so
        nothing says which Kubernetes workloads belong to it.
      </Typography>
      <Typography paragraph>
        Add the <code>{KUBERNETES_ID_ANNOTATION}</code> annotation to the
        entity's <code>catalog-info.yaml</code> and put the same label on its
        workloads and pods (or select them with a label selector). The next scan
        picks it up.
      </Typography>
      <CodeSnippet language="yaml" text={props.hint} showCopyCodeButton />
    </InfoCard>
  );
}
