/**
 * Measurement 3, in a child process: the floor. The same requests as a
 * Meshwise scan (discovery, then every listed kind the cluster serves, in
 * pages sized as the scanner sizes them, four clusters at a time, through
 * node-fetch), each response
 * read and passed to `JSON.parse`, and nothing else: no objects kept, no
 * index, no assessment, no database.
 */
import fetch from 'node-fetch';
import {
  LISTED_KINDS,
  listPath,
} from '../../plugins/service-mesh-backend/src/clusters/listedKinds';
import {
  DEFAULT_PAGE_SIZE,
  DEFAULT_POD_PAGE_SIZE,
  firstPageLimit,
  nextPageLimit,
} from '../../plugins/service-mesh-backend/src/clusters/KubernetesClusterSource';
import { fail, finish, peakRssMb, readArgs } from './measureArgs';

export interface ParseFloorResult {
  wallMs: number;
  /** CPU time of the process over the reads. */
  cpuMs: number;
  peakRssMb: number;
  calls: number;
  items: number;
}

async function main() {
  const args = readArgs();
  const headers = {
    Authorization: `Bearer ${args.token}`,
    Accept: 'application/json',
  };
  let calls = 0;
  let items = 0;
  /** The answer parsed, and its size (to size the next page, as a scan does). */
  const get = async (url: string) => {
    calls += 1;
    const response = await fetch(url, { headers });
    const text = await response.text();
    return {
      body: response.status === 404 ? undefined : JSON.parse(text),
      bytes: Buffer.byteLength(text),
    };
  };
  const started = process.hrtime.bigint();
  const cpuBefore = process.cpuUsage();
  const queue = [...args.clusters];
  const worker = async () => {
    for (let cluster = queue.shift(); cluster; cluster = queue.shift()) {
      const { body: discovery } = await get(`${cluster.url}/apis`);
      const served = new Set<string>(['v1']);
      for (const group of discovery.groups ?? []) {
        for (const v of group.versions ?? []) served.add(v.groupVersion);
      }
      for (const kind of LISTED_KINDS) {
        if (!kind.required && !served.has(kind.apiVersion)) continue;
        const most =
          kind.kind === 'Pod' ? DEFAULT_POD_PAGE_SIZE : DEFAULT_PAGE_SIZE;
        let limit = firstPageLimit(most);
        let cont: string | undefined;
        do {
          const query = new URLSearchParams({ limit: String(limit) });
          if (kind.fieldSelector)
            query.set('fieldSelector', kind.fieldSelector);
          if (cont) query.set('continue', cont);
          const { body: page, bytes } = await get(
            `${cluster.url}${listPath(kind)}?${query}`,
          );
          items += page?.items?.length ?? 0;
          limit = nextPageLimit(most, {
            items: page?.items?.length ?? 0,
            bytes,
          });
          cont = page?.metadata?.continue || undefined;
        } while (cont);
      }
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const cpu = process.cpuUsage(cpuBefore);
  const result: ParseFloorResult = {
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    peakRssMb: peakRssMb(),
    calls,
    items,
  };
  finish(result);
}

if (require.main === module) main().catch(fail);
