import {
  MigrationManifest,
  MigrationPlan,
  MigrationStep,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { stringify } from 'yaml';
import { planReadme } from './planReadme';

/** One file to write, relative to the plan's directory. */
export interface PlanFile {
  name: string;
  content: string;
}

/** A manifest the plan renders as YAML (an object or a patch), with its step and file. */
export interface RenderedManifest {
  step: MigrationStep;
  manifest: MigrationManifest;
  file: PlanFile;
}

const safe = (text: string) =>
  text
    .toLocaleLowerCase('en-US')
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/^[-.]+|-+$/g, '') || 'object';

/** `03-enroll-namespace-logistics.yaml`: sorts in the order to apply. */
function fileName(
  position: number,
  width: number,
  step: MigrationStep,
  manifest: MigrationManifest,
): string {
  const named = manifest.object
    ? { kind: manifest.object.kind, name: manifest.object.metadata.name }
    : manifest.patch!.target;
  return `${String(position).padStart(width, '0')}-${safe(step.kind)}-${safe(
    named.kind,
  )}-${safe(named.name)}.yaml`;
}

/**
 * The plan's YAML documents, in step order: the text the backend rendered,
 * comments included (the step, what the manifest does, how to apply a
 * patch). One document per manifest with an object or a patch.
 */
function documentsOf(plan: MigrationPlan, count: number): string[] | undefined {
  const documents = plan.yaml
    .split(/^---$/m)
    .slice(1)
    .map(document => `${document.replace(/^\n/, '').trimEnd()}\n`);
  return documents.length === count ? documents : undefined;
}

/**
 * The files of a plan: each manifest as its own YAML file, numbered in the
 * order to apply them, and a README of the steps and of what is left to do
 * by hand.
 */
export function planFiles(
  plan: MigrationPlan,
  options: { entityRef: string; targetLabel: string },
): { manifests: RenderedManifest[]; files: PlanFile[] } {
  const rendered = plan.steps.flatMap(step =>
    step.manifests
      .filter(manifest => manifest.object || manifest.patch)
      .map(manifest => ({ step, manifest })),
  );
  // A plan from a backend that renders its YAML otherwise still gives every
  // manifest, without the comments.
  const documents =
    documentsOf(plan, rendered.length) ??
    rendered.map(({ step, manifest }) =>
      [
        `# Step ${step.order} (${step.kind}): ${step.title}`,
        `# ${manifest.description.replace(/\n/g, '\n# ')}`,
        stringify(manifest.object ?? manifest.patch?.body, { lineWidth: 0 }),
      ].join('\n'),
    );
  const width = Math.max(2, String(rendered.length).length);
  const manifests = rendered.map(({ step, manifest }, i) => ({
    step,
    manifest,
    file: {
      name: fileName(i + 1, width, step, manifest),
      content: documents[i],
    },
  }));
  return {
    manifests,
    files: [
      ...manifests.map(m => m.file),
      { name: 'README.md', content: planReadme(plan, manifests, options) },
    ],
  };
}
