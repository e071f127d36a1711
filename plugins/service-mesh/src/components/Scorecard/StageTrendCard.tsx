import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { serviceMeshApiRef } from '../../api';
import { shortEntityRef } from '../common/format';
import { StageDayTotals } from './StageDayTotals';
import { StageTrendChart } from './StageTrendChart';
import {
  daysBefore,
  demoSpan,
  trendPendingNote,
  trendRows,
  trendStages,
} from './trendData';

const RANGES = [30, 90, 180, 365];

/** Services per stage over time, for everyone or one owner / system. */
export function StageTrendCard(props: { owner?: string; system?: string }) {
  const { owner, system } = props;
  const api = useApi(serviceMeshApiRef);
  const [days, setDays] = useState(90);
  const { value, loading, error } = useAsync(
    () =>
      api.getScorecardHistory({
        from: daysBefore(new Date(), days),
        ...(owner ? { owner } : {}),
        ...(system ? { system } : {}),
      }),
    [api, owner, system, days],
  );
  const data = useMemo(() => trendRows(value?.points ?? []), [value]);
  const stages = useMemo(() => trendStages(value?.points ?? []), [value]);
  const demo = useMemo(() => demoSpan(data), [data]);

  const scope = [
    owner ? `owner ${shortEntityRef(owner)}` : undefined,
    system ? `system ${shortEntityRef(system)}` : undefined,
  ].filter(Boolean);

  return (
    <InfoCard
      title="Adoption over time"
      subheader={
        scope.length > 0
          ? `Services of ${scope.join(' and ')}`
          : 'All services (choose exactly one owner or system above to narrow it)'
      }
      action={
        <TextField
          select
          size="small"
          label="Range"
          value={days}
          onChange={event => setDays(Number(event.target.value))}
          style={{ minWidth: 140, marginTop: 8 }}
        >
          {RANGES.map(range => (
            <MenuItem key={range} value={range}>
              Last {range} days
            </MenuItem>
          ))}
        </TextField>
      }
    >
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {!loading && !error && data.length === 0 && (
        <Typography>
          No history yet: Meshwise records one point per day (UTC), after every
          scan. The first appears after the next scan.
        </Typography>
      )}
      {!loading && !error && data.length === 1 && (
        <StageDayTotals
          row={data[0]}
          stages={stages}
          note={trendPendingNote(data[0].day, new Date())}
        />
      )}
      {!loading && !error && data.length > 1 && (
        <StageTrendChart data={data} stages={stages} demo={demo} />
      )}
      {!loading && !error && demo && (
        <Typography variant="caption" color="textSecondary" component="p">
          Includes demo data (serviceMesh.demo.backfillHistoryDays): the shaded
          days, {demo.from} to {demo.to}, are generated, not scanned.
        </Typography>
      )}
    </InfoCard>
  );
}
