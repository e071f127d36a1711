import { getPath } from './access';

describe('getPath', () => {
  const node = {
    spec: {
      listeners: [
        { portMapping: { port: 8080, protocol: 'http' } },
        { portMapping: { port: 8090 } },
      ],
    },
  };

  it('indexes arrays with numeric segments', () => {
    expect(getPath(node, 'spec.listeners.0.portMapping.port')).toBe(8080);
    expect(getPath(node, 'spec.listeners.1.portMapping.port')).toBe(8090);
  });

  it('is undefined past the end of an array or for a non-numeric segment on one', () => {
    expect(getPath(node, 'spec.listeners.2.portMapping.port')).toBeUndefined();
    expect(getPath(node, 'spec.listeners.first')).toBeUndefined();
    expect(getPath(node, 'spec.listeners.-1')).toBeUndefined();
  });

  it('reads nested objects and stops at scalars', () => {
    expect(getPath(node, 'spec.listeners.0.portMapping')).toEqual({
      port: 8080,
      protocol: 'http',
    });
    expect(
      getPath(node, 'spec.listeners.0.portMapping.port.x'),
    ).toBeUndefined();
    expect(getPath(undefined, 'spec')).toBeUndefined();
  });
});
