import {
  READINESS_TARGET_MESHES,
  ReadinessTargetMesh,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { CHECK_FORMATS, resolveOutputFormat } from './outputFormat';

export type CheckFormat = (typeof CHECK_FORMATS)[number];

export interface CliOptions {
  directory: string;
  format: CheckFormat;
  target: ReadinessTargetMesh;
}

/** Usage of the check command; `program` is how it was invoked. */
export function checkUsage(program: string): string {
  return `Usage: ${program} <dir> [--format text|json|sarif] [--mesh <target>]

Assesses every workload in the Kubernetes manifests under <dir> (*.yaml, *.yml,
*.yaml.template, *.json, recursively) for service-mesh readiness.

  --format <format>  text (default): findings grouped by workload;
                     json: the full assessment of every workload;
                     sarif: SARIF 2.1.0 for code scanning (GitHub shows the
                     findings on the manifests' lines in pull requests)
  --json             the same as --format json
  --mesh <target>    the mesh to gate on (default: istio-sidecar); one of
                     ${READINESS_TARGET_MESHES.join(', ')}

Exit codes, the same for every format:
  0  no workload has a blocking finding for the target
  1  at least one workload has a blocking finding (severity error) for the target
  2  usage or input error (unknown option, format or mesh; <dir> missing or not
     a directory); nothing is printed on stdout`;
}

export const USAGE = checkUsage('meshwise-check');

/**
 * Parses the command line; returns a message instead of throwing on misuse
 * (an empty message: help was asked for).
 */
export function parseCliArgs(
  argv: readonly string[],
): CliOptions | { error: string } {
  let directory: string | undefined;
  let json = false;
  let format: string | undefined;
  let target: string = 'istio-sidecar';
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--json') {
      json = true;
    } else if (arg === '--mesh' || arg.startsWith('--mesh=')) {
      const value =
        arg === '--mesh' ? argv[(i += 1)] : arg.slice('--mesh='.length);
      if (!value) return { error: '--mesh needs a value' };
      target = value;
    } else if (arg === '--format' || arg.startsWith('--format=')) {
      const value =
        arg === '--format' ? argv[(i += 1)] : arg.slice('--format='.length);
      if (!value) return { error: '--format needs a value' };
      format = value;
    } else if (arg === '--help' || arg === '-h') {
      return { error: '' };
    } else if (arg.startsWith('-')) {
      return { error: `unknown option ${arg}` };
    } else if (directory === undefined) {
      directory = arg;
    } else {
      return { error: `unexpected argument ${arg}` };
    }
  }
  if (!directory) return { error: 'missing <dir>' };
  const output = resolveOutputFormat(CHECK_FORMATS, format, json);
  if (typeof output !== 'string') return output;
  const mesh = READINESS_TARGET_MESHES.find(candidate => candidate === target);
  if (!mesh) {
    return {
      error: `unknown mesh "${target}"; use one of ${READINESS_TARGET_MESHES.join(
        ', ',
      )}`,
    };
  }
  return { directory, format: output, target: mesh };
}
