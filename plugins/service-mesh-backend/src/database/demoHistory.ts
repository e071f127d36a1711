import { Knex } from 'knex';
import { AdoptionStage } from '@meshwise/backstage-plugin-service-mesh-common';
import { demoStageOn } from '../demo/demoAdoptionCurve';
import { chunks, toCount, utcDay } from './rows';

const DAY_MS = 86_400_000;

/**
 * Writes demo days into the daily roll-up (`demo` true): the `windowDays`
 * days before `today` that come before the first day a scan rolled up,
 * derived from the current assessments walking backwards. Real days are
 * never written (they are all on or after that first day, and inserts skip
 * any row that exists). Demo rows are rewritten only when they no longer
 * fit: the number of services changed (a catalog still ingesting when the
 * first scan ran) or the window grew. Returns the number of days written.
 */
export async function writeDemoHistory(
  tx: Knex.Transaction,
  windowDays: number,
  today: string,
): Promise<number> {
  const firstReal: string | null =
    (await tx('mesh_stage_daily').where({ demo: false }).min({ day: 'day' }))[0]
      ?.day ?? null;
  if (windowDays <= 0 || !firstReal) return 0; // no scan has rolled up yet

  const services: {
    entity_ref: string;
    stage: AdoptionStage;
    owner: string | null;
    system: string | null;
  }[] = await tx('mesh_assessments').select(
    'entity_ref',
    'stage',
    'owner',
    'system',
  );
  if (services.length === 0) return 0;

  const start = dayOffset(today, -windowDays);
  if (await isUpToDate(tx, services.length, start)) return 0;
  await tx('mesh_stage_daily').where({ demo: true }).delete();

  const rows: {
    day: string;
    dimension: string;
    dimension_key: string;
    stage: AdoptionStage;
    count: number;
    demo: boolean;
  }[] = [];
  let days = 0;
  for (let daysAgo = windowDays; daysAgo >= 1; daysAgo--) {
    const day = dayOffset(today, -daysAgo);
    if (day >= firstReal) break;
    days++;
    // Grouped as the real roll-up groups: every service, per owner, per system.
    const counts = new Map<string, number>();
    const add = (dimension: string, key: string, stage: AdoptionStage) => {
      const id = `${dimension}\u0000${key}\u0000${stage}`;
      counts.set(id, (counts.get(id) ?? 0) + 1);
    };
    for (const service of services) {
      const stage = demoStageOn(
        service.entity_ref,
        service.stage,
        daysAgo,
        windowDays,
      );
      add('all', '', stage);
      if (service.owner) add('owner', service.owner, stage);
      if (service.system) add('system', service.system, stage);
    }
    for (const [id, count] of counts) {
      const [dimension, key, stage] = id.split('\u0000');
      rows.push({
        day,
        dimension,
        dimension_key: key,
        stage: stage as AdoptionStage,
        count,
        demo: true,
      });
    }
  }
  for (const batch of chunks(rows)) {
    await tx('mesh_stage_daily')
      .insert(batch)
      .onConflict(['day', 'dimension', 'dimension_key', 'stage'])
      .ignore();
  }
  return days;
}

/**
 * Whether the demo days already written still fit: they reach back to
 * `start` and their newest day counts as many services as there are now
 * (the demo keeps the number of services constant over its days).
 */
async function isUpToDate(
  tx: Knex.Transaction,
  serviceCount: number,
  start: string,
): Promise<boolean> {
  const [range] = await tx('mesh_stage_daily')
    .where({ demo: true })
    .min({ oldest: 'day' })
    .max({ newest: 'day' });
  if (!range?.newest || range.oldest > start) return false;
  const [total] = await tx('mesh_stage_daily')
    .where({ demo: true, dimension: 'all', day: range.newest })
    .sum({ count: 'count' });
  return toCount(total?.count) === serviceCount;
}

/** The `YYYY-MM-DD` day `offset` days from `day`. */
function dayOffset(day: string, offset: number): string {
  return utcDay(new Date(Date.parse(`${day}T00:00:00Z`) + offset * DAY_MS));
}
