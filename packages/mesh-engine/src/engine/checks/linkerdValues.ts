import { parse as parseYaml } from 'yaml';
import { asStringMap, getPath } from '../model/access';
import { KubeObject } from '../model/kubeObject';

/** Not YAML: every value reads as unset. */
const UNPARSABLE = Symbol('unparsable');

/**
 * The parsed `values` of each `linkerd-config` ConfigMap. A cluster has one,
 * which every workload's checks read: parsed once, not once per workload
 * and check (it was a quarter of a large scan's CPU time).
 */
const parsedValues = new WeakMap<KubeObject, unknown>();

/**
 * A setting of the `linkerd-config` ConfigMap's `values` (the Helm values
 * the control plane was installed with), e.g. `proxyInit.ignoreInboundPorts`;
 * undefined when there is no ConfigMap, no `values`, no such setting, or
 * `values` is not YAML.
 */
export function linkerdValue(
  config: KubeObject | undefined,
  path: string,
): unknown {
  if (!config) return undefined;
  if (!parsedValues.has(config)) {
    const text = asStringMap(config.data).values;
    let parsed: unknown = undefined;
    if (text) {
      try {
        parsed = parseYaml(text);
      } catch {
        parsed = UNPARSABLE;
      }
    }
    parsedValues.set(config, parsed);
  }
  const values = parsedValues.get(config);
  return values === UNPARSABLE ? undefined : getPath(values, path);
}
