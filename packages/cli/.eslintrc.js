module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  rules: {
    // build.mjs bundles the engine and the contract into dist/meshwise.cjs:
    // they are build-time (dev) dependencies of the published package.
    '@backstage/no-undeclared-imports': 'off',
  },
});
