import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { createRouter, RouterOptions } from './router';

type Layer = {
  route?: { path: string; methods: Record<string, boolean> };
};

describe('openapi.yaml', () => {
  it('documents exactly the routes the router serves', async () => {
    const spec = parse(
      readFileSync(resolve(__dirname, '../../openapi.yaml'), 'utf8'),
    );
    const documented = Object.entries(
      spec.paths as Record<string, Record<string, unknown>>,
    )
      .flatMap(([path, methods]) =>
        Object.keys(methods).map(
          method =>
            `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`,
        ),
      )
      .sort();

    // Registering routes touches none of the services.
    const router = await createRouter({} as RouterOptions);
    const served = (router.stack as Layer[])
      .filter(layer => layer.route)
      .flatMap(layer =>
        Object.keys(layer.route!.methods).map(
          method => `${method.toUpperCase()} ${layer.route!.path}`,
        ),
      )
      .sort();

    expect(documented).toEqual(served);
  });
});
