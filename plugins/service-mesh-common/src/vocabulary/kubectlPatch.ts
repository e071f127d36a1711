import type { MigrationManifest } from '../model/migrationPlan';

/**
 * How a plan's patch is applied by hand. Part of the contract so the browser
 * shows the same command as the CLI without bundling the plan renderer.
 */

/** Quotes text for a POSIX shell. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function kubectlPatchCommand(manifest: MigrationManifest): string | undefined {
  const patch = manifest.patch;
  if (!patch) return undefined;
  const { target } = patch;
  const resource = target.apiVersion?.includes('.')
    ? `${target.kind.toLowerCase()}s.${target.apiVersion.split('/')[0]}`
    : target.kind.toLowerCase();
  return [
    'kubectl patch',
    resource,
    shellQuote(target.name),
    ...(target.namespace ? ['-n', shellQuote(target.namespace)] : []),
    `--type ${patch.type === 'json-merge' ? 'merge' : 'strategic'}`,
    `-p ${shellQuote(JSON.stringify(patch.body))}`,
  ].join(' ');
}

/** The `kubectl patch` command that applies a patch manifest, or undefined for objects. */
export function patchCommand(manifest: MigrationManifest): string | undefined {
  return kubectlPatchCommand(manifest);
}
