import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  CatalogService,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderBackend from '@backstage/plugin-scaffolder-backend';
import githubModule from '@backstage/plugin-scaffolder-backend-module-github';
import { MIGRATION_TARGETS } from '@meshwise/backstage-plugin-service-mesh-common';
// The plugin the action reads plans from, started as the demo starts it.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import serviceMeshBackend from '@meshwise/backstage-plugin-service-mesh-backend';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';
import { ordersClusterDirectory } from './__testUtils__/ordersCluster';
import scaffolderModule from './index';

// Three plugins start, and the first plan reads the manifest source.
jest.setTimeout(120_000);

const TEMPLATE = parse(
  readFileSync(
    join(__dirname, '../templates/move-service-to-mesh/template.yaml'),
    'utf8',
  ),
);

const ORDERS: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'orders',
    namespace: 'default',
    annotations: { 'backstage.io/kubernetes-id': 'orders' },
  },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:default/shop',
  },
};

/** Who may not see `orders` in the catalog (as a read policy would hide it). */
const OUTSIDER = 'user:default/outsider';

/** The catalog in memory: every entity for everyone but the outsider, who sees none. */
function catalogHidingFromOutsider(entities: Entity[]): CatalogService {
  const everything = catalogServiceMock({ entities });
  const nothing = catalogServiceMock({ entities: [] });
  return new Proxy(everything, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const options = args[args.length - 1] as
          | { credentials?: { principal?: { userEntityRef?: string } } }
          | undefined;
        const view =
          options?.credentials?.principal?.userEntityRef === OUTSIDER
            ? nothing
            : target;
        return Reflect.get(view, property).apply(view, args);
      };
    },
  });
}

interface DryRunLog {
  body: { message: string; stepId?: string; status?: string };
}

describe('the "Move a service to a mesh" template', () => {
  let cluster: Awaited<ReturnType<typeof ordersClusterDirectory>>;
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];

  beforeAll(async () => {
    cluster = await ordersClusterDirectory();
    const catalog = catalogHidingFromOutsider([ORDERS]);
    ({ server } = await startTestBackend({
      features: [
        scaffolderBackend,
        githubModule,
        scaffolderModule,
        serviceMeshBackend,
        createServiceFactory({
          service: catalogServiceRef,
          deps: {},
          factory: () => catalog,
        }),
        // No scan runs: plans are made from the manifests on demand.
        mockServices.scheduler.mock().factory,
        mockServices.rootConfig.factory({
          data: {
            // A dry run never calls GitHub; the action still wants credentials.
            integrations: {
              github: [{ host: 'github.com', token: 'ghp_dry_run_only' }],
            },
            serviceMesh: {
              manifestSources: [
                { name: 'gitops', directory: cluster.directory },
              ],
            },
          },
        }),
      ],
    }));
  });
  afterAll(() => cluster.remove());

  const dryRun = (values: object, user = 'user:default/mock') =>
    request(server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', mockCredentials.user.header(user))
      .send({ template: TEMPLATE, values, directoryContents: [] });

  /** The logger's level prefix, coloured: `<ESC>[32minfo<ESC>[39m: `. */
  const ESC = '\u001b';
  const LEVEL = new RegExp(`^(${ESC}\\[\\d+m)?info(${ESC}\\[\\d+m)?: `);

  /** The messages of a step's log, without the logger's level prefix. */
  const messagesOf = (log: DryRunLog[], stepId: string) =>
    log
      .filter(l => l.body.stepId === stepId)
      .map(l => l.body.message.replace(LEVEL, ''));

  /** The inputs a step ran with, as the dry run logs them. */
  const inputsOf = (log: DryRunLog[], stepId: string) => {
    const prefix =
      /^Running [\w:-]+ in dry-run mode with inputs \(secrets redacted\): /;
    const line = messagesOf(log, stepId).find(m => prefix.test(m));
    return line && JSON.parse(line.replace(prefix, ''));
  };

  it('writes the plan into the workspace and simulates the pull request', async () => {
    const response = await dryRun({
      entityRef: 'component:default/orders',
      target: 'gateway-api',
      repoUrl: 'github.com?owner=acme&repo=deploy',
    });

    expect(response.status).toBe(200);
    const log: DryRunLog[] = response.body.log;
    expect(response.body.steps.map((s: { id: string }) => s.id)).toEqual([
      'plan',
      'publish',
    ]);
    for (const stepId of ['plan', 'publish']) {
      expect(log).toContainEqual({
        body: expect.objectContaining({ stepId, status: 'completed' }),
      });
    }

    // The action's files, from the real plan of the real backend.
    const files = new Map<string, string>(
      response.body.directoryContents.map(
        (f: { path: string; base64Content: string }) => [
          f.path,
          Buffer.from(f.base64Content, 'base64').toString('utf8'),
        ],
      ),
    );
    const paths = [...files.keys()];
    expect(paths.every(p => p.startsWith('meshwise/orders-gateway-api/'))).toBe(
      true,
    );
    const manifests = paths.filter(p => p.endsWith('.yaml'));
    expect(manifests.length).toBeGreaterThan(0);
    expect(manifests).toEqual([...manifests].sort());
    expect(manifests[0]).toMatch(/\/01-[a-z]+-[a-z0-9.-]+\.yaml$/);
    // Each file is a document of the plan's YAML, with its step comments.
    for (const path of manifests) {
      expect(files.get(path)).toMatch(/^# Step \d+ \([a-z]+\): /);
    }
    const route = manifests.find(p => /-httproute-/.test(p));
    expect(route && files.get(route)).toContain(
      'apiVersion: gateway.networking.k8s.io/v1',
    );
    const readme = files.get('meshwise/orders-gateway-api/README.md')!;
    expect(readme).toMatch(
      /^# Move orders to Amazon VPC Lattice \(Gateway API\)\n/,
    );
    expect(readme).toContain('`component:default/orders`');
    for (const path of manifests) {
      const name = path.split('/').pop()!;
      expect(readme).toContain(`[\`${name}\`](${name})`);
    }
    const byHand = readme.split('## Not carried, do this by hand\n')[1];
    expect(byHand).toMatch(/retryPolicy/);

    // The pull request: the plan's files, its title and summary.
    const publish = inputsOf(log, 'publish');
    expect(publish).toEqual(
      expect.objectContaining({
        repoUrl: 'github.com?owner=acme&repo=deploy',
        branchName: 'meshwise/orders-gateway-api',
        title: 'Move orders to Amazon VPC Lattice (Gateway API)',
        sourcePath: 'meshwise/orders-gateway-api',
        targetPath: 'meshwise/orders-gateway-api',
      }),
    );
    expect(publish.description).toMatch(
      /^Moves `component:default\/orders` to Amazon VPC Lattice \(Gateway API\) with the migration plan Meshwise generated: \d+ steps, \d+ manifests in `meshwise\/orders-gateway-api`, \d+ actions? to do by hand/,
    );
    expect(messagesOf(log, 'plan')).toContainEqual(
      expect.stringMatching(
        /^Wrote \d+ manifests and README.md to meshwise\/orders-gateway-api/,
      ),
    );
    expect(messagesOf(log, 'publish')).toContain(
      'Performing dry run of creating pull request',
    );
    expect(response.body.output.links).toEqual([
      { title: 'Pull request', url: 'github.com?owner=acme&repo=deploy' },
      {
        title: 'The service',
        icon: 'catalog',
        entityRef: 'component:default/orders',
      },
    ]);
  });

  it('pushes to the branch the user names', async () => {
    const response = await dryRun({
      entityRef: 'component:default/orders',
      target: 'linkerd',
      repoUrl: 'github.com?owner=acme&repo=deploy',
      branchName: 'move-orders',
    });

    expect(response.status).toBe(200);
    expect(inputsOf(response.body.log, 'publish')).toEqual(
      expect.objectContaining({
        branchName: 'move-orders',
        title: 'Move orders to Linkerd',
        sourcePath: 'meshwise/orders-linkerd',
      }),
    );
  });

  it('fails, naming the service, for a user the catalog does not show it to', async () => {
    const response = await dryRun(
      {
        entityRef: 'component:default/orders',
        target: 'linkerd',
        repoUrl: 'github.com?owner=acme&repo=deploy',
      },
      OUTSIDER,
    );

    expect(response.status).toBe(404);
    expect(response.body.error.message).toMatch(
      /^No migration plan for component:default\/orders: .*may not see/,
    );
  });

  it('offers every migration target, by name', () => {
    const target = TEMPLATE.spec.parameters[0].properties.target;
    expect(target.oneOf).toEqual(
      MIGRATION_TARGETS.map(t => ({ const: t.id, title: t.label })),
    );
  });
});
