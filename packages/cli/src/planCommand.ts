/** `meshwise plan`: the migration plan of one service, from manifests. */
import { CommandIo, EXIT_OK, EXIT_USAGE } from './io';
import {
  MANIFEST_FILE_KINDS,
  formatSkippedFiles,
  readManifestDirectory,
  resolveUserDirectory,
} from './manifestFiles';
import { parsePlanArgs, planUsage } from './planArgs';
import { planFromManifests } from './planFromManifests';
import { formatParseWarnings, formatPlanReport, planJson } from './planReport';

export async function runPlanCommand(
  argv: readonly string[],
  program: string,
  io: CommandIo,
): Promise<number> {
  const options = parsePlanArgs(argv);
  if ('error' in options) {
    if (!options.error) {
      io.stdout(`${planUsage(program)}\n`);
      return EXIT_OK;
    }
    io.stderr(
      `${program}: ${options.error}\n\nRun ${program} --help for usage.\n`,
    );
    return EXIT_USAGE;
  }
  const fail = (message: string) => {
    io.stderr(`${program}: ${message}\n`);
    return EXIT_USAGE;
  };
  const read = await readManifestDirectory(
    resolveUserDirectory(options.directory),
  );
  if ('error' in read) {
    return fail(`${read.error}; give the directory of the service's manifests`);
  }
  io.stderr(formatSkippedFiles(program, read.skipped));
  if (read.files.length === 0) {
    return fail(
      `no manifest files (${MANIFEST_FILE_KINDS}) under ${read.directory}; give the directory of the service's manifests`,
    );
  }
  const outcome = planFromManifests(read.files, options);
  io.stderr(formatParseWarnings(program, outcome.parseFindings));
  if ('error' in outcome) return fail(outcome.error);
  io.stdout(
    options.format === 'json'
      ? planJson(outcome.plan)
      : formatPlanReport(outcome.plan, outcome.workloads, read.directory),
  );
  return EXIT_OK;
}
