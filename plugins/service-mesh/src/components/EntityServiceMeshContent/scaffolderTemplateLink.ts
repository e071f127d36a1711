import { parseEntityRef } from '@backstage/catalog-model';
import { configApiRef, useApi } from '@backstage/core-plugin-api';
import { MigrationTarget } from '@meshwise/backstage-plugin-service-mesh-common';

/** The template `@meshwise/backstage-plugin-scaffolder-backend-module-service-mesh` ships. */
export const DEFAULT_SCAFFOLDER_TEMPLATE =
  'template:default/move-service-to-mesh';

/**
 * The Scaffolder template that opens a pull request with a plan
 * (`serviceMesh.scaffolderTemplate`), or undefined when the app has none:
 * the setting is `false` or empty, or not a template ref.
 */
export function useScaffolderTemplate():
  | { namespace: string; name: string }
  | undefined {
  const config = useApi(configApiRef);
  const value = config.getOptional('serviceMesh.scaffolderTemplate');
  if (value === false || value === '') return undefined;
  const ref =
    typeof value === 'string' ? value.trim() : DEFAULT_SCAFFOLDER_TEMPLATE;
  try {
    const parsed = parseEntityRef(ref, {
      defaultKind: 'template',
      defaultNamespace: 'default',
    });
    return parsed.kind.toLocaleLowerCase('en-US') === 'template'
      ? parsed
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The Scaffolder's page for the template, its form filled in with the
 * service and the target (`?formData=` takes the parameters as JSON). The
 * Scaffolder is where apps mount it by default, `/create`.
 */
export function scaffolderTemplatePath(
  template: { namespace: string; name: string },
  values: { entityRef: string; target: MigrationTarget },
): string {
  const part = encodeURIComponent;
  return `/create/templates/${part(template.namespace)}/${part(
    template.name,
  )}?formData=${part(JSON.stringify(values))}`;
}
