import { InfoCard, StructuredMetadataTable } from '@backstage/core-components';
import { ServiceMeshHealth } from '@meshwise/backstage-plugin-service-mesh-common';

/** What the backend says about itself: version, database and schema. */
export function BackendStatus(props: { health: ServiceMeshHealth }) {
  const { health } = props;
  return (
    <InfoCard title="Meshwise backend">
      <StructuredMetadataTable
        metadata={{
          status: health.status,
          version: health.version,
          database: health.database,
          'schema version': health.schemaVersion ?? 'not migrated',
        }}
      />
    </InfoCard>
  );
}
