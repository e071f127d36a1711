import { nestAt, templateMetadataPath } from '../../util';
import { workloadTarget } from '../targets';
import { FixFunction } from './types';

/**
 * MR-INIT-NETWORK: init containers run before the proxy. Each mesh has its
 * own pod annotation for it (see the playbooks); without one it is manual.
 */

/** A pod annotation that fixes a finding, with what it does. */
export interface AnnotationFix {
  value: Record<string, string>;
  description: string;
}

/** Annotates the finding's workloads with what `annotationFor` gives for the finding's message. */
export function initNetworkFix(
  annotationFor: (message: string) => AnnotationFix | undefined,
): FixFunction {
  return (finding, context) => {
    const annotation = annotationFor(finding.message);
    if (!annotation) {
      context.manual(finding);
      return;
    }
    for (const workload of context.workloadsOf(finding)) {
      context.patches.add(
        workloadTarget(workload),
        'json-merge',
        nestAt(
          `${templateMetadataPath(workload)}.annotations`,
          annotation.value,
        ),
        annotation.description,
      );
    }
    context.fixed(finding.checkId);
  };
}
