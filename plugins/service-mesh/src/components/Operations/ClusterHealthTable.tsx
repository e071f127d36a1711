import { Table, TableColumn } from '@backstage/core-components';
import { ClusterHealth } from '@meshwise/backstage-plugin-service-mesh-common';
import { useWholeWordsStyles } from '../common/wholeWords';

const columns: TableColumn<ClusterHealth>[] = [
  { title: 'Cluster', field: 'cluster' },
  { title: 'Source', field: 'type' },
  { title: 'Status', field: 'status' },
  { title: 'Objects', field: 'objectCount', type: 'numeric' },
  { title: 'Last good read', field: 'lastReadAt', type: 'datetime' },
  {
    title: 'Problem',
    render: cluster =>
      [cluster.error, ...cluster.warnings].filter(Boolean).join('; ') || '-',
  },
];

/** Each cluster's last read: a failed one keeps its older data, marked stale. */
export function ClusterHealthTable(props: { clusters: ClusterHealth[] }) {
  const { wholeWords } = useWholeWordsStyles();
  return (
    <div className={wholeWords}>
      <Table<ClusterHealth>
        title="Clusters"
        options={{ paging: false, search: false, padding: 'dense' }}
        columns={columns}
        data={props.clusters}
        emptyContent={
          <div style={{ padding: 16 }}>
            No cluster is configured. Meshwise reads the clusters of
            <code> kubernetes.clusterLocatorMethods</code> and the directories
            of
            <code> serviceMesh.manifestSources</code> in app-config.yaml.
          </div>
        }
      />
    </div>
  );
}
