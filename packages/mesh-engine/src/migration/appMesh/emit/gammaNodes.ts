import { NodeModel } from '../model';
import { emitNodeCommon, manual, NodeTraits, unsupported } from './common';
import { EmitOutput, SupportTable } from './types';

/** VirtualNode parts for targets without DestinationRule-like policies (GAMMA meshes, Linkerd, Lattice, Consul). */
export function emitPlainNode(
  node: NodeModel,
  traits: NodeTraits & { support: SupportTable; accessLogAdvice: string },
  out: EmitOutput,
): void {
  emitNodeCommon(node, traits, out);
  for (const listener of node.listeners) {
    if (listener.outlier)
      unsupported(
        listener.outlier.site,
        traits.support,
        'outlier-detection',
        `(eject after ${
          listener.outlier.maxServerErrors ?? '?'
        } server errors)`,
      );
    if (listener.pool)
      unsupported(
        listener.pool.site,
        traits.support,
        'connection-pool',
        '(connection limits)',
      );
  }
  const log = node.accessLog;
  if (log) {
    manual(
      log.site,
      `(${log.path ?? 'stdout'}) not carried`,
      traits.accessLogAdvice,
    );
    if (log.format)
      manual(
        log.format,
        'not carried: the log format is set mesh-wide',
        'Configure the access log format in the new data plane.',
      );
  }
}
