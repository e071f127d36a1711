import { ServiceMeshClient } from './ServiceMeshClient';

function clientWith(answers: Array<() => Response>) {
  let now = 0;
  const fetch = jest.fn(async () => answers.shift()!());
  const client = new ServiceMeshClient({
    discoveryApi: { getBaseUrl: async () => 'http://backend/api/service-mesh' },
    fetchApi: { fetch } as any,
    now: () => now,
  });
  return { client, fetch, advance: (ms: number) => (now += ms) };
}

const kb = (name: string) => () =>
  new Response(JSON.stringify({ capabilities: [], entries: [{ name }] }), {
    status: 200,
    headers: { 'Content-Type': 'application/json' },
  });

describe('ServiceMeshClient.getMeshes', () => {
  it('asks the backend once for every page within a few minutes, then again', async () => {
    const { client, fetch, advance } = clientWith([kb('first'), kb('second')]);
    await client.getMeshes();
    advance(60_000);
    const cached = await client.getMeshes();
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(cached.entries[0].name).toBe('first');

    advance(5 * 60_000);
    const fresh = await client.getMeshes();
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(fresh.entries[0].name).toBe('second');
  });

  it('does not keep a failed answer', async () => {
    const { client, fetch } = clientWith([
      () => new Response('down', { status: 503 }),
      kb('back'),
    ]);
    await expect(client.getMeshes()).rejects.toThrow();
    await expect(client.getMeshes()).resolves.toMatchObject({
      entries: [{ name: 'back' }],
    });
    expect(fetch).toHaveBeenCalledTimes(2);
  });
});
