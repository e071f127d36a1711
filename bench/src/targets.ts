import { SizeResult } from './sizeResult';
import { fmt } from './table';

/** The targets that apply to this size. */
export function targetsFor(r: SizeResult): SizeResult['targets'] {
  const targets: SizeResult['targets'] = [];
  const add = (target: string, met: boolean, value: string) =>
    targets.push({ target, met, value });
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
    add(
      'within 4x of the parse floor',
      r.ratios.meshwiseToFloorTime <= 4,
      fmt.ratio(r.ratios.meshwiseToFloorTime),
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
