/** Where a command writes; the process streams, or buffers in tests. */
export interface CommandIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

export const processIo: CommandIo = {
  stdout: text => process.stdout.write(text),
  stderr: text => process.stderr.write(text),
};

/** Exit codes shared by every subcommand. */
export const EXIT_OK = 0;
export const EXIT_USAGE = 2;
