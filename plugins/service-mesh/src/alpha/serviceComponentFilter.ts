/**
 * Where the Mesh tab and the readiness card appear: components of type
 * service, as the legacy entity page's `isComponentType('service')` case.
 * A filter predicate rather than a function, so an app can replace it under
 * the extension's `config.filter` in app-config.yaml. Kind and type compare
 * case-insensitively, as with `isComponentType`.
 */
export const serviceComponentFilter = {
  kind: 'component',
  'spec.type': 'service',
};
