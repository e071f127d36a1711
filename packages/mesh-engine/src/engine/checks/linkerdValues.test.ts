import * as yaml from 'yaml';
import { KubeObject } from '../model/kubeObject';
import { linkerdValue } from './linkerdValues';

jest.mock('yaml', () => {
  const actual = jest.requireActual('yaml');
  return { ...actual, parse: jest.fn(actual.parse) };
});

const linkerdConfig = (values: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'linkerd-config', namespace: 'linkerd' },
  data: { values },
});

describe('linkerdValue', () => {
  beforeEach(() => jest.mocked(yaml.parse).mockClear());

  it('reads a setting of the values', () => {
    const config = linkerdConfig(
      'proxyInit:\n  ignoreInboundPorts: "4567,4568,25"\nidentity:\n  serviceAccountTokenProjection: false\n',
    );
    expect(linkerdValue(config, 'proxyInit.ignoreInboundPorts')).toBe(
      '4567,4568,25',
    );
    expect(linkerdValue(config, 'identity.serviceAccountTokenProjection')).toBe(
      false,
    );
    expect(linkerdValue(config, 'proxy.image.name')).toBeUndefined();
  });

  it('parses a ConfigMap once, however many workloads read it', () => {
    const config = linkerdConfig('proxyInit:\n  ignoreInboundPorts: "25"\n');
    for (let i = 0; i < 100; i++) {
      expect(linkerdValue(config, 'proxyInit.ignoreInboundPorts')).toBe('25');
      linkerdValue(config, 'identity.serviceAccountTokenProjection');
    }
    expect(yaml.parse).toHaveBeenCalledTimes(1);
    // Another cluster's ConfigMap is its own.
    linkerdValue(
      linkerdConfig('proxyInit:\n  ignoreInboundPorts: "26"\n'),
      'proxyInit.ignoreInboundPorts',
    );
    expect(yaml.parse).toHaveBeenCalledTimes(2);
  });

  it('reads nothing from values that are not YAML, or absent', () => {
    const broken = linkerdConfig('proxyInit: [unclosed');
    expect(linkerdValue(broken, 'proxyInit')).toBeUndefined();
    expect(linkerdValue(broken, 'proxyInit')).toBeUndefined();
    expect(yaml.parse).toHaveBeenCalledTimes(1);
    expect(linkerdValue(undefined, 'proxyInit')).toBeUndefined();
    expect(linkerdValue({ ...broken, data: {} }, 'proxyInit')).toBeUndefined();
  });
});
