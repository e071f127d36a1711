import { Table, TableColumn } from '@backstage/core-components';
import { ScanRun } from '@meshwise/backstage-plugin-service-mesh-common';
import { useWholeWordsStyles } from './wholeWords';

const columns: TableColumn<ScanRun>[] = [
  { title: 'Started', field: 'startedAt', type: 'datetime' },
  { title: 'Trigger', field: 'trigger' },
  { title: 'Status', field: 'status' },
  { title: 'Entities', field: 'entityCount', type: 'numeric' },
  { title: 'Assessed', field: 'assessedCount', type: 'numeric' },
  {
    title: 'Clusters',
    render: run =>
      run.clusters.map(c => `${c.cluster}: ${c.status}`).join(', ') || '-',
  },
];

/** The scanner's recent runs, newest first. */
export function ScanRunsTable(props: { runs: ScanRun[] }) {
  const { wholeWords } = useWholeWordsStyles();
  return (
    <div className={wholeWords}>
      <Table<ScanRun>
        title="Scans"
        options={{ paging: false, search: false, padding: 'dense' }}
        columns={columns}
        data={props.runs}
        emptyContent={
          <div style={{ padding: 16 }}>
            No scan has run yet. The backend scans the catalog on its schedule;
            see the <code>serviceMesh</code> section of app-config.yaml.
          </div>
        }
      />
    </div>
  );
}
