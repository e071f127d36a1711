import { InfoCard, StructuredMetadataTable } from '@backstage/core-components';
import { ServiceMeshHealth } from '@meshwise/backstage-plugin-service-mesh-common';
import { useWholeWordsStyles } from './wholeWords';

/** What the backend says about itself: version, database and schema. */
export function BackendStatus(props: { health: ServiceMeshHealth }) {
  const { health } = props;
  const { wholeWords } = useWholeWordsStyles();
  return (
    <InfoCard title="Meshwise backend">
      <div className={wholeWords}>
        <StructuredMetadataTable
          metadata={{
            status: health.status,
            version: health.version,
            database: health.database,
            'schema version': health.schemaVersion ?? 'not migrated',
          }}
        />
      </div>
    </InfoCard>
  );
}
