import { ConfigReader } from '@backstage/config';
import { readScanConfig } from './scanConfig';

describe('readScanConfig', () => {
  it('doubts reads that lose more than half of the objects by default', () => {
    expect(readScanConfig(new ConfigReader({})).maxObjectDrop).toBe(0.5);
    expect(
      readScanConfig(new ConfigReader({ serviceMesh: { maxObjectDrop: 0.8 } }))
        .maxObjectDrop,
    ).toBe(0.8);
  });

  it('refuses a share outside (0, 1], naming the setting', () => {
    expect(() =>
      readScanConfig(new ConfigReader({ serviceMesh: { maxObjectDrop: 1.5 } })),
    ).toThrow(
      'serviceMesh.maxObjectDrop: expected a share above 0 and at most 1, got 1.5',
    );
  });
});
