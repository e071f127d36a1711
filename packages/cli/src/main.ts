/**
 * The process entry of the command line, called by the launchers in `bin/`.
 * Node-only: it reads files, so it lives outside the engine and nothing in
 * `src/index.ts` imports it.
 */
import { runCheckCommand } from './checkCommand';
import { EXIT_USAGE, processIo } from './io';
import { runMeshwise } from './meshwise';

/** Runs `meshwise <argv>` and sets the exit code; `meshwise-check` runs `check` under its own name. */
export function main(
  argv: readonly string[],
  program: 'meshwise' | 'meshwise-check' = 'meshwise',
): void {
  // `meshwise plan ... | head` closes the pipe early: that is no failure.
  process.stdout.on('error', error => {
    if ((error as NodeJS.ErrnoException).code === 'EPIPE') process.exit(0);
    throw error;
  });
  const run =
    program === 'meshwise-check'
      ? runCheckCommand(argv, program, processIo)
      : runMeshwise(argv, processIo);
  run.then(
    code => {
      process.exitCode = code;
    },
    error => {
      process.stderr.write(
        `${program}: ${error instanceof Error ? error.stack : String(error)}\n`,
      );
      process.exitCode = EXIT_USAGE;
    },
  );
}
