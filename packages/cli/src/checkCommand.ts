/**
 * `meshwise check` (and its alias `meshwise-check`): readiness of every
 * workload in a directory of manifests, gated on one mesh.
 */
import { checkUsage, parseCliArgs } from './args';
import { CommandIo, EXIT_OK, EXIT_USAGE } from './io';
import {
  formatSkippedFiles,
  readManifestDirectory,
  resolveUserDirectory,
} from './manifestFiles';
import { buildCheckReport, checkReportJson, formatCheckReport } from './report';

export async function runCheckCommand(
  argv: readonly string[],
  program: string,
  io: CommandIo,
): Promise<number> {
  const usage = checkUsage(program);
  const options = parseCliArgs(argv);
  if ('error' in options) {
    if (!options.error) {
      io.stdout(`${usage}\n`);
      return EXIT_OK;
    }
    io.stderr(`${program}: ${options.error}\n\n${usage}\n`);
    return EXIT_USAGE;
  }
  const read = await readManifestDirectory(
    resolveUserDirectory(options.directory),
  );
  if ('error' in read) {
    io.stderr(`${program}: ${read.error}\n\n${usage}\n`);
    return EXIT_USAGE;
  }
  io.stderr(formatSkippedFiles(program, read.skipped));
  const report = buildCheckReport(read.files, options.target);
  io.stdout(
    options.json
      ? checkReportJson(report, read.directory)
      : formatCheckReport(report, read.directory),
  );
  return report.exitCode;
}
