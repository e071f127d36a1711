/** `meshwise <command>`: dispatches to the subcommands. */
import { runCheckCommand } from './checkCommand';
import { CommandIo, EXIT_OK, EXIT_USAGE } from './io';
import { runPlanCommand } from './planCommand';

const COMMANDS = {
  check: runCheckCommand,
  plan: runPlanCommand,
} as const;

export const MESHWISE_USAGE = `Usage: meshwise <command> [options]

Commands:
  check <dir> [--format text|json|sarif] [--mesh <target>]
      readiness of every workload in the manifests under <dir>; exits 1 when
      one has a blocking finding for the target mesh
  plan <dir> --selector <labels> --target <target> [--namespace <ns>]
       [--format text|json]
      the migration plan of the selected workloads (steps, manifests as
      YAML, manual actions), as the Mesh tab shows it

Run meshwise <command> --help for a command's options.

Exit codes, the same for every format:
  0  done (check: no blocking finding)
  1  check only: at least one workload has a blocking finding
  2  usage or input error`;

export async function runMeshwise(
  argv: readonly string[],
  io: CommandIo,
): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    io.stdout(`${MESHWISE_USAGE}\n`);
    return EXIT_OK;
  }
  if (command === 'check' || command === 'plan') {
    return COMMANDS[command](rest, `meshwise ${command}`, io);
  }
  io.stderr(
    `meshwise: ${
      command === undefined ? 'missing command' : `unknown command ${command}`
    }\n\n${MESHWISE_USAGE}\n`,
  );
  return EXIT_USAGE;
}
