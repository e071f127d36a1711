/**
 * Validates the objects of a migration plan against real schemas, plus the
 * API-server and CEL rules a schema cannot express.
 *
 * Versions (checked 2026-12-02). Meshwise generates for Gateway API v1.6.1 and
 * Istio 1.30; the schema packages are one release behind:
 * - @kubernetes-models/gateway-api 2.0.0: Go types of Gateway API v1.5.1,
 *   standard and experimental fields together, no CEL rules (the channel a
 *   field needs is not checked here; the CEL rules are re-implemented in
 *   gatewayApiRules.ts from the v1.6.1 CRDs).
 * - @kubernetes-models/istio 3.0.1: Istio 1.29.2 crd-all.gen.yaml.
 * - kubernetes-models 5.1.0: core and apps APIs.
 * A field added after those releases is reported as unknown: update the
 * package, or check the field against the upstream CRD, before accepting it.
 * The packages are ESM-only: jestEsmOnlyResolver.cjs (package root) lets the
 * Backstage CLI's Jest resolve them.
 */
import {
  MigrationManifest,
  MigrationObject,
  MigrationPatch,
  MigrationPlan,
} from '../types';
import { jsonMerge, strategicMerge, withoutDirectives } from './applyPatch';
import { gatewayRouteErrors } from './gatewayApiRules';
import {
  definedSubsets,
  referencedSubsets,
  virtualServiceErrors,
} from './istioRules';
import { kubernetesErrors } from './kubernetesRules';
import { GROUPS_WITHOUT_SCHEMA, schemaModelFor } from './schemaModels';
import { findUnknownFields } from './unknownFields';

type Json = Record<string, any>;

export interface ValidationResult {
  /** What the API server (or the data plane) would reject or never use. */
  errors: string[];
  /** What could not be validated, and why: never silently passed. */
  unchecked: string[];
}

interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params?: { allowedValues?: unknown[] };
}

const groupOf = (apiVersion: string) =>
  apiVersion.includes('/') ? apiVersion.split('/')[0] : '';

/** `Kind.group namespace/name`: the identity of an object on the API server. */
export const identityOf = (o: Json) =>
  `${o.kind}.${groupOf(o.apiVersion) || 'core'} ${
    o.metadata?.namespace ?? '-'
  }/${o.metadata?.name}`;

function schemaErrors(object: Json, skipRequired = false): ValidationResult {
  const Model = schemaModelFor(object.apiVersion, object.kind);
  if (!Model) {
    const why =
      GROUPS_WITHOUT_SCHEMA[groupOf(object.apiVersion)] ??
      'no schema package for this apiVersion';
    return {
      errors: [],
      unchecked: [
        `${identityOf(object)} (${
          object.apiVersion
        }): not schema-validated: ${why}`,
      ],
    };
  }
  // the typed constructor must accept the plain object
  const instance = new Model(object);
  let ajvErrors: AjvError[] = [];
  const validate = (tracked: Json) => {
    try {
      // `validate()` reads only `this`: run it on the tracked copy to see which fields the schema knows.
      instance.validate.call(tracked);
    } catch (error) {
      ajvErrors = (error as { errors?: AjvError[] }).errors ?? [
        { instancePath: '', keyword: 'error', message: String(error) },
      ];
    }
  };
  const unknown = findUnknownFields(object, validate);
  const messages = ajvErrors
    .filter(e => !(skipRequired && e.keyword === 'required'))
    .map(
      e =>
        `${e.instancePath || '/'} ${e.message}${
          e.params?.allowedValues
            ? ` (${e.params.allowedValues.join(', ')})`
            : ''
        }`,
    );
  return {
    errors: [
      ...new Set([
        ...messages,
        ...unknown.map(
          path =>
            `${path}: unknown field (not in the ${object.apiVersion} ${object.kind} schema)`,
        ),
      ]),
    ],
    unchecked: [],
  };
}

function semanticErrors(object: Json): string[] {
  const errors = kubernetesErrors(object);
  if (
    groupOf(object.apiVersion) === 'gateway.networking.k8s.io' &&
    /^(HTTP|GRPC)Route$/.test(object.kind)
  )
    errors.push(...gatewayRouteErrors(object));
  if (
    object.apiVersion.startsWith('networking.istio.io/') &&
    object.kind === 'VirtualService'
  )
    errors.push(...virtualServiceErrors(object));
  return errors;
}

/** Errors of one full object: its schema, then the rules a schema cannot express. */
export function validateMigrationObject(
  object: MigrationObject,
): ValidationResult {
  const schema = schemaErrors(object);
  const errors = [...schema.errors, ...semanticErrors(object)];
  return {
    errors: errors.map(e => `${identityOf(object)}: ${e}`),
    unchecked: schema.unchecked,
  };
}

const BUILT_IN_API_VERSIONS: Record<string, string> = {
  Service: 'v1',
  Namespace: 'v1',
  ConfigMap: 'v1',
  Secret: 'v1',
  ServiceAccount: 'v1',
  Pod: 'v1',
  ReplicationController: 'v1',
  Deployment: 'apps/v1',
  StatefulSet: 'apps/v1',
  DaemonSet: 'apps/v1',
  ReplicaSet: 'apps/v1',
  Job: 'batch/v1',
  CronJob: 'batch/v1',
};

/**
 * A patch is partial. With the object it patches (`base`), the merged result
 * is validated in full; without it, the body is validated as a partial object
 * (types, enums, unknown fields; required fields are not checked).
 */
export function validateMigrationPatch(
  patch: MigrationPatch,
  base?: Json,
): ValidationResult {
  const { target } = patch;
  const apiVersion =
    target.apiVersion ?? BUILT_IN_API_VERSIONS[target.kind] ?? base?.apiVersion;
  const label = `patch of ${target.kind} ${target.namespace ?? '-'}/${
    target.name
  }`;
  if (!apiVersion)
    return {
      errors: [],
      unchecked: [`${label}: not schema-validated: unknown apiVersion`],
    };
  const metadata = {
    name: target.name,
    ...(target.namespace ? { namespace: target.namespace } : {}),
  };
  const merge = patch.type === 'json-merge' ? jsonMerge : strategicMerge;
  const object: Json = base
    ? (merge(base, patch.body) as Json)
    : {
        ...(withoutDirectives(patch.body) as Json),
        apiVersion,
        kind: target.kind,
        metadata: {
          ...metadata,
          ...(withoutDirectives(patch.body.metadata ?? {}) as Json),
        },
      };
  const schema = schemaErrors(object, !base);
  const errors = [
    ...schema.errors,
    ...(base ? semanticErrors(object) : []),
  ].map(e => `${label}: ${e}`);
  const unchecked = [
    ...schema.unchecked,
    ...(base
      ? []
      : [
          `${label}: validated as a partial object (no base object): required fields and cross-field rules not checked`,
        ]),
  ];
  return { errors, unchecked };
}

/** Host of an Istio destination as `name.namespace`. */
function istioHost(host: string, namespace: string): string {
  const [name, ns = namespace] = host.split('.');
  return `${name}.${ns}`;
}

function planErrors(objects: MigrationObject[]): string[] {
  const errors: string[] = [];
  const seen = new Set<string>();
  for (const object of objects) {
    const id = identityOf(object);
    if (seen.has(id))
      errors.push(
        `${id}: defined twice in the plan (the later object replaces the earlier on apply)`,
      );
    seen.add(id);
  }
  const ns = (o: MigrationObject) => o.metadata.namespace ?? 'default';
  const qualify = (o: MigrationObject, ref: string) => {
    const [host, subset] = ref.split('#');
    return `${istioHost(host, ns(o))}#${subset}`;
  };
  const istio = objects.filter(o =>
    o.apiVersion.startsWith('networking.istio.io/'),
  );
  const defined = new Set(
    istio
      .filter(o => o.kind === 'DestinationRule')
      .flatMap(o => definedSubsets(o).map(s => qualify(o, s))),
  );
  for (const vs of istio.filter(o => o.kind === 'VirtualService'))
    for (const ref of referencedSubsets(vs))
      if (!defined.has(qualify(vs, ref)))
        errors.push(
          `${identityOf(
            vs,
          )}: subset ${ref} is defined by no DestinationRule of the plan`,
        );
  return errors;
}

export interface ValidatePlanOptions {
  /** The object a patch applies to (e.g. from the input's ClusterIndex), to validate the patched result in full. */
  baseOf?: (patch: MigrationPatch) => Json | undefined;
}

/** Validates every full object and patch of a plan, and the rules across objects (identity, subsets). */
export function validatePlan(
  plan: MigrationPlan,
  options: ValidatePlanOptions = {},
): ValidationResult {
  const manifests: MigrationManifest[] = plan.steps.flatMap(
    step => step.manifests,
  );
  const objects = manifests.flatMap(m => (m.object ? [m.object] : []));
  const results = manifests.map(m => {
    if (m.object) return validateMigrationObject(m.object);
    if (m.patch)
      return validateMigrationPatch(m.patch, options.baseOf?.(m.patch));
    return { errors: [], unchecked: [] };
  });
  return {
    errors: [...results.flatMap(r => r.errors), ...planErrors(objects)],
    unchecked: results.flatMap(r => r.unchecked),
  };
}
