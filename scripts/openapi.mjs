#!/usr/bin/env node
/*
 * One contract: `plugins/service-mesh-backend/openapi.yaml` is the source of
 * the service-mesh HTTP API; two files are generated from it.
 *   - the backend's `src/schema/openapi.generated.ts`: the spec as a typed
 *     `const`, which the router validates requests against
 *     (`createValidatedOpenApiRouter<typeof spec>(spec)`);
 *   - the common package's `src/schema/openapi.generated.ts`: the TypeScript
 *     types of every path and schema (`paths`, `components`), by
 *     openapi-typescript, for the contract types and the frontend client.
 *
 *   node scripts/openapi.mjs generate   writes both files
 *   node scripts/openapi.mjs check      fails when a committed file differs
 *                                       from what `generate` would write
 *
 * Everything runs from packages in node_modules: nothing is downloaded.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import prettier from 'prettier';
import { parse } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = join(root, 'plugins/service-mesh-backend/openapi.yaml');
const SPEC_FILE = join(
  root,
  'plugins/service-mesh-backend/src/schema/openapi.generated.ts',
);
const TYPES_FILE = join(
  root,
  'plugins/service-mesh-common/src/schema/openapi.generated.ts',
);

function header(what) {
  return [
    '// *****************************************************************',
    '// * GENERATED FILE, DO NOT EDIT.                                  *',
    `// * ${what.padEnd(61)} *`,
    '// * Source: plugins/service-mesh-backend/openapi.yaml             *',
    '// * Regenerate with `npm run openapi:generate`.                   *',
    '// *****************************************************************',
    '/* eslint-disable */',
    '',
  ].join('\n');
}

function format(text, file) {
  const options = prettier.resolveConfig.sync(file) ?? {};
  return prettier.format(text, { ...options, filepath: file });
}

async function generate() {
  const spec = parse(readFileSync(SOURCE, 'utf8'));

  const specSource = format(
    `${header('The OpenAPI spec as a typed const, for the router.')}
export const spec = ${JSON.stringify(spec, null, 2)} as const;
`,
    SPEC_FILE,
  );

  // A deep copy: openapi-typescript resolves references in the object it gets.
  const ast = await openapiTS(structuredClone(spec), {
    // Request fields with a default stay optional in the types.
    defaultNonNullable: false,
    silent: true,
  });
  const typesSource = format(
    `${header('Types of every path and schema (openapi-typescript).')}
${astToString(ast)}`,
    TYPES_FILE,
  );

  return new Map([
    [SPEC_FILE, specSource],
    [TYPES_FILE, typesSource],
  ]);
}

function readOrEmpty(file) {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

const mode = process.argv[2];
if (mode !== 'generate' && mode !== 'check') {
  console.error('Usage: node scripts/openapi.mjs generate|check');
  process.exit(2);
}

const files = await generate();
if (mode === 'generate') {
  for (const [file, text] of files) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    console.log(`wrote ${relative(root, file)}`);
  }
} else {
  const stale = [...files]
    .filter(([file, text]) => readOrEmpty(file) !== text)
    .map(([file]) => relative(root, file));
  if (stale.length > 0) {
    console.error(
      `Out of date with openapi.yaml: ${stale.join(
        ', ',
      )}. Run \`npm run openapi:generate\` and commit the result.`,
    );
    process.exit(1);
  }
  console.log('The generated OpenAPI files match openapi.yaml.');
}
