import {
  AuthService,
  DiscoveryService,
  resolveSafeChildPath,
} from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  isMigrationTarget,
  MIGRATION_TARGETS,
  MigrationTarget,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, posix, relative, sep } from 'node:path';
import { fetchMigrationPlan } from './fetchMigrationPlan';
import { planFiles } from './planFiles';
import { planSummary } from './planReadme';

export const WRITE_MIGRATION_PLAN_ACTION_ID = 'meshwise:migration-plan:write';

const TARGET_IDS = MIGRATION_TARGETS.map(t => t.id) as [
  MigrationTarget,
  ...MigrationTarget[],
];

function entityOf(entityRef: string): CompoundEntityRef {
  try {
    return parseEntityRef(entityRef, {
      defaultKind: 'component',
      defaultNamespace: 'default',
    });
  } catch (error) {
    throw new InputError(
      `Input "entityRef" must be an entity ref like component:default/shipping, got ${JSON.stringify(
        entityRef,
      )}`,
    );
  }
}

/**
 * `meshwise:migration-plan:write`: fetches the migration plan the
 * service-mesh backend generates for a service and a target, and writes it
 * into the workspace: one YAML file per manifest, numbered in the order to
 * apply them (the backend's YAML text, comments included), and a README of
 * the steps and the manual actions. It only reads and writes the
 * workspace, so it runs in dry runs too.
 *
 * @public
 */
export function createWriteMigrationPlanAction(options: {
  discovery: DiscoveryService;
  auth: AuthService;
}) {
  const { discovery, auth } = options;
  return createTemplateAction({
    id: WRITE_MIGRATION_PLAN_ACTION_ID,
    description:
      "Writes a service's Meshwise migration plan for a target into the workspace: the manifests, numbered in the order to apply them, and a README.md of the steps and of what to do by hand.",
    supportsDryRun: true,
    examples: [
      {
        description: 'The plan to move shipping to Linkerd',
        example: [
          'steps:',
          '  - id: plan',
          '    action: meshwise:migration-plan:write',
          '    input:',
          '      entityRef: component:default/shipping',
          '      target: linkerd',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        entityRef: z =>
          z.string({
            description:
              'The service, as an entity ref: component:default/shipping',
          }),
        target: z =>
          z.enum(TARGET_IDS, {
            description: `Where to move it: ${MIGRATION_TARGETS.map(
              t => `${t.id} (${t.label})`,
            ).join(', ')}`,
          }),
        targetPath: z =>
          z
            .string({
              description:
                'Where to write the files, relative to the workspace. Default: meshwise/<service>-<target>',
            })
            .optional(),
      },
      output: {
        path: z =>
          z.string({
            description: 'The directory written, relative to the workspace',
          }),
        files: z =>
          z.array(z.string(), {
            description:
              'The files written, relative to the workspace: the manifests in the order to apply them, then README.md',
          }),
        summary: z =>
          z.string({
            description:
              'A few lines of Markdown on the plan, for a pull request description',
          }),
        manualActions: z =>
          z.number({
            description: 'How many actions the plan leaves to do by hand',
          }),
        service: z => z.string({ description: "The service's name" }),
        targetLabel: z =>
          z.string({ description: 'The name of the target: Linkerd' }),
      },
    },
    async handler(ctx) {
      const entity = entityOf(ctx.input.entityRef);
      const entityRef = stringifyEntityRef(entity);
      const { target } = ctx.input;
      if (!isMigrationTarget(target)) {
        throw new InputError(
          `Input "target" must be one of ${TARGET_IDS.join(
            ', ',
          )}, got ${JSON.stringify(target)}`,
        );
      }
      const targetLabel = MIGRATION_TARGETS.find(t => t.id === target)!.label;
      const targetPath =
        ctx.input.targetPath ||
        `meshwise/${entity.name.toLocaleLowerCase('en-US')}-${target}`;
      let directory: string;
      try {
        directory = resolveSafeChildPath(ctx.workspacePath, targetPath);
      } catch {
        throw new InputError(
          `Input "targetPath" must stay inside the workspace, got ${JSON.stringify(
            targetPath,
          )}`,
        );
      }

      ctx.logger.info(
        `Reading the migration plan of ${entityRef} for ${targetLabel}`,
      );
      const plan = await fetchMigrationPlan({
        discovery,
        auth,
        credentials: await ctx.getInitiatorCredentials(),
        entity,
        target,
        signal: ctx.signal,
      });

      const { manifests, files } = planFiles(plan, { entityRef, targetLabel });
      await mkdir(directory, { recursive: true });
      for (const file of files) {
        await writeFile(join(directory, file.name), file.content, 'utf8');
      }
      const path =
        relative(ctx.workspacePath, directory).split(sep).join(posix.sep) ||
        '.';
      const written = files.map(file => posix.join(path, file.name));
      ctx.logger.info(
        `Wrote ${manifests.length} manifests and README.md to ${path}; ${plan.manualActions.length} actions to do by hand`,
      );

      ctx.output('path', path);
      ctx.output('files', written);
      ctx.output(
        'summary',
        planSummary(plan, {
          entityRef,
          targetLabel,
          path,
          manifestCount: manifests.length,
        }),
      );
      ctx.output('manualActions', plan.manualActions.length);
      ctx.output('service', plan.service);
      ctx.output('targetLabel', targetLabel);
    },
  });
}
