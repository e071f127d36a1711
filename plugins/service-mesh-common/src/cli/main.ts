/**
 * The `meshwise-check` command. Node-only: it reads files, so it lives
 * outside the engine and nothing in `src/index.ts` imports it.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { parseCliArgs, USAGE } from './args';
import { buildCheckReport, checkReportJson, formatCheckReport } from './report';

const MANIFEST = /\.(ya?ml|json|yaml\.template)$/i;

async function manifestPaths(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true });
  const nested = await Promise.all(
    entries
      .filter(
        entry => !entry.name.startsWith('.') && entry.name !== 'node_modules',
      )
      .map(async entry => {
        const path = join(directory, entry.name);
        if (entry.isDirectory()) return manifestPaths(path);
        return entry.isFile() && MANIFEST.test(entry.name) ? [path] : [];
      }),
  );
  return nested.flat().sort();
}

export async function runMeshwiseCheck(
  argv: readonly string[],
): Promise<number> {
  const options = parseCliArgs(argv);
  if ('error' in options) {
    process.stderr.write(
      `${
        options.error ? `meshwise-check: ${options.error}\n\n` : ''
      }${USAGE}\n`,
    );
    return 2;
  }
  // `npm run meshwise-check -- <dir>` runs in the repository root; resolve
  // <dir> against where the user typed the command.
  const directory = resolve(
    process.env.INIT_CWD ?? process.cwd(),
    options.directory,
  );
  const info = await stat(directory).catch(() => undefined);
  if (!info?.isDirectory()) {
    process.stderr.write(
      `meshwise-check: ${directory} is not a directory\n\n${USAGE}\n`,
    );
    return 2;
  }
  const paths = await manifestPaths(directory);
  const files = await Promise.all(
    paths.map(async path => ({
      path: relative(directory, path),
      content: await readFile(path, 'utf8'),
    })),
  );
  const report = buildCheckReport(files, options.target);
  process.stdout.write(
    options.json
      ? checkReportJson(report, directory)
      : formatCheckReport(report, directory),
  );
  return report.exitCode;
}

if (require.main === module || process.env.MESHWISE_CHECK_RUN === '1') {
  runMeshwiseCheck(process.argv.slice(2)).then(
    code => {
      process.exitCode = code;
    },
    error => {
      process.stderr.write(
        `meshwise-check: ${
          error instanceof Error ? error.stack : String(error)
        }\n`,
      );
      process.exitCode = 2;
    },
  );
}
