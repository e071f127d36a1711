import {
  CodeSnippet,
  InfoCard,
  StructuredMetadataTable,
} from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { EntityWorkloadSelector } from '@meshwise/backstage-plugin-service-mesh-common';

/** Which workloads belong to the entity, or how to say so. */
export function WorkloadSelectorCard(props: {
  selector: EntityWorkloadSelector;
}) {
  const { selector } = props;
  if (!selector.configured) {
    return (
      <InfoCard title="Kubernetes workloads: not configured">
        <Typography paragraph>
          This entity has no <code>backstage.io/kubernetes-id</code> or{' '}
          <code>backstage.io/kubernetes-label-selector</code> annotation, so
          Meshwise cannot find its workloads. Add one to its catalog-info.yaml:
        </Typography>
        <CodeSnippet language="yaml" text={selector.hint} showCopyCodeButton />
      </InfoCard>
    );
  }
  return (
    <InfoCard title="Kubernetes workloads">
      <StructuredMetadataTable
        metadata={{
          'label selector': selector.labelSelector,
          namespace: selector.namespace ?? 'all namespaces',
          cluster: selector.cluster ?? 'all clusters',
        }}
      />
    </InfoCard>
  );
}
