import { RealPathResult } from './realPathResult';
import { ReplicasResult } from './replicasResult';
import { SizeResult } from './sizeResult';
import { fmt } from './table';

type Target = { target: string; met: boolean; value: string };

/** A list of targets, and how to add one to it. */
function targetList() {
  const targets: Target[] = [];
  const add = (target: string, met: boolean, value: string) => {
    targets.push({ target, met, value });
  };
  /** A ratio that must stay at or under `most`. */
  const ratioAtMost = (target: string, ratio: number, most: number) =>
    add(target, ratio <= most, fmt.ratio(ratio));
  return { targets, add, ratioAtMost };
}

/** The issue's targets that apply to this size. */
export function targetsFor(r: SizeResult): SizeResult['targets'] {
  const { targets, add, ratioAtMost } = targetList();
  const m = r.meshwise;
  if (r.size === 'medium') {
    add('full scan < 15 s', m.wallMs < 15_000, fmt.ms(m.wallMs));
    add(
      'scan peak RSS < 500 MB (over two scans)',
      m.peakRssMb < 500,
      fmt.mb(m.peakRssMb),
    );
    add(
      '>= 20x fewer API calls than the fan-out',
      r.ratios.fanOutToMeshwiseCalls >= 20,
      fmt.ratio(r.ratios.fanOutToMeshwiseCalls),
    );
    add(
      '>= 5x less time than the fan-out',
      r.ratios.fanOutToMeshwiseTime >= 5,
      fmt.ratio(r.ratios.fanOutToMeshwiseTime),
    );
    ratioAtMost(
      'within 4x of the parse floor',
      r.ratios.meshwiseToFloorTime,
      4,
    );
  }
  if (r.size === 'large') {
    add('large scan completes', m.scanStatus === 'succeeded', m.scanStatus);
  }
  for (const figure of r.load) {
    if (figure.endpoint === 'assessment') {
      add(
        `assessment p99 < 50 ms at ${figure.connections} conn (${figure.database})`,
        figure.p99Ms < 50,
        `${figure.p99Ms} ms`,
      );
    }
    if (figure.endpoint === 'scorecard' && r.size === 'large') {
      add(
        `scorecard first page p99 < 200 ms (${figure.database})`,
        figure.p99Ms < 200,
        `${figure.p99Ms} ms`,
      );
    }
    add(
      `${figure.endpoint} zero errors (${figure.database})`,
      figure.errors + figure.non2xx === 0,
      String(figure.errors + figure.non2xx),
    );
  }
  return targets;
}

/** The real path's targets, against the catalog's own entity lookup. */
export function realPathTargets(r: RealPathResult): RealPathResult['targets'] {
  const { targets, add, ratioAtMost } = targetList();
  ratioAtMost(
    'assessment p50 <= 1.2x the catalog lookup',
    r.ratios.assessmentToCatalogP50,
    1.2,
  );
  ratioAtMost(
    'assessment p99 <= 1.5x the catalog lookup',
    r.ratios.assessmentToCatalogP99,
    1.5,
  );
  if (r.size === 'large') {
    ratioAtMost(
      'scorecard first page p99 <= 2x the catalog lookup (10,000 services)',
      r.ratios.scorecardToCatalogP99,
      2,
    );
  }
  for (const figure of r.load) {
    add(
      `${figure.endpoint} zero errors`,
      figure.errors + figure.non2xx === 0 && figure.requests > 0,
      String(figure.errors + figure.non2xx),
    );
  }
  const v = r.visibility;
  add(
    'assessment found exactly where the catalog lookup is (same 200 or 404)',
    v.mismatchCount === 0 && v.checked > 0,
    `${v.checked - v.mismatchCount}/${v.checked}${
      v.mismatches.length ? ` (${v.mismatches[0]})` : ''
    }`,
  );
  add(
    'every service assessed before the load',
    r.backend.scanStatus === 'succeeded' &&
      r.backend.entityCount === r.fleet.services,
    `${r.backend.entityCount}/${r.fleet.services} (${r.backend.scanStatus})`,
  );
  return targets;
}

/** Issue 16's targets for scans across replicas and unchanged fleets. */
export function replicasTargets(r: ReplicasResult): ReplicasResult['targets'] {
  const { targets, add, ratioAtMost } = targetList();
  const full = r.scans.filter(s => s.what.startsWith('full scan'));
  const alive = full.flatMap(s => s.byReplica.filter(b => !b.killed));
  const highestRss = Math.max(...alive.map(b => b.peakRssMb ?? 0));
  add(
    'peak RSS per replica during a scan <= 500 MB',
    highestRss <= 500,
    fmt.mb(highestRss),
  );
  const two = full.find(s => s.what.includes('two replicas'));
  const stall = Math.max(
    ...(two?.byReplica ?? []).map(b => b.longestStallMs ?? 0),
  );
  add(
    'longest event-loop stall with two replicas <= 100 ms',
    stall <= 100,
    `${stall} ms`,
  );
  ratioAtMost(
    'wall time with two replicas <= 0.6x one',
    r.ratios.twoToOneWall,
    0.6,
  );
  const unchanged = r.scans.find(s => s.what.includes('unchanged'));
  add(
    'scan of the unchanged fleet: every entity found unchanged',
    unchanged?.unchangedShare === 1,
    `${Math.round(100 * (unchanged?.unchangedShare ?? 0))}%`,
  );
  ratioAtMost(
    'scan of the unchanged fleet <= 0.3x the first scan CPU',
    r.ratios.unchangedToFirstCpu,
    0.3,
  );
  add(
    'a replica killed while working on a shard',
    Boolean(r.killedDuring),
    r.killedDuring
      ? `shard ${r.killedDuring}, ${fmt.ms(r.killedAfterMs)} into the scan`
      : 'never caught at work',
  );
  for (const check of r.checks) {
    add(
      `${check.what}: every service once, as the first scan`,
      check.assessments === r.expectedAssessments &&
        check.duplicateParts === 0 &&
        check.differenceCount === 0,
      `${check.assessments}/${r.expectedAssessments}, ${check.differenceCount} differ, ${check.duplicateParts} duplicate parts`,
    );
  }
  return targets;
}
