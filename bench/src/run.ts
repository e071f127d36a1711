/**
 * `npm run bench`, the runner: for each fleet size, a full Meshwise scan, the
 * per-entity fan-out, the parse floor and the endpoints under load, each
 * measured in its own child process against one fleet server; a table on
 * stdout and a JSON file. The measurements are in `measure*.ts`, the report
 * in `report.ts`.
 *
 *   --sizes small,medium,large   (default: all three)
 *   --out bench/results/<date>.json
 *   --skip-load                  no endpoint load tests
 *   --duration 20 --connections 50
 *   --databases sqlite,postgres
 *   --fanout-sample N|all        entities fanned out per size (default: all,
 *                                1000 for large; the rest is scaled up)
 *   --seed N
 *   --profile                    --cpu-prof every measuring child into
 *                                bench/results/profiles/
 *   --transform                  run the measuring children from their
 *                                TypeScript sources under the development
 *                                transform instead of bundled
 *   --smoke                      small size, 3 s of load, sanity checks
 *                                (exit 1 when one fails), no timing targets
 *   --real-path                  instead: a real backend (catalog, auth,
 *                                permission, Meshwise, PostgreSQL) and the
 *                                catalog lookup, assessment and scorecard
 *                                under load side by side (measureRealPath.ts)
 *   --replicas                   instead: the scan by one replica and by two
 *                                on one PostgreSQL database, one killed
 *                                mid-scan, and a scan of the unchanged fleet
 *                                (measureReplicas.ts; default size large)
 *   --shards 20 --heap-mb 320    the replicas' serviceMesh.scan.shards and
 *                                --max-old-space-size
 *   --semi-space-mb N            the replicas' --max-semi-space-size
 */
import { useBuiltScripts } from './child';
import { measureSize } from './measureSize';
import { postgresReachable } from './measureLoad';
import { Options, parseOptions } from './options';
import { measureRealPath } from './measureRealPath';
import { measureReplicas } from './measureReplicas';
import { printReplicas, ReplicasResult } from './replicasResult';
import { printRealPath } from './realPathReport';
import { RealPathResult } from './realPathResult';
import { printResults, writeReport } from './report';
import { SizeResult } from './sizeResult';
import { smokeProblems } from './smoke';

async function main() {
  const options = parseOptions(process.argv.slice(2));
  const started = Date.now();
  if (!options.transform) await useBuiltScripts();
  if (options.realPath) {
    await realPath(options, started);
    return;
  }
  if (options.replicas) {
    await replicas(options, started);
    return;
  }
  const pgProblem =
    !options.skipLoad && options.databases.includes('postgres')
      ? await postgresReachable()
      : undefined;
  const results: SizeResult[] = [];
  for (const size of options.sizes) {
    results.push(await measureSize(size, options, pgProblem));
  }
  printResults(results, options);
  const report = writeReport(results, options, started);
  if (options.smoke) {
    const problems = smokeProblems(results, options);
    if (problems.length > 0) {
      console.log(`\nbench:smoke FAILED:\n- ${problems.join('\n- ')}`);
      process.exit(1);
    }
    console.log(
      `\nbench:smoke OK: ${options.sizes.join(', ')} measured end to end in ${
        report.durationS
      } s`,
    );
  } else {
    console.log(
      `\nbench done: ${options.sizes.join(', ')} in ${report.durationS} s`,
    );
  }
  process.exit(0);
}

/** `--real-path`: PostgreSQL is required, so an unreachable one fails the run. */
async function realPath(options: Options, started: number) {
  const pgProblem = await postgresReachable();
  if (pgProblem) throw new Error(pgProblem);
  const results: RealPathResult[] = [];
  for (const size of options.sizes) {
    results.push(await measureRealPath(size, options));
  }
  printRealPath(results, options);
  const report = writeReport(results, options, started);
  console.log(
    `\nbench real path done: ${options.sizes.join(', ')} in ${
      report.durationS
    } s`,
  );
  process.exit(0);
}

/** `--replicas`: PostgreSQL is required, so an unreachable one fails the run. */
async function replicas(options: Options, started: number) {
  const pgProblem = await postgresReachable();
  if (pgProblem) throw new Error(pgProblem);
  const results: ReplicasResult[] = [];
  for (const size of options.sizes) {
    results.push(await measureReplicas(size, options));
  }
  printReplicas(results);
  const report = writeReport(results, options, started);
  console.log(
    `\nbench replicas done: ${options.sizes.join(', ')} in ${
      report.durationS
    } s`,
  );
  process.exit(0);
}

main().catch(error => {
  console.error(error);
  console.log(`\nbench FAILED: ${(error as Error).message.split('\n')[0]}`);
  process.exit(1);
});
