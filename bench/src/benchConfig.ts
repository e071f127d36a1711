/**
 * Settings every benchmark process shares, kept apart from `backend.ts` so
 * that the real-path backend does not load the test utilities.
 */

export const POSTGRES = {
  host: process.env.MESHWISE_BENCH_PG_HOST ?? '127.0.0.1',
  port: Number(process.env.MESHWISE_BENCH_PG_PORT ?? 5432),
  user: process.env.MESHWISE_BENCH_PG_USER ?? 'postgres',
  password: process.env.MESHWISE_BENCH_PG_PASSWORD,
};

/** The fleet's clusters as a `kubernetes.clusterLocatorMethods` `config` entry. */
export function fleetClusterLocator(
  clusters: { name: string; url: string }[],
  token: string,
  extra: Record<string, unknown> = {},
) {
  return {
    type: 'config',
    clusters: clusters.map(c => ({
      name: c.name,
      url: c.url,
      authProvider: 'serviceAccount',
      serviceAccountToken: token,
      // The fleet speaks plain HTTP, which the client allows only so.
      skipTLSVerify: true,
      ...extra,
    })),
  };
}
