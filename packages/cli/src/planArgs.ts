import {
  MIGRATION_TARGETS,
  MigrationTarget,
} from '@meshwise/backstage-plugin-service-mesh-common';
import {
  LabelSelectorSyntaxError,
  parseLabelSelector,
} from '@meshwise/mesh-engine';
import { PLAN_FORMATS, resolveOutputFormat } from './outputFormat';

export interface PlanOptions {
  directory: string;
  /** The string form, as in `backstage.io/kubernetes-label-selector`. */
  labelSelector: string;
  namespace?: string;
  target: MigrationTarget;
  /** The name the plan gives the service (the Mesh tab uses the entity's name). */
  service?: string;
  format: (typeof PLAN_FORMATS)[number];
}

/** The valid targets, one per line, for usage and error messages. */
export function migrationTargetList(indent: string): string {
  const width = Math.max(...MIGRATION_TARGETS.map(t => t.id.length));
  return MIGRATION_TARGETS.map(
    target => `${indent}${target.id.padEnd(width)}  ${target.label}`,
  ).join('\n');
}

export function planUsage(program: string): string {
  return `Usage: ${program} <dir> --selector <labels> --target <target> [--namespace <ns>] [--service <name>] [--format text|json]

Prints the migration plan of the workloads under <dir> (*.yaml, *.yml,
*.yaml.template, *.json, recursively) that match --selector: the plan the
Mesh tab of Backstage shows (steps, manifests as YAML, manual actions).

  --selector <labels>  the service's workloads, as Backstage's
                       backstage.io/kubernetes-label-selector: app=cart,tier=web
  --namespace <ns>     only workloads in this namespace
  --target <target>    where to migrate; one of
${migrationTargetList('                         ')}
  --service <name>     the service name the plan uses (default: the workloads'
                       shared app label)
  --format <format>    text (default): the steps, their manifests as YAML and
                       the manual actions; json: the plan object (steps,
                       manualActions, yaml)
  --json               the same as --format json

Exit codes, the same for every format:
  0  the plan was printed (manual actions and blocking findings do not change it)
  2  usage or input error (no such directory, no manifests, nothing selected);
     nothing is printed on stdout`;
}

const VALUE_OPTIONS = [
  'selector',
  'namespace',
  'target',
  'service',
  'format',
] as const;
type ValueOption = (typeof VALUE_OPTIONS)[number];

/**
 * Parses `plan`'s command line; returns a message that says what to do
 * instead of throwing (an empty message: help was asked for).
 */
export function parsePlanArgs(
  argv: readonly string[],
): PlanOptions | { error: string } {
  let directory: string | undefined;
  let json = false;
  const values: Partial<Record<ValueOption, string>> = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const option = VALUE_OPTIONS.find(
      name => arg === `--${name}` || arg.startsWith(`--${name}=`),
    );
    if (option) {
      const value =
        arg === `--${option}` ? argv[(i += 1)] : arg.slice(option.length + 3);
      if (value === undefined || value.trim() === '' || value.startsWith('--'))
        return { error: `--${option} needs a value` };
      values[option] = value.trim();
    } else if (arg === '--json') {
      json = true;
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
  const missing = [
    !directory && '<dir> (the directory of manifests)',
    !values.selector &&
      '--selector <labels> (the workloads of the service, e.g. --selector app=cart)',
    !values.target &&
      `--target <target> (one of ${MIGRATION_TARGETS.map(t => t.id).join(
        ', ',
      )})`,
  ].filter((entry): entry is string => Boolean(entry));
  if (missing.length > 0) return { error: `missing ${missing.join('; ')}` };
  const format = resolveOutputFormat(PLAN_FORMATS, values.format, json);
  if (typeof format !== 'string') return format;

  const target = MIGRATION_TARGETS.find(t => t.id === values.target)?.id;
  if (!target) {
    return {
      error: `unknown target "${
        values.target
      }"; use one of:\n${migrationTargetList('  ')}`,
    };
  }
  try {
    parseLabelSelector(values.selector!);
  } catch (error) {
    if (!(error instanceof LabelSelectorSyntaxError)) throw error;
    return {
      error: `${error.message}; write it as Backstage's backstage.io/kubernetes-label-selector, e.g. --selector app=cart or --selector 'app=cart,tier in (web,api)'`,
    };
  }
  return {
    directory: directory!,
    labelSelector: values.selector!,
    namespace: values.namespace,
    target,
    service: values.service,
    format,
  };
}
