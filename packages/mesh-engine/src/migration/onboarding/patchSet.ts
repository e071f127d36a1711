import { ServiceView } from '../../engine/model/service';
import {
  MigrationManifest,
  MigrationPatch,
  MigrationPatchTarget,
} from '../types';
import { deepMerge } from '../util';

/** A Service port change; several findings on one port merge into one entry. */
export interface PortChange {
  port: number;
  name?: string;
  appProtocol?: string;
}

/**
 * Collects the manifests of the fix step, merged per object so that several
 * findings on one object become one patch; objects a fix creates (e.g. a
 * missing Service) come first.
 */
export class PatchSet {
  private readonly created: MigrationManifest[] = [];
  private readonly patches = new Map<
    string,
    { patch: MigrationPatch; descriptions: string[] }
  >();
  private readonly servicePorts = new Map<
    string,
    {
      target: MigrationPatchTarget;
      ports: Map<number, PortChange>;
      descriptions: string[];
    }
  >();

  create(manifest: MigrationManifest): void {
    this.created.push(manifest);
  }

  add(
    target: MigrationPatchTarget,
    type: MigrationPatch['type'],
    body: Record<string, unknown>,
    description: string,
  ): void {
    const key = `${type}|${target.kind}|${target.namespace ?? ''}|${
      target.name
    }`;
    const existing = this.patches.get(key);
    if (existing) {
      existing.patch.body = deepMerge(existing.patch.body, body);
      if (!existing.descriptions.includes(description))
        existing.descriptions.push(description);
    } else {
      this.patches.set(key, {
        patch: { target, type, body },
        descriptions: [description],
      });
    }
  }

  port(service: ServiceView, change: PortChange, description: string): void {
    const key = `${service.namespace}/${service.name}`;
    let entry = this.servicePorts.get(key);
    if (!entry) {
      entry = {
        target: {
          kind: 'Service',
          namespace: service.namespace,
          name: service.name,
        },
        ports: new Map(),
        descriptions: [],
      };
      this.servicePorts.set(key, entry);
    }
    const current = entry.ports.get(change.port) ?? { port: change.port };
    entry.ports.set(change.port, { ...current, ...change });
    if (!entry.descriptions.includes(description))
      entry.descriptions.push(description);
  }

  manifests(): MigrationManifest[] {
    const out: MigrationManifest[] = [...this.created];
    for (const entry of this.servicePorts.values()) {
      out.push({
        description: `Service ${entry.target.name}: ${entry.descriptions.join(
          '; ',
        )}`,
        patch: {
          target: entry.target,
          type: 'strategic-merge',
          body: { spec: { ports: [...entry.ports.values()] } },
        },
      });
    }
    for (const { patch, descriptions } of this.patches.values()) {
      out.push({
        description: `${patch.target.kind} ${
          patch.target.name
        }: ${descriptions.join('; ')}`,
        patch,
      });
    }
    return out;
  }
}
