import { ConfigReader } from '@backstage/config';
import { clusterSourcesFromConfig } from './clusterSourcesFromConfig';

describe('clusterSourcesFromConfig', () => {
  it("reads the Kubernetes plugin's config clusters and the manifest sources", () => {
    const { sources, problems } = clusterSourcesFromConfig(
      new ConfigReader({
        kubernetes: {
          clusterLocatorMethods: [
            {
              type: 'config',
              clusters: [
                {
                  name: 'prod-eu',
                  url: 'https://10.0.0.1:6443',
                  authProvider: 'serviceAccount',
                  serviceAccountToken: 'secret-token',
                  caData: 'LS0tLS1CRUdJTi0tLS0t',
                },
                {
                  name: 'dev',
                  url: 'https://dev.example:6443',
                  authProvider: 'oidc',
                },
              ],
            },
            { type: 'gke', projectId: 'p' },
          ],
        },
        serviceMesh: {
          manifestSources: [{ name: 'gitops', directory: '/srv/gitops' }],
        },
      }),
    );

    expect(sources.map(s => [s.name, s.type])).toEqual([
      ['prod-eu', 'kubernetes'],
      ['gitops', 'manifests'],
    ]);
    expect(problems).toEqual([
      {
        cluster: 'dev',
        problem: expect.objectContaining({
          reason: 'configuration',
          message: expect.stringContaining('authProvider oidc'),
        }),
      },
    ]);
    expect(JSON.stringify(problems)).not.toContain('secret-token');
  });

  it('has no sources when nothing is configured', () => {
    expect(clusterSourcesFromConfig(new ConfigReader({}))).toEqual({
      sources: [],
      problems: [],
    });
  });
});
