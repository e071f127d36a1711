import {
  READINESS_TARGET_MESHES,
  ReadinessTargetMesh,
} from '@meshwise/backstage-plugin-service-mesh-common';

export interface CliOptions {
  directory: string;
  json: boolean;
  target: ReadinessTargetMesh;
}

/** Usage of the check command; `program` is how it was invoked. */
export function checkUsage(program: string): string {
  return `Usage: ${program} <dir> [--json] [--mesh <target>]

Assesses every workload in the Kubernetes manifests under <dir> (*.yaml, *.yml,
*.yaml.template, *.json, recursively) for service-mesh readiness.

  --json           print the full assessment as JSON
  --mesh <target>  the mesh to gate on (default: istio-sidecar); one of
                   ${READINESS_TARGET_MESHES.join(', ')}

Exit codes: 0 no blocking finding for the target, 1 at least one workload has a
blocking finding for the target, 2 usage error.`;
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
  const mesh = READINESS_TARGET_MESHES.find(candidate => candidate === target);
  if (!mesh) {
    return {
      error: `unknown mesh "${target}"; use one of ${READINESS_TARGET_MESHES.join(
        ', ',
      )}`,
    };
  }
  return { directory, json, target: mesh };
}
