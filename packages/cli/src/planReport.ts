import {
  MIGRATION_TARGETS,
  MigrationPlan,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { ParseFinding, renderPlanYaml, Workload } from '@meshwise/mesh-engine';

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map(line => (line ? `${prefix}${line}` : line))
    .join('\n');
}

/**
 * The plan as a reader goes through it: each step (title, explanation,
 * commands, then its manifests as YAML, rendered as in the plan's `yaml`),
 * then the manual actions.
 */
export function formatPlanReport(
  plan: MigrationPlan,
  workloads: readonly Workload[],
  directory: string,
): string {
  const label = MIGRATION_TARGETS.find(t => t.id === plan.target)?.label;
  const out: string[] = [
    `meshwise plan: ${plan.service} to ${label ?? plan.target}; ${
      plan.steps.length
    } steps, ${plan.manualActions.length} manual actions`,
    `workloads: ${workloads.map(w => w.id).join(', ')} (from ${directory})`,
  ];
  for (const step of plan.steps) {
    out.push('', `Step ${step.order} (${step.kind}): ${step.title}`);
    out.push(indent(step.explanation, '  '));
    if (step.commands?.length) {
      out.push('  Commands:');
      for (const command of step.commands) out.push(`    $ ${command}`);
    }
    if (step.manifests.length > 0) {
      out.push(`  Manifests (${step.manifests.length}):`);
      out.push(renderPlanYaml({ ...plan, steps: [step] }).trimEnd());
    }
  }
  out.push('', `Manual actions (${plan.manualActions.length}):`);
  if (plan.manualActions.length === 0) out.push('  none');
  plan.manualActions.forEach((action, i) => {
    out.push(indent(`${i + 1}. ${action.what}`, '  '));
    out.push(indent(`why: ${action.why}`, '     '));
    out.push(indent(`source: ${action.source}`, '     '));
  });
  return `${out.join('\n')}\n`;
}

/** The `--json` output: the plan object, unchanged. */
export function planJson(plan: MigrationPlan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}

/** Parse findings (unparsable documents, conflicting definitions) as warnings. */
export function formatParseWarnings(
  program: string,
  findings: readonly ParseFinding[],
): string {
  return findings
    .map(
      finding =>
        `${program}: warning: ${finding.file} document ${
          finding.documentIndex
        }${
          finding.itemIndex === undefined ? '' : ` item ${finding.itemIndex}`
        }: ${finding.message}\n`,
    )
    .join('');
}
