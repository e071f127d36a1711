import { Document } from 'yaml';
import { MigrationPlan, MigrationStep } from './types';

export { patchCommand } from '@meshwise/backstage-plugin-service-mesh-common';

function stepHeader(step: MigrationStep): string {
  return `Step ${step.order} (${step.kind}): ${step.title}`;
}

/**
 * Every manifest of the plan as one multi-document YAML. Each document starts
 * with a comment naming its step and what it does; a patch document holds
 * the patch body (usable with `kubectl patch --patch-file`) and its comment
 * names the target and the patch type.
 */
export function renderPlanYaml(
  plan: Pick<MigrationPlan, 'steps' | 'target' | 'service'>,
): string {
  const documents: string[] = [];
  for (const step of plan.steps) {
    for (const manifest of step.manifests) {
      const lines = [stepHeader(step), manifest.description];
      const channel = manifest.gatewayApiChannel;
      if (channel)
        lines.push(
          `Gateway API channel: ${channel.channel}${
            channel.fields.length > 0
              ? ` (for ${channel.fields.join(', ')})`
              : ''
          }`,
        );
      let value: unknown;
      if (manifest.object) {
        value = manifest.object;
      } else if (manifest.patch) {
        const { target, type } = manifest.patch;
        lines.push(
          `PATCH ${target.kind} ${
            target.namespace ? `${target.namespace}/` : ''
          }${target.name} (${type}): kubectl patch ${
            target.apiVersion?.includes('.')
              ? `${target.kind.toLowerCase()}s.${
                  target.apiVersion.split('/')[0]
                }`
              : target.kind.toLowerCase()
          } ${target.name}${
            target.namespace ? ` -n ${target.namespace}` : ''
          } --type ${
            type === 'json-merge' ? 'merge' : 'strategic'
          } --patch-file <this document>`,
        );
        value = manifest.patch.body;
      } else {
        continue;
      }
      const document = new Document(value);
      document.commentBefore = lines
        .flatMap(line => line.split('\n'))
        .map(line => ` ${line}`)
        .join('\n');
      documents.push(`---\n${document.toString({ lineWidth: 0 })}`);
    }
  }
  return documents.length > 0
    ? documents.join('')
    : `# Meshwise migration plan for ${plan.service} -> ${plan.target}: no manifests\n`;
}
