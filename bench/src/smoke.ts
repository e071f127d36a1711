import { Options } from './options';
import { SizeResult } from './sizeResult';

/** The smoke run's checks: it works end to end. No timing assertions. */
export function smokeProblems(
  results: SizeResult[],
  options: Options,
): string[] {
  const problems: string[] = [];
  for (const r of results) {
    const m = r.meshwise;
    if (m.scanStatus !== 'succeeded')
      problems.push(`${r.size}: scan status ${m.scanStatus}`);
    if (m.entityCount !== r.fleet.services)
      problems.push(
        `${r.size}: ${m.entityCount} of ${r.fleet.services} entities assessed`,
      );
    if (!(m.apiCalls > 0) || !(r.floor.items > 0))
      problems.push(`${r.size}: no API calls measured`);
    if (r.fanOut.agreement.compared === 0)
      problems.push(`${r.size}: the fan-out assessed no entity`);
    if (!options.skipLoad) {
      for (const database of options.databases) {
        const skipped = r.loadSkipped?.some(s => s.startsWith(database));
        if (skipped) continue;
        for (const endpoint of ['assessment', 'scorecard']) {
          const l = r.load.find(
            x => x.database === database && x.endpoint === endpoint,
          );
          if (!l)
            problems.push(
              `${r.size}: no load figures for ${endpoint} on ${database}`,
            );
          else if (l.requests === 0 || l.errors + l.non2xx > 0)
            problems.push(
              `${r.size}: ${endpoint} on ${database}: ${l.requests} requests, ${l.errors} errors, ${l.non2xx} non-2xx`,
            );
        }
      }
    }
  }
  return problems;
}
