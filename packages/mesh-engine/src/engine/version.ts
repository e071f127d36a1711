/**
 * Version of the engine's rules. Stored with every assessment; bump the
 * minor version when a check or detector changes what it reports, the major
 * version when the output shape changes, so stored results can be
 * recomputed or told apart.
 */
export const ENGINE_VERSION = '1.0.0';
