import serviceMeshPlugin from '.';
import { SERVICE_FILTER } from './plugin';

describe('service-mesh plugin (new frontend system)', () => {
  it('is the service-mesh plugin', () => {
    expect(serviceMeshPlugin.pluginId).toBe('service-mesh');
    expect(serviceMeshPlugin.routes.root).toBeDefined();
  });

  it('has the API, the page, the Mesh tab and the readiness card', () => {
    // getExtension throws for an id the plugin does not have
    for (const id of [
      'api:service-mesh',
      'page:service-mesh',
      'entity-content:service-mesh/mesh',
      'entity-card:service-mesh/readiness',
    ]) {
      expect(serviceMeshPlugin.getExtension(id as never)).toBeDefined();
    }
    expect(() =>
      serviceMeshPlugin.getExtension('page:nope' as never),
    ).toThrow();
  });

  it('shows the tab and the card on components of type service', () => {
    expect(SERVICE_FILTER).toEqual({
      kind: 'component',
      'spec.type': 'service',
    });
  });
});
