/**
 * `meshwise check` (and its alias `meshwise-check`): readiness of every
 * workload in a directory of manifests, gated on one mesh.
 */
import { resolve } from 'node:path';
import { checkUsage, parseCliArgs } from './args';
import { CommandIo, EXIT_OK, EXIT_USAGE } from './io';
import {
  formatSkippedFiles,
  readManifestDirectory,
  userBaseDirectory,
} from './manifestFiles';
import { buildCheckReport, checkReportJson, formatCheckReport } from './report';
import { checkReportSarif } from './sarif';

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
  const baseDirectory = userBaseDirectory();
  const read = await readManifestDirectory(
    resolve(baseDirectory, options.directory),
  );
  if ('error' in read) {
    io.stderr(`${program}: ${read.error}\n\n${usage}\n`);
    return EXIT_USAGE;
  }
  io.stderr(formatSkippedFiles(program, read.skipped));
  const report = buildCheckReport(read.files, options.target);
  const output = {
    text: () => formatCheckReport(report, read.directory),
    json: () => checkReportJson(report, read.directory),
    sarif: () =>
      checkReportSarif({
        report,
        files: read.files,
        skipped: read.skipped,
        directory: options.directory,
        baseDirectory,
      }),
  };
  io.stdout(output[options.format]());
  return report.exitCode;
}
