/**
 * Running measurements in child processes, so that each has its own heap and
 * its peak RSS (`process.resourceUsage().maxRSS`) is its own.
 */
import { ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import { buildMeasuringScripts } from './build';

const NODE_TRANSFORM = require.resolve(
  '@backstage/cli/config/nodeTransform.cjs',
);

/** Where the bundled scripts are, once `useBuiltScripts` has built them. */
let builtDir: string | undefined;

/**
 * Runs every child from its bundle (see `build.ts`) instead of its
 * TypeScript source under the development transform.
 */
export async function useBuiltScripts(): Promise<void> {
  builtDir = await buildMeasuringScripts();
}

export interface ChildOptions {
  /** Extra node flags, e.g. `--cpu-prof`. */
  execArgv?: string[];
  /** Print the child's stderr (stdout is always passed through). */
  quiet?: boolean;
  /** Where the child's stdout goes (default: this process's stdout). */
  stdout?: 'inherit' | 'ignore' | number;
}

export interface Child {
  process: ChildProcess;
  /** Resolves with the next message of the given type. */
  next<T = any>(type: string): Promise<T>;
  send(message: object): void;
  exited: Promise<number | null>;
}

export function startChild(
  script: string,
  args: string[],
  options: ChildOptions = {},
): Child {
  const child = fork(
    builtDir
      ? path.join(builtDir, script.replace(/\.ts$/, '.js'))
      : path.resolve(__dirname, script),
    args,
    {
      execArgv: [
        ...(builtDir ? [] : ['--require', NODE_TRANSFORM]),
        ...(options.execArgv ?? []),
      ],
      stdio: [
        'ignore',
        options.stdout ?? 'inherit',
        options.quiet ? 'pipe' : 'inherit',
        'ipc',
      ],
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
  let stderr = '';
  child.stderr?.on('data', chunk => {
    stderr = (stderr + chunk).slice(-8000);
  });
  const waiting = new Map<string, ((m: any) => void)[]>();
  const queued: any[] = [];
  child.on('message', (message: any) => {
    const list = waiting.get(message.type);
    if (list?.length) list.shift()!(message);
    else queued.push(message);
  });
  const exited = new Promise<number | null>(resolve =>
    child.on('exit', code => resolve(code)),
  );
  return {
    process: child,
    send: message => child.send(message),
    exited,
    next(type) {
      const index = queued.findIndex(m => m.type === type);
      if (index >= 0) return Promise.resolve(queued.splice(index, 1)[0]);
      return new Promise((resolve, reject) => {
        const list = waiting.get(type) ?? [];
        list.push(resolve);
        waiting.set(type, list);
        exited.then(code =>
          reject(
            new Error(
              `${script} exited (${code}) before sending "${type}"${
                stderr ? `:\n${stderr}` : ''
              }`,
            ),
          ),
        );
      });
    },
  };
}

/** Runs a measurement child to its `result` message and its exit. */
export async function runMeasurement<T>(
  script: string,
  args: string[],
  options: ChildOptions = {},
): Promise<T> {
  const child = startChild(script, args, options);
  const result = await child.next<{ type: 'result'; value: T }>('result');
  await child.exited;
  return result.value;
}

/** Peak RSS of this process so far, in MB. */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}
