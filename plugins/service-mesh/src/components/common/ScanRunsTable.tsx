import { Table, TableColumn } from '@backstage/core-components';
import { ScanRun } from '@meshwise/backstage-plugin-service-mesh-common';
import { useWholeWordsStyles } from './wholeWords';

/** The columns for these runs: a shard only when a run scanned one. */
const columnsFor = (runs: ScanRun[]): TableColumn<ScanRun>[] => [
  { title: 'Started', field: 'startedAt', type: 'datetime' },
  { title: 'Trigger', field: 'trigger' },
  {
    // With serviceMesh.scan.shards, each run scans one shard of the clusters.
    title: 'Shard',
    field: 'shard',
    hidden: !runs.some(run => run.shard),
    render: run => run.shard ?? 'all',
  },
  { title: 'Status', field: 'status' },
  { title: 'Entities', field: 'entityCount', type: 'numeric' },
  { title: 'Assessed', field: 'assessedCount', type: 'numeric' },
  {
    // Entities whose inputs had not changed since their stored assessment.
    title: 'Unchanged',
    field: 'skippedCount',
    type: 'numeric',
    render: run => unchanged(run),
  },
  {
    title: 'Clusters',
    render: run =>
      run.clusters.map(c => `${c.cluster}: ${c.status}`).join(', ') || '-',
  },
];

/** How many entities a run skipped as unchanged, with their share. */
function unchanged(run: ScanRun): string {
  if (run.skippedCount === null || run.skippedCount === undefined) return '-';
  return run.entityCount
    ? `${run.skippedCount} (${Math.round(
        (100 * run.skippedCount) / run.entityCount,
      )}%)`
    : String(run.skippedCount);
}

/** The scanner's recent runs, newest first. */
export function ScanRunsTable(props: { runs: ScanRun[] }) {
  const { wholeWords } = useWholeWordsStyles();
  return (
    <div className={wholeWords}>
      <Table<ScanRun>
        title="Scans"
        options={{ paging: false, search: false, padding: 'dense' }}
        columns={columnsFor(props.runs)}
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
