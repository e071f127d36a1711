import {
  MigrationPlan,
  patchCommand,
} from '@meshwise/backstage-plugin-service-mesh-common';
import type { RenderedManifest } from './planFiles';

const STEP_KIND_LABELS: Record<string, string> = {
  prepare: 'Prepare',
  fix: 'Fix',
  enroll: 'Enrol',
  translate: 'Translate',
  cleanup: 'Clean up',
  harden: 'Harden',
  verify: 'Verify',
};

/** Keeps the plan's line breaks in Markdown (the Mesh tab shows them too). */
const lines = (text: string) => text.trim().replace(/\n/g, '  \n');

const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;

function fence(language: string, text: string): string {
  return [`\`\`\`${language}`, text, '```'].join('\n');
}

/**
 * `kubectl patch ... -p '<json>'` (the command the Mesh tab shows) with the
 * patch read from its file instead, the file the pull request shows.
 */
function withPatchFile(command: string, file: string): string {
  const inline = / -p '(?:[^']|'\\'')*'$/;
  return inline.test(command)
    ? command.replace(inline, ` --patch-file ${file}`)
    : command;
}

/**
 * The plan as a README: its steps in order (what each does and why, its
 * files and how to apply them, its commands), then what the plan cannot do
 * and must be done by hand, as the Mesh tab shows them.
 */
export function planReadme(
  plan: MigrationPlan,
  manifests: RenderedManifest[],
  options: { entityRef: string; targetLabel: string },
): string {
  const out: string[] = [
    `# Move ${plan.service} to ${options.targetLabel}`,
    '',
    `The migration plan Meshwise generated for ${code(
      options.entityRef,
    )} from the cluster state it read. Apply it one step at a time, in order: the files are numbered in the order to apply them. Check each step before the next.`,
    '',
    '## Steps',
  ];
  for (const step of plan.steps) {
    const kind = STEP_KIND_LABELS[step.kind] ?? step.kind;
    out.push(
      '',
      `### ${step.order}. ${step.title}${
        kind.toLocaleLowerCase('en-US') ===
        step.title.toLocaleLowerCase('en-US')
          ? ''
          : ` (${kind})`
      }`,
      '',
      lines(step.explanation),
    );
    const items = step.manifests.map(manifest => {
      const rendered = manifests.find(m => m.manifest === manifest);
      if (!rendered) return `- ${lines(manifest.description)}`;
      const { name } = rendered.file;
      const apply = manifest.patch
        ? withPatchFile(patchCommand(manifest)!, name)
        : `kubectl apply -f ${name}`;
      return [
        `- ${manifest.patch ? 'Patch: ' : ''}[${code(name)}](${name}): ${lines(
          manifest.description,
        )}`,
        `  ${code(apply)}`,
      ].join('  \n');
    });
    if (items.length > 0) out.push('', ...items);
    if (step.commands && step.commands.length > 0) {
      out.push('', 'Commands:', '', fence('sh', step.commands.join('\n')));
    }
  }
  out.push('', '## Not carried, do this by hand', '');
  if (plan.manualActions.length === 0) {
    out.push('Nothing: the manifests above carry everything the plan found.');
  } else {
    for (const action of plan.manualActions) {
      out.push(
        `- **${action.what.trim()}**  \n  ${lines(action.why)}  \n  From ${code(
          action.source,
        )}`,
      );
    }
  }
  return `${out.join('\n')}\n`;
}

/**
 * A few lines for a pull request: what the plan does, where its files are,
 * its steps and how much is left to do by hand.
 */
export function planSummary(
  plan: MigrationPlan,
  options: {
    entityRef: string;
    targetLabel: string;
    path: string;
    manifestCount: number;
  },
): string {
  const n = (count: number, one: string, many: string) =>
    `${count} ${count === 1 ? one : many}`;
  const byHand = plan.manualActions.length;
  return [
    `Moves ${code(options.entityRef)} to ${
      options.targetLabel
    } with the migration plan Meshwise generated: ${n(
      plan.steps.length,
      'step',
      'steps',
    )}, ${n(options.manifestCount, 'manifest', 'manifests')} in ${code(
      options.path,
    )}, ${
      byHand === 0
        ? 'nothing to do by hand'
        : `${n(byHand, 'action', 'actions')} to do by hand`
    } (see its README.md).`,
    '',
    ...plan.steps.map(step => `${step.order}. ${step.title}`),
  ].join('\n');
}
