import { z } from 'zod';
import {
  CAPABILITY_IDS,
  type CapabilityId,
} from '@meshwise/backstage-plugin-service-mesh-common';
import {
  describeIssues,
  formatIssuePath,
  issuesFromZod,
  type KnowledgeBaseIssue,
} from './issues';
import { MESH_KNOWLEDGE_BASE } from './knowledgeBase';
import {
  assertValidKnowledgeBase,
  configMeshEntrySchema,
  knowledgeSourceSchema,
  plainKnowledgeCellSchema,
} from './schema';
import type {
  KnowledgeCell,
  KnowledgeSource,
  MeshEntry,
  MeshEntryId,
  MeshKnowledgeBase,
  SupportValue,
} from '@meshwise/backstage-plugin-service-mesh-common';

/**
 * Platform teams correct or extend the knowledge base from app-config:
 *
 * ```yaml
 * serviceMesh:
 *   knowledgeBase:
 *     overrides:
 *       - mesh: linkerd
 *         capability: mirroring
 *         value: supported
 *         note: Verified on our clusters with an HTTPRoute mirror filter.
 *         source: { title: Internal ADR 42, url: https://wiki.example.com/adr/42 }
 *         checkedOn: '2026-12-01'
 *     entries: [] # full entries: a new id adds one, a built-in id replaces it
 * ```
 */
export const KNOWLEDGE_BASE_CONFIG_PATH = 'serviceMesh.knowledgeBase';

export interface KnowledgeCellOverride {
  mesh: MeshEntryId;
  capability: CapabilityId;
  value: SupportValue;
  note: string;
  source: KnowledgeSource;
  checkedOn: string;
}

/** A complete entry from app-config; `origin` is set when it is applied. */
export type ConfiguredMeshEntry = Omit<MeshEntry, 'origin'>;

export interface KnowledgeBaseOverrides {
  overrides: KnowledgeCellOverride[];
  entries: ConfiguredMeshEntry[];
}

const capabilityIdSchema = z.enum(CAPABILITY_IDS, {
  errorMap: (issue, ctx) => ({
    message:
      issue.code === 'invalid_enum_value'
        ? `unknown capability "${String(
            ctx.data,
          )}"; expected one of ${CAPABILITY_IDS.join(', ')}`
        : ctx.defaultError,
  }),
});

const cellOverrideSchema = z
  .object({
    mesh: z.string(),
    capability: capabilityIdSchema,
    value: plainKnowledgeCellSchema.shape.value,
    note: plainKnowledgeCellSchema.shape.note,
    source: knowledgeSourceSchema,
    checkedOn: plainKnowledgeCellSchema.shape.checkedOn,
  })
  .strict();

export const knowledgeBaseConfigSchema = z
  .object({
    overrides: z.array(cellOverrideSchema).default([]),
    entries: z.array(configMeshEntrySchema).default([]),
  })
  .strict();

export class KnowledgeBaseConfigError extends Error {
  readonly issues: KnowledgeBaseIssue[];

  constructor(issues: KnowledgeBaseIssue[]) {
    super(
      `Invalid ${KNOWLEDGE_BASE_CONFIG_PATH} configuration:\n${describeIssues(
        issues,
      )}`,
    );
    this.name = 'KnowledgeBaseConfigError';
    this.issues = issues;
  }
}

/**
 * Reads and checks the `serviceMesh.knowledgeBase` config value (pass
 * `config.getOptional('serviceMesh.knowledgeBase')`). Throws a
 * `KnowledgeBaseConfigError` naming every bad key; absent config means no
 * overrides.
 */
export function readKnowledgeBaseOverrides(
  configValue: unknown,
  kb: MeshKnowledgeBase = MESH_KNOWLEDGE_BASE,
): KnowledgeBaseOverrides {
  if (configValue === undefined || configValue === null) {
    return { overrides: [], entries: [] };
  }
  const parsed = knowledgeBaseConfigSchema.safeParse(configValue);
  if (!parsed.success) {
    throw new KnowledgeBaseConfigError(
      issuesFromZod(KNOWLEDGE_BASE_CONFIG_PATH, parsed.error.issues),
    );
  }
  const config = parsed.data as KnowledgeBaseOverrides;
  const issues = crossCheck(config, kb);
  if (issues.length > 0) {
    throw new KnowledgeBaseConfigError(issues);
  }
  return config;
}

/** Checks that need the whole config and the knowledge base together. */
function crossCheck(
  config: KnowledgeBaseOverrides,
  kb: MeshKnowledgeBase,
): KnowledgeBaseIssue[] {
  const issues: KnowledgeBaseIssue[] = [];
  const at = (...path: Array<string | number>) =>
    formatIssuePath(KNOWLEDGE_BASE_CONFIG_PATH, path);

  const configuredIds = config.entries.map(entry => entry.id);
  const knownIds = [
    ...new Set([...kb.entries.map(entry => entry.id), ...configuredIds]),
  ];

  config.entries.forEach((entry, index) => {
    const first = configuredIds.indexOf(entry.id);
    if (first !== index) {
      issues.push({
        path: at('entries', index, 'id'),
        message: `entry "${entry.id}" is already defined at ${at(
          'entries',
          first,
        )}`,
      });
    }
    entry.lifecycle.successors.forEach((successor, s) => {
      if (!knownIds.includes(successor)) {
        issues.push({
          path: at('entries', index, 'lifecycle', 'successors', s),
          message: `unknown mesh "${successor}"; expected one of ${knownIds.join(
            ', ',
          )}`,
        });
      }
    });
  });

  const seen = new Map<string, number>();
  config.overrides.forEach((override, index) => {
    if (!knownIds.includes(override.mesh)) {
      issues.push({
        path: at('overrides', index, 'mesh'),
        message: `unknown mesh "${
          override.mesh
        }"; expected one of ${knownIds.join(', ')}`,
      });
    }
    const key = `${override.mesh}/${override.capability}`;
    const previous = seen.get(key);
    if (previous !== undefined) {
      issues.push({
        path: at('overrides', index),
        message: `overrides ${key} again; it is already overridden at ${at(
          'overrides',
          previous,
        )}`,
      });
    } else {
      seen.set(key, index);
    }
  });
  return issues;
}

function overrideCell(
  previous: KnowledgeCell,
  override: KnowledgeCellOverride,
): KnowledgeCell {
  const { overridden: _ignored, ...previousPlain } = previous;
  return {
    value: override.value,
    note: override.note,
    source: override.source,
    checkedOn: override.checkedOn,
    overridden: { by: 'app-config', previous: previousPlain },
  };
}

/**
 * Returns a new knowledge base with config entries added (or replacing the
 * built-in entry of the same id, marked `origin: 'app-config'`) and cell
 * overrides applied (marked `overridden`). The input is not modified; the
 * result is validated and an invalid result throws.
 */
export function applyKnowledgeBaseOverrides(
  kb: MeshKnowledgeBase,
  overrides: KnowledgeBaseOverrides,
): MeshKnowledgeBase {
  const configured = new Map(
    overrides.entries.map(entry => [
      entry.id,
      { ...entry, origin: 'app-config' as const },
    ]),
  );
  const entries: MeshEntry[] = [
    ...kb.entries.map(entry => configured.get(entry.id) ?? entry),
    ...[...configured.values()].filter(
      entry => !kb.entries.some(builtIn => builtIn.id === entry.id),
    ),
  ];

  const withCells = entries.map(entry => {
    const mine = overrides.overrides.filter(o => o.mesh === entry.id);
    if (mine.length === 0) {
      return entry;
    }
    const capabilities = { ...entry.capabilities };
    for (const override of mine) {
      capabilities[override.capability] = overrideCell(
        capabilities[override.capability],
        override,
      );
    }
    return { ...entry, capabilities };
  });

  const missing = overrides.overrides.find(
    o => !withCells.some(entry => entry.id === o.mesh),
  );
  if (missing) {
    throw new Error(
      `Cannot override ${missing.mesh}/${missing.capability}: no entry "${missing.mesh}"`,
    );
  }

  const result: MeshKnowledgeBase = {
    capabilities: kb.capabilities,
    entries: withCells,
  };
  assertValidKnowledgeBase(result);
  return result;
}

/** Reads the config value and applies it to `kb` in one step. */
export function loadMeshKnowledgeBase(
  configValue: unknown,
  kb: MeshKnowledgeBase = MESH_KNOWLEDGE_BASE,
): MeshKnowledgeBase {
  return applyKnowledgeBaseOverrides(
    kb,
    readKnowledgeBaseOverrides(configValue, kb),
  );
}
