/**
 * The parent's side of the real-path backend (`realPathBackend.ts`), over
 * plain HTTP as any client of a Backstage backend: signs in as the guest
 * user, waits until the catalog has ingested the fleet, triggers the
 * Meshwise scan through the scheduler's route and waits for it.
 */
import knexFactory from 'knex';
import { createServer } from 'node:net';
import { POSTGRES } from './benchConfig';

/** A free port on 127.0.0.1, never the demo's 3000 or 7007. */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() =>
          resolve(typeof address === 'object' && address ? address.port : 0),
        );
      });
    });
    if (port !== 3000 && port !== 7007) return port;
  }
}

/** A user token of the guest provider, as the demo's frontend signs in. */
export async function guestToken(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  if (!response.ok) {
    throw new Error(
      `guest sign-in: ${response.status} ${await response.text()}`,
    );
  }
  return (await response.json()).backstageIdentity.token;
}

export async function until<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs / 1000} s waiting for ${what}`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
}

export function apiClient(baseUrl: string, token: string) {
  const request = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`${baseUrl}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, ...init.headers },
    });
    if (!response.ok) {
      throw new Error(
        `${init.method ?? 'GET'} ${path}: ${
          response.status
        } ${await response.text()}`,
      );
    }
    const text = await response.text();
    return text ? JSON.parse(text) : undefined;
  };
  const status = async (path: string) => {
    const response = await fetch(`${baseUrl}${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    await response.arrayBuffer();
    return response.status;
  };
  return {
    /**
     * For each name, whether the catalog's lookup and the Meshwise
     * assessment answer the user alike: both found, or both 404.
     */
    async compareVisibility(names: string[]) {
      const result = { checked: 0, visible: 0, mismatches: [] as string[] };
      for (const name of names) {
        const catalog = await status(
          `/api/catalog/entities/by-name/component/default/${name}`,
        );
        const assessment = await status(
          `/api/service-mesh/entities/component/default/${name}/assessment`,
        );
        result.checked += 1;
        if (catalog === 200) result.visible += 1;
        if (catalog !== assessment || ![200, 404].includes(catalog)) {
          result.mismatches.push(
            `${name}: catalog ${catalog}, assessment ${assessment}`,
          );
        }
      }
      return result;
    },

    /** Triggers the scheduled scan through the scheduler's route. */
    async trigger() {
      await request(
        '/api/service-mesh/.backstage/scheduler/v1/tasks/service-mesh-scan/trigger',
        { method: 'POST' },
      );
    },

    /**
     * Triggers the scheduled scan (permission `service-mesh.scan.trigger`,
     * which the demo policy grants) and resolves with its run once it has
     * finished.
     */
    async scan(timeoutMs: number) {
      const before = await request('/api/service-mesh/scans?limit=1');
      const previous = before.items[0]?.id;
      await this.trigger();
      return until('the triggered scan to finish', timeoutMs, async () => {
        const { items } = await request('/api/service-mesh/scans?limit=1');
        const run = items[0];
        return run && run.id !== previous && run.status !== 'running'
          ? (run as {
              status: string;
              startedAt: string;
              finishedAt: string;
              entityCount: number;
              assessedCount: number;
            })
          : undefined;
      });
    },
  };
}

/** PostgreSQL's version, and a way to drop every database under a prefix. */
export async function postgresAdmin() {
  const knex = knexFactory({
    client: 'pg',
    connection: { ...POSTGRES, database: 'postgres' },
  });
  const version = await knex.raw('show server_version');
  return {
    description: `PostgreSQL ${version.rows[0].server_version}`,
    async dropDatabases(prefix: string) {
      const { rows } = await knex.raw(
        `SELECT datname FROM pg_database WHERE starts_with(datname, ?)`,
        [prefix],
      );
      for (const { datname } of rows as { datname: string }[]) {
        await knex.raw(`DROP DATABASE IF EXISTS ?? WITH (FORCE)`, [datname]);
      }
      return rows.length as number;
    },
    destroy: () => knex.destroy(),
  };
}
