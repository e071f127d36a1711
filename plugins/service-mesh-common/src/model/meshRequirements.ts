import { z } from 'zod';
import { CAPABILITY_IDS } from '../vocabulary/capabilities';
import { PLATFORM_IDS } from '../vocabulary/platforms';
import { ENTRY_ID_PATTERN } from '../vocabulary/entryIds';

/**
 * What a team asks the recommender. Every field has a default, so `{}` is a
 * valid request. The backend validates `POST /recommendations` bodies with
 * this schema; the frontend can build its form from the same enums.
 */

const weight = z.number().min(0).max(10).optional();

export const meshRequirementsSchema = z
  .object({
    /** Platforms in use: each is a hard requirement. */
    platforms: z.array(z.enum(PLATFORM_IDS)).default([]),
    mustHave: z.array(z.enum(CAPABILITY_IDS)).default([]),
    niceToHave: z.array(z.enum(CAPABILITY_IDS)).default([]),
    preferences: z
      .object({
        controlPlane: z.enum(['managed', 'self-hosted', 'any']).default('any'),
        lowOverhead: z.boolean().default(false),
        openSourceLicense: z.boolean().default(false),
        /** Knowledge-base entry ids the team already runs. */
        experience: z
          .array(
            z
              .string()
              .regex(ENTRY_ID_PATTERN, 'must be a knowledge-base entry id'),
          )
          .default([]),
      })
      .strict()
      .default({}),
    /** Per-criterion weights (0–10); omitted ones use the defaults. */
    weights: z
      .object({
        platforms: weight,
        mustHave: weight,
        niceToHave: weight,
        controlPlane: weight,
        overhead: weight,
        openSource: weight,
        experience: weight,
        featureCoverage: weight,
      })
      .strict()
      .default({}),
  })
  .strict();

/** A request as sent: every field optional. */
export type MeshRequirements = z.input<typeof meshRequirementsSchema>;

/** A request with defaults filled in. */
export type ResolvedMeshRequirements = z.output<typeof meshRequirementsSchema>;
