/**
 * API-server validation that is Go code, not OpenAPI schema
 * (k8s.io/apimachinery validation, pkg/apis/core/validation): object names,
 * label values, and Service ports (named when several, unique).
 */
type Json = Record<string, any>;

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const IANA_SVC_NAME = /^(?=.*[a-z])[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

function nameErrors(object: Json): string[] {
  const name: unknown = object.metadata?.name;
  if (typeof name !== 'string' || name === '')
    return ['metadata/name: required'];
  const label = object.kind === 'Service' || object.kind === 'Namespace';
  let pattern = label ? DNS1123_LABEL : DNS1123_SUBDOMAIN;
  if (object.kind === 'Service') pattern = DNS1035_LABEL;
  const max = label ? 63 : 253;
  return pattern.test(name) && name.length <= max
    ? []
    : [
        `metadata/name: ${JSON.stringify(name)} is not a valid ${
          object.kind
        } name (${pattern}, at most ${max} characters)`,
      ];
}

function labelErrors(object: Json): string[] {
  return Object.entries<string>(object.metadata?.labels ?? {}).flatMap(
    ([key, value]) =>
      typeof value === 'string' && value.length <= 63 && LABEL_VALUE.test(value)
        ? []
        : [
            `metadata/labels/${key}: ${JSON.stringify(
              value,
            )} is not a valid label value`,
          ],
  );
}

function servicePortErrors(service: Json): string[] {
  const ports: Json[] = service.spec?.ports ?? [];
  const errors: string[] = [];
  const names = new Set<string>();
  const numbers = new Set<string>();
  ports.forEach((port, i) => {
    const at = `spec/ports/${i}`;
    if (ports.length > 1 && !port.name)
      errors.push(`${at}/name: required when a Service has several ports`);
    if (
      port.name !== undefined &&
      !(DNS1123_LABEL.test(port.name) && port.name.length <= 63)
    )
      errors.push(
        `${at}/name: ${JSON.stringify(port.name)} is not a DNS-1123 label`,
      );
    if (port.name !== undefined && names.has(port.name))
      errors.push(`${at}/name: duplicate ${port.name}`);
    names.add(port.name);
    const key = `${port.port}/${port.protocol ?? 'TCP'}`;
    if (numbers.has(key)) errors.push(`${at}: duplicate port ${key}`);
    numbers.add(key);
    if (
      typeof port.targetPort === 'string' &&
      !(IANA_SVC_NAME.test(port.targetPort) && port.targetPort.length <= 15)
    )
      errors.push(
        `${at}/targetPort: ${JSON.stringify(
          port.targetPort,
        )} is not a valid port name (IANA_SVC_NAME, at most 15 characters)`,
      );
  });
  return errors;
}

export function kubernetesErrors(object: Json): string[] {
  return [
    ...nameErrors(object),
    ...labelErrors(object),
    ...(object.apiVersion === 'v1' && object.kind === 'Service'
      ? servicePortErrors(object)
      : []),
  ];
}
