import { AdoptionStage } from '@meshwise/backstage-plugin-service-mesh-common';
import {
  Area,
  AreaChart,
  Legend,
  ReferenceArea,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { STAGE_COLORS, STAGE_LABELS } from '../common/StageChip';
import { TrendRow } from './trendData';

/**
 * Services per adoption stage over time, as stacked areas (recharts v2),
 * with the demo days (if any) shaded and labelled. The only file that
 * imports recharts, so the rest of the plugin does not depend on it.
 */
export function StageTrendChart(props: {
  data: TrendRow[];
  stages: AdoptionStage[];
  /** The first and last day of demo data, shaded. */
  demo?: { from: string; to: string };
  height?: number;
}) {
  const { data, stages, demo, height = 280 } = props;
  return (
    <ResponsiveContainer width="100%" height={height}>
      <AreaChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
        <XAxis dataKey="day" minTickGap={24} />
        <YAxis allowDecimals={false} />
        <Tooltip
          labelFormatter={day =>
            demo && day >= demo.from && day <= demo.to
              ? `${day} (demo data)`
              : day
          }
        />
        <Legend />
        {stages.map(stage => (
          <Area
            key={stage}
            type="monotone"
            dataKey={stage}
            name={STAGE_LABELS[stage]}
            stackId="stages"
            stroke={STAGE_COLORS[stage]}
            fill={STAGE_COLORS[stage]}
            fillOpacity={0.7}
            isAnimationActive={false}
          />
        ))}
        {demo && (
          <ReferenceArea
            x1={demo.from}
            x2={demo.to}
            fill="#9e9e9e"
            fillOpacity={0.25}
            label={{ value: 'Demo data', position: 'insideTop' }}
          />
        )}
      </AreaChart>
    </ResponsiveContainer>
  );
}
