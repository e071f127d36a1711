import {
  CAPABILITY_AREAS,
  SUPPORT_VALUES,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { z } from 'zod';
import {
  CAPABILITY_IDS,
  type CapabilityId,
} from '@meshwise/backstage-plugin-service-mesh-common';
import {
  describeIssues,
  issuesFromZod,
  type KnowledgeBaseIssue,
} from './issues';
import {
  OVERHEAD_METRICS,
  OVERHEAD_UNITS,
  type MeshKnowledgeBase,
} from '@meshwise/backstage-plugin-service-mesh-common';

/**
 * Zod schemas for the knowledge base. They check the built-in data in tests
 * and the app-config additions at start-up, with the same rules: every cell
 * has a value, a note, a source and a date, and every entry has every row.
 */

import { ENTRY_ID_PATTERN } from '@meshwise/backstage-plugin-service-mesh-common';

function isRealDate(text: string): boolean {
  const [year, month = 1, day = 1] = text.split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
  );
}

/** A full date, `YYYY-MM-DD`. */
const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date in the form YYYY-MM-DD')
  .refine(isRealDate, 'is not a real calendar date');

/** A date as precise as a source gives it: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
const partialDateSchema = z
  .string()
  .regex(
    /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/,
    'must be a date in the form YYYY, YYYY-MM or YYYY-MM-DD',
  )
  .refine(isRealDate, 'is not a real calendar date');

const nonEmptyText = z.string().trim().min(1, 'must not be empty');

const entryIdSchema = z
  .string()
  .regex(ENTRY_ID_PATTERN, 'must be lower-case words joined by "-"');

export const knowledgeSourceSchema = z
  .object({
    title: nonEmptyText,
    url: z
      .string()
      .url('must be a URL')
      .refine(url => /^https?:\/\//.test(url), 'must be an http(s) URL'),
  })
  .strict();

const cellFields = {
  value: z.enum(SUPPORT_VALUES),
  note: nonEmptyText,
  source: knowledgeSourceSchema,
  checkedOn: isoDateSchema,
};

/** A cell as written by hand (built-in data or app-config). */
export const plainKnowledgeCellSchema = z.object(cellFields).strict();

/** A cell as it appears in a knowledge base, possibly overridden. */
export const knowledgeCellSchema = z
  .object({
    ...cellFields,
    overridden: z
      .object({
        by: z.literal('app-config'),
        previous: plainKnowledgeCellSchema.optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

function capabilityRowsSchema<T extends z.ZodTypeAny>(cell: T) {
  const rows = Object.fromEntries(CAPABILITY_IDS.map(id => [id, cell]));
  return z.object(rows as Record<CapabilityId, T>).strict();
}

function factSchema<T extends z.ZodTypeAny>(value: T) {
  return z
    .object({
      value,
      note: nonEmptyText,
      source: knowledgeSourceSchema,
      checkedOn: isoDateSchema,
    })
    .strict();
}

const lifecycleSchema = z
  .object({
    status: z.enum(['active', 'deprecated', 'discontinued', 'archived']),
    since: partialDateSchema.optional(),
    announcedOn: partialDateSchema.optional(),
    note: nonEmptyText,
    source: knowledgeSourceSchema,
    additionalSources: z.array(knowledgeSourceSchema).optional(),
    latestRelease: z
      .object({ version: nonEmptyText, releasedOn: isoDateSchema })
      .strict()
      .optional(),
    checkedOn: isoDateSchema,
    successors: z.array(entryIdSchema),
  })
  .strict()
  .refine(
    lifecycle => lifecycle.status === 'active' || lifecycle.since !== undefined,
    { message: 'a non-active lifecycle needs a "since" date', path: ['since'] },
  );

export const overheadMeasurementSchema = z
  .object({
    metric: z.enum(OVERHEAD_METRICS),
    value: z.number().finite(),
    unit: z.enum(OVERHEAD_UNITS),
    component: nonEmptyText,
    load: nonEmptyText,
    relativeTo: entryIdSchema.optional(),
    harness: nonEmptyText,
    source: knowledgeSourceSchema,
    publishedOn: partialDateSchema.optional(),
    checkedOn: isoDateSchema,
    vendorAffiliated: z.boolean().optional(),
    verified: z.boolean(),
    note: nonEmptyText.optional(),
  })
  .strict();

function meshEntryFields<T extends z.ZodTypeAny>(cell: T) {
  return {
    id: entryIdSchema,
    name: nonEmptyText,
    kind: z.enum(['mesh', 'migration-target']),
    license: factSchema(nonEmptyText),
    cncfStatus: factSchema(
      z.enum([
        'graduated',
        'incubating',
        'sandbox',
        'archived',
        'not-cncf',
        'unknown',
      ]),
    ),
    dataPlaneModel: factSchema(
      z.enum(['sidecar', 'native-sidecar', 'per-node', 'ambient', 'unknown']),
    ),
    costModel: factSchema(
      z.enum([
        'open-source',
        'open-source-with-commercial-distributions',
        'source-available-with-commercial-edition',
        'cloud-service',
        'unknown',
      ]),
    ),
    lifecycle: lifecycleSchema,
    capabilities: capabilityRowsSchema(cell),
    overhead: z.array(overheadMeasurementSchema),
  };
}

export const meshEntrySchema = z
  .object({
    ...meshEntryFields(knowledgeCellSchema),
    origin: z.enum(['built-in', 'app-config']),
  })
  .strict();

/** A full entry as written in app-config: no origin, no override marks. */
export const configMeshEntrySchema = z
  .object(meshEntryFields(plainKnowledgeCellSchema))
  .strict();

const capabilitySchema = z
  .object({
    id: z.enum(CAPABILITY_IDS),
    area: z.enum(CAPABILITY_AREAS),
    title: nonEmptyText,
    description: nonEmptyText,
  })
  .strict();

export const meshKnowledgeBaseSchema = z
  .object({
    capabilities: z.array(capabilitySchema),
    entries: z.array(meshEntrySchema),
  })
  .strict()
  .superRefine((kb, ctx) => {
    const catalogue = kb.capabilities.map(c => c.id);
    CAPABILITY_IDS.forEach(id => {
      if (catalogue.filter(c => c === id).length !== 1) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['capabilities'],
          message: `capability "${id}" must be listed exactly once`,
        });
      }
    });

    const ids = kb.entries.map(e => e.id);
    kb.entries.forEach((entry, index) => {
      if (ids.indexOf(entry.id) !== index) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['entries', index, 'id'],
          message: `duplicate entry id "${entry.id}"`,
        });
      }
      entry.lifecycle.successors.forEach((successor, s) => {
        if (!ids.includes(successor)) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            path: ['entries', index, 'lifecycle', 'successors', s],
            message: `unknown entry "${successor}"`,
          });
        }
      });
      entry.overhead.forEach((measurement, m) => {
        if (measurement.relativeTo && !ids.includes(measurement.relativeTo)) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            path: ['entries', index, 'overhead', m, 'relativeTo'],
            message: `unknown entry "${measurement.relativeTo}"`,
          });
        }
      });
    });
  });

/** Problems in a knowledge base; an empty list means it is valid. */
export function validateKnowledgeBase(
  kb: unknown,
  pathPrefix = '',
): KnowledgeBaseIssue[] {
  const result = meshKnowledgeBaseSchema.safeParse(kb);
  return result.success ? [] : issuesFromZod(pathPrefix, result.error.issues);
}

export class KnowledgeBaseValidationError extends Error {
  readonly issues: KnowledgeBaseIssue[];

  constructor(issues: KnowledgeBaseIssue[]) {
    super(`Invalid mesh knowledge base:\n${describeIssues(issues)}`);
    this.name = 'KnowledgeBaseValidationError';
    this.issues = issues;
  }
}

export function assertValidKnowledgeBase(
  kb: unknown,
): asserts kb is MeshKnowledgeBase {
  const issues = validateKnowledgeBase(kb);
  if (issues.length > 0) {
    throw new KnowledgeBaseValidationError(issues);
  }
}
