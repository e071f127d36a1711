import {
  createMockDirectory,
  mockCredentials,
  mockServices,
} from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { shippingPlan } from '../__testUtils__/shippingPlan';
import { createWriteMigrationPlanAction } from './writeMigrationPlan';

type Answer = { status: number; body: unknown };

/** Stands in for the service-mesh backend: records each request, answers `answer`. */
async function fakeServiceMesh() {
  const received: { url: string; authorization?: string }[] = [];
  let answer: Answer = { status: 200, body: shippingPlan() };
  const server = createServer((req, res) => {
    received.push({
      url: req.url ?? '',
      authorization: req.headers.authorization,
    });
    res.writeHead(answer.status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(answer.body));
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    answer: (next: Answer) => {
      answer = next;
    },
    stop: () => new Promise<void>(r => server.close(() => r())),
  };
}

/** A Backstage error body, as the backend's error handler writes it. */
const backstageError = (status: number, name: string, message: string) => ({
  status,
  body: { error: { name, message }, response: { statusCode: status } },
});

const onBehalfOfUser = mockCredentials.service.token({
  onBehalfOf: mockCredentials.user(),
  targetPluginId: 'service-mesh',
});

describe('meshwise:migration-plan:write', () => {
  let backend: Awaited<ReturnType<typeof fakeServiceMesh>>;
  // The workspace is a folder of a mock directory, so a path escaping it
  // still lands where the test looks and cleans up.
  const root = createMockDirectory();
  const workspace = { path: root.resolve('workspace') };
  beforeAll(async () => {
    backend = await fakeServiceMesh();
  });
  afterAll(() => backend.stop());
  beforeEach(() => {
    backend.received.length = 0;
    backend.answer({ status: 200, body: shippingPlan() });
    root.clear();
  });

  const action = () =>
    createWriteMigrationPlanAction({
      discovery: {
        getBaseUrl: async pluginId => `${backend.url}/api/${pluginId}`,
        getExternalBaseUrl: async pluginId => `${backend.url}/api/${pluginId}`,
      },
      auth: mockServices.auth(),
    });

  function context(input: Record<string, unknown>) {
    const logger = mockServices.logger.mock();
    const ctx = createMockActionContext({
      input: input as any,
      workspacePath: workspace.path,
      logger,
    });
    return { ctx, logger };
  }

  it('writes each manifest in step order with its comments, and a README of the steps and manual actions', async () => {
    const { ctx, logger } = context({
      entityRef: 'Component:Default/shipping',
      target: 'gateway-api',
    });

    await action().handler(ctx);

    // The backend was asked on behalf of the user who started the task.
    expect(backend.received).toEqual([
      {
        url: '/api/service-mesh/entities/component/default/shipping/migration-plan?target=gateway-api',
        authorization: `Bearer ${onBehalfOfUser}`,
      },
    ]);
    const dir = join(workspace.path, 'meshwise/shipping-gateway-api');
    expect((await readdir(dir)).sort()).toEqual([
      '01-translate-httproute-shipping.yaml',
      '02-cleanup-namespace-logistics.yaml',
      'README.md',
    ]);
    const route = await readFile(
      join(dir, '01-translate-httproute-shipping.yaml'),
      'utf8',
    );
    expect(route).toBe(
      [
        "# Step 1 (translate): Translate shipping's App Mesh routing",
        '# HTTPRoute shipping: the routes of VirtualRouter shipping',
        ...shippingPlan().yaml.split('\n').slice(3, 17),
        '',
      ].join('\n'),
    );
    expect(route).toContain('weight: 90');
    const patch = await readFile(
      join(dir, '02-cleanup-namespace-logistics.yaml'),
      'utf8',
    );
    expect(patch).toBe(
      [
        '# Step 2 (cleanup): Detach from App Mesh injection',
        '# Remove the App Mesh injection label',
        '# PATCH Namespace logistics (json-merge): kubectl patch namespace logistics --type merge --patch-file <this document>',
        'metadata:',
        '  labels:',
        '    appmesh.k8s.aws/sidecarInjectorWebhook: null',
        '',
      ].join('\n'),
    );

    const readme = await readFile(join(dir, 'README.md'), 'utf8');
    expect(readme).toMatch(
      /^# Move shipping to Amazon VPC Lattice \(Gateway API\)\n/,
    );
    expect(readme).toContain('`component:default/shipping`');
    // Steps in order, each with its explanation, files, commands.
    const headings = readme.match(/^### .*$/gm);
    expect(headings).toEqual([
      "### 1. Translate shipping's App Mesh routing (Translate)",
      '### 2. Detach from App Mesh injection (Clean up)',
      '### 3. Verify',
    ]);
    expect(readme).toContain(
      'The VirtualRouter shipping becomes an HTTPRoute.  \nThe 90/10 split is kept.',
    );
    expect(readme).toContain(
      '- [`01-translate-httproute-shipping.yaml`](01-translate-httproute-shipping.yaml): HTTPRoute shipping: the routes of VirtualRouter shipping  \n  `kubectl apply -f 01-translate-httproute-shipping.yaml`',
    );
    expect(readme).toContain(
      `- Patch: [\`02-cleanup-namespace-logistics.yaml\`](02-cleanup-namespace-logistics.yaml): Remove the App Mesh injection label  \n  \`kubectl patch namespace 'logistics' --type merge --patch-file 02-cleanup-namespace-logistics.yaml\``,
    );
    expect(readme).toContain(
      '- Delete the App Mesh objects once traffic moved',
    );
    expect(readme).toContain(
      [
        '```sh',
        'kubectl rollout restart deployment/shipping-v1 -n logistics',
        'kubectl rollout restart deployment/shipping-v2 -n logistics',
        '```',
      ].join('\n'),
    );
    const manual = readme.split('## Not carried, do this by hand\n')[1];
    expect(manual).toBe(
      [
        '',
        '- **Carry the retry policy by hand**  ',
        '  Amazon VPC Lattice has no per-route retries.  ',
        '  From `VirtualRouter logistics/shipping spec.routes[0].httpRoute.retryPolicy`',
        '- **Recreate the outlier detection**  ',
        '  No Lattice equivalent.  ',
        '  From `VirtualNode logistics/shipping-v1 spec.listeners[0].outlierDetection`',
        '',
      ].join('\n'),
    );
    expect(readme.indexOf('### 3.')).toBeLessThan(
      readme.indexOf('## Not carried'),
    );

    expect(ctx.output).toHaveBeenCalledWith(
      'path',
      'meshwise/shipping-gateway-api',
    );
    expect(ctx.output).toHaveBeenCalledWith('files', [
      'meshwise/shipping-gateway-api/01-translate-httproute-shipping.yaml',
      'meshwise/shipping-gateway-api/02-cleanup-namespace-logistics.yaml',
      'meshwise/shipping-gateway-api/README.md',
    ]);
    expect(ctx.output).toHaveBeenCalledWith('manualActions', 2);
    expect(ctx.output).toHaveBeenCalledWith('service', 'shipping');
    expect(ctx.output).toHaveBeenCalledWith(
      'targetLabel',
      'Amazon VPC Lattice (Gateway API)',
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'summary',
      [
        'Moves `component:default/shipping` to Amazon VPC Lattice (Gateway API) with the migration plan Meshwise generated: 3 steps, 2 manifests in `meshwise/shipping-gateway-api`, 2 actions to do by hand (see its README.md).',
        '',
        "1. Translate shipping's App Mesh routing",
        '2. Detach from App Mesh injection',
        '3. Verify',
      ].join('\n'),
    );

    // What it did is logged; the token never is.
    const logged = JSON.stringify([
      logger.info.mock.calls,
      logger.warn.mock.calls,
      logger.error.mock.calls,
      logger.debug.mock.calls,
    ]);
    expect(logged).toContain(
      'Wrote 2 manifests and README.md to meshwise/shipping-gateway-api',
    );
    expect(logged).not.toContain(onBehalfOfUser);
  });

  it('writes where targetPath says, and runs in a dry run', async () => {
    const act = action();
    expect(act.supportsDryRun).toBe(true);
    const { ctx } = context({
      entityRef: 'component:default/shipping',
      target: 'gateway-api',
      targetPath: 'deploy/mesh/./shipping',
    });

    await act.handler({ ...ctx, isDryRun: true });

    expect(
      (await readdir(join(workspace.path, 'deploy/mesh/shipping'))).sort(),
    ).toEqual([
      '01-translate-httproute-shipping.yaml',
      '02-cleanup-namespace-logistics.yaml',
      'README.md',
    ]);
    expect(ctx.output).toHaveBeenCalledWith('path', 'deploy/mesh/shipping');
  });

  it('still writes every manifest from a plan whose YAML it cannot split', async () => {
    backend.answer({
      status: 200,
      body: { ...shippingPlan(), yaml: '# rendered otherwise\n' },
    });
    const { ctx } = context({
      entityRef: 'component:default/shipping',
      target: 'gateway-api',
    });

    await action().handler(ctx);

    const patch = await readFile(
      join(
        workspace.path,
        'meshwise/shipping-gateway-api/02-cleanup-namespace-logistics.yaml',
      ),
      'utf8',
    );
    expect(patch).toBe(
      [
        '# Step 2 (cleanup): Detach from App Mesh injection',
        '# Remove the App Mesh injection label',
        'metadata:',
        '  labels:',
        '    appmesh.k8s.aws/sidecarInjectorWebhook: null',
        '',
      ].join('\n'),
    );
  });

  it('says which entity has no plan when the backend answers 404, and writes nothing', async () => {
    backend.answer(
      backstageError(
        404,
        'NotFoundError',
        'No migration plan for component:default/billing: none of its workloads was found (see its assessment)',
      ),
    );
    const { ctx } = context({
      entityRef: 'component:default/billing',
      target: 'linkerd',
    });

    await expect(action().handler(ctx)).rejects.toMatchObject({
      name: 'NotFoundError',
      message: expect.stringMatching(
        /^No migration plan for component:default\/billing: .*none of its workloads was found.*Check that the entity is in the catalog/,
      ),
    });
    expect(existsSync(join(workspace.path, 'meshwise'))).toBe(false);
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it('names the input the backend refused with a 400', async () => {
    backend.answer(
      backstageError(
        400,
        'InputError',
        'Invalid query: target: must be equal to one of the allowed values',
      ),
    );
    const { ctx } = context({
      entityRef: 'component:default/shipping',
      target: 'kuma',
    });

    await expect(action().handler(ctx)).rejects.toMatchObject({
      name: 'InputError',
      message:
        'Input "target" (kuma) was refused by the service-mesh backend: Invalid query: target: must be equal to one of the allowed values',
    });
  });

  it.each([
    [
      'a target that is not a migration target',
      { entityRef: 'component:default/shipping', target: 'nginx' },
      /^Input "target" must be one of istio-sidecar, .*gateway-api, got "nginx"$/,
    ],
    [
      'an entity ref that is none',
      { entityRef: 'component:', target: 'linkerd' },
      /^Input "entityRef" must be an entity ref like component:default\/shipping/,
    ],
    [
      'a targetPath out of the workspace',
      {
        entityRef: 'component:default/shipping',
        target: 'linkerd',
        targetPath: '../outside',
      },
      /^Input "targetPath" must stay inside the workspace, got "..\/outside"$/,
    ],
    [
      'an absolute targetPath',
      {
        entityRef: 'component:default/shipping',
        target: 'linkerd',
        targetPath: root.resolve('elsewhere'),
      },
      /^Input "targetPath" must stay inside the workspace/,
    ],
  ])('refuses %s before asking the backend', async (_, input, message) => {
    const { ctx } = context(input);

    await expect(action().handler(ctx)).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(message),
    });
    expect(backend.received).toEqual([]);
    expect(existsSync(root.resolve('outside'))).toBe(false);
    expect(existsSync(root.resolve('elsewhere'))).toBe(false);
  });
});
