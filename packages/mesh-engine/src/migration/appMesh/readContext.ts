import { ClusterIndex } from '../../engine/cluster/clusterIndex';
import { asNumber, asString, getPath } from '../../engine/model/access';
import { KINDS, KubeObject } from '../../engine/model/kubeObject';
import { Workload } from '../../engine/workloads/workload';
import { FieldLedger } from '../ledger';
import { ManualAction, MigrationObject } from '../types';
import { durationMillis, formatDuration } from '../util';
import { Duration, Protocol, Site } from './model';

/** Shared state of one read: the input, the ledgers and what the reader creates. */
export class ReadContext {
  private readonly ledgers = new Map<KubeObject, FieldLedger>();
  readonly generatedServices = new Map<string, MigrationObject>();
  readonly generatedParents = new Map<string, MigrationObject>();
  readonly actions: ManualAction[] = [];

  constructor(
    readonly index: ClusterIndex,
    readonly workloads: readonly Workload[],
    /** The target's label, for the ledger's "not carried to" actions. */
    readonly targetLabel: string,
  ) {}

  ledger(object: KubeObject): FieldLedger {
    let ledger = this.ledgers.get(object);
    if (!ledger) {
      ledger = new FieldLedger(object, this.targetLabel);
      this.ledgers.set(object, ledger);
    }
    return ledger;
  }

  allLedgers(): Array<[KubeObject, FieldLedger]> {
    return [...this.ledgers.entries()];
  }

  site(object: KubeObject, path: string): Site {
    return { ledger: this.ledger(object), path };
  }

  node(ref: unknown, fromNamespace: string): KubeObject | undefined {
    const name = asString(getPath(ref, 'name'));
    if (!name) return undefined;
    const namespace = asString(getPath(ref, 'namespace')) ?? fromNamespace;
    return this.index.get(KINDS.appMeshVirtualNode, namespace, name);
  }
}

export function duration(value: unknown, site: Site): Duration | undefined {
  const text = formatDuration(value);
  const millis = durationMillis(value);
  return text !== undefined && millis !== undefined
    ? { text, millis, site }
    : undefined;
}

export function protocolOf(value: unknown): Protocol {
  const text = (asString(value) ?? 'tcp').toLowerCase();
  return text === 'http' || text === 'http2' || text === 'grpc' ? text : 'tcp';
}

export function portOf(listener: unknown): number | undefined {
  return asNumber(getPath(listener, 'portMapping.port'));
}

/** The Service `appProtocol` that declares an App Mesh listener protocol. */
export function appProtocolOf(protocol: Protocol): string {
  switch (protocol) {
    case 'http':
      return 'http';
    case 'http2':
      return 'kubernetes.io/h2c';
    case 'grpc':
      return 'grpc';
    default:
      return 'tcp';
  }
}
