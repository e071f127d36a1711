/*
 * Jest (CommonJS mode) resolves package "exports" with the `require`
 * condition. The schema models used by the migration tests
 * (@kubernetes-models/*, kubernetes-models 5 and their dependencies) are
 * ESM-only and export only an `import` condition; for those, and only those,
 * resolution is retried with `import`. The Backstage CLI's SWC transform then
 * compiles the files to CommonJS like any other node_modules file.
 */
module.exports = (request, options) => {
  try {
    return options.defaultResolver(request, options);
  } catch (error) {
    const conditions = options.conditions ?? [];
    if (conditions.includes('import')) throw error;
    return options.defaultResolver(request, {
      ...options,
      conditions: [...conditions, 'import'],
    });
  }
};
