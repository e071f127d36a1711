/*
 * Jest (CommonJS mode) resolves package "exports" with the `require`
 * condition. The schema models used by the migration tests
 * (@kubernetes-models/*, kubernetes-models 5 and their dependencies) are
 * ESM-only and export only an `import` condition; for those, and only those,
 * resolution is retried with `import`. The Backstage CLI's SWC transform then
 * compiles the files to CommonJS like any other node_modules file.
 *
 * The package's jest config gives itself an `id` of its own: the Backstage
 * CLI derives one id from the transform for every Node package, and Jest
 * shares resolvers between projects with the same id, so without it a worker
 * that ran another package first would resolve without this resolver.
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
