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

describe('readScanConfig: unchanged entities', () => {
  it('assesses an unchanged entity again after a day by default, or as configured', () => {
    expect(readScanConfig(new ConfigReader({})).reassessUnchangedAfterMs).toBe(
      86_400_000,
    );
    expect(
      readScanConfig(
        new ConfigReader({
          serviceMesh: { scan: { reassessUnchangedAfter: '12h' } },
        }),
      ).reassessUnchangedAfterMs,
    ).toBe(43_200_000);
    expect(() =>
      readScanConfig(
        new ConfigReader({
          serviceMesh: { scan: { reassessUnchangedAfter: { hours: 0 } } },
        }),
      ),
    ).toThrow(
      'serviceMesh.scan.reassessUnchangedAfter: expected a duration above zero',
    );
  });
});

describe('readScanConfig: shards', () => {
  it('scans every cluster in one task by default, or in the shards configured', () => {
    expect(readScanConfig(new ConfigReader({})).shards).toBe(1);
    expect(
      readScanConfig(new ConfigReader({ serviceMesh: { scan: { shards: 8 } } }))
        .shards,
    ).toBe(8);
    for (const shards of [0, 1.5, 257]) {
      expect(() =>
        readScanConfig(new ConfigReader({ serviceMesh: { scan: { shards } } })),
      ).toThrow(
        `serviceMesh.scan.shards: expected a whole number from 1 to 256, got ${shards}`,
      );
    }
  });
});

describe('readScanConfig: the catalog follow-up', () => {
  const followUpOf = (serviceMesh: object) =>
    readScanConfig(new ConfigReader({ serviceMesh })).followUp;

  it('looks every 30 seconds from one look after the first scan, and scans at most once a minute, by default', () => {
    expect(followUpOf({})).toEqual({
      frequency: { milliseconds: 30_000 },
      initialDelay: { milliseconds: 40_000 },
      minIntervalMs: 60_000,
    });
  });

  it('reads durations as objects or strings', () => {
    expect(
      followUpOf({
        schedule: {
          frequency: { minutes: 30 },
          timeout: { minutes: 15 },
          initialDelay: { seconds: 3 },
        },
        followUp: { frequency: '15s', minInterval: { minutes: 2 } },
      }),
    ).toEqual({
      frequency: { milliseconds: 15_000 },
      initialDelay: { milliseconds: 18_000 },
      minIntervalMs: 120_000,
    });
  });

  it('is off when disabled, and by default with a manual scan schedule', () => {
    const manual = {
      frequency: { trigger: 'manual' },
      timeout: { minutes: 15 },
    };
    expect(followUpOf({ followUp: { enabled: false } })).toBeUndefined();
    expect(followUpOf({ schedule: manual })).toBeUndefined();
    expect(
      followUpOf({ schedule: manual, followUp: { enabled: true } }),
    ).toEqual(expect.objectContaining({ minIntervalMs: 60_000 }));
  });

  it('refuses a duration of zero, naming the setting', () => {
    expect(() =>
      followUpOf({ followUp: { frequency: { seconds: 0 } } }),
    ).toThrow('serviceMesh.followUp.frequency: expected a duration above zero');
  });
});
