import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { clusterSourcesFromConfig } from './clusterSourcesFromConfig';
import { ManifestDirectorySource } from './ManifestDirectorySource';
import { ManifestUrlSource } from './ManifestUrlSource';

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

  describe('manifest sources', () => {
    const urlReader = mockServices.urlReader.mock();
    const fromSources = (manifestSources: object[]) =>
      clusterSourcesFromConfig(
        new ConfigReader({ serviceMesh: { manifestSources } }),
        { urlReader },
      );

    it('reads a directory or a repository URL, with the limits of each', () => {
      const { sources, problems } = fromSources([
        { name: 'local', directory: '/srv/gitops' },
        {
          name: 'remote',
          url: 'https://github.com/acme/deploy/tree/main/k8s',
          maxFiles: 100,
        },
      ]);

      expect(problems).toEqual([]);
      expect(sources[0]).toBeInstanceOf(ManifestDirectorySource);
      expect(sources[1]).toBeInstanceOf(ManifestUrlSource);
      expect(sources.map(s => [s.name, s.type])).toEqual([
        ['local', 'manifests'],
        ['remote', 'manifests'],
      ]);
    });

    it.each([
      [
        'both directory and url',
        { directory: '/srv/gitops', url: 'https://github.com/acme/deploy' },
        'serviceMesh.manifestSources[1] (gitops): set either serviceMesh.manifestSources[1].directory or serviceMesh.manifestSources[1].url, not both',
      ],
      [
        'neither',
        {},
        'serviceMesh.manifestSources[1] (gitops): set serviceMesh.manifestSources[1].directory (a local directory) or serviceMesh.manifestSources[1].url (a repository URL read through integrations)',
      ],
      [
        'a url that is not one',
        { url: 'github.com/acme/deploy' },
        'serviceMesh.manifestSources[1] (gitops): serviceMesh.manifestSources[1].url is not a URL',
      ],
      [
        'a url of another scheme',
        { url: 'ssh://git@github.com/acme/deploy' },
        'serviceMesh.manifestSources[1] (gitops): serviceMesh.manifestSources[1].url must be an http(s) URL',
      ],
      [
        'a url with credentials',
        { url: 'https://bot:ghp-secret@github.com/acme/deploy' },
        'serviceMesh.manifestSources[1] (gitops): serviceMesh.manifestSources[1].url must not hold credentials; configure them under integrations for host github.com',
      ],
    ])('stops the start on %s, naming the field', (_, location, message) => {
      const read = () =>
        fromSources([
          { name: 'fine', directory: '/srv/fine' },
          { name: 'gitops', ...location },
        ]);

      expect(read).toThrow(message);
      expect(() => read()).not.toThrow(/ghp-secret/);
    });
  });
});
