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

describe('ServiceMeshClient requests', () => {
  const ok =
    (body: unknown, status = 200) =>
    () =>
      new Response(JSON.stringify(body), {
        status,
        headers: { 'Content-Type': 'application/json' },
      });

  it('names the entity in lower case and encoded, and asks for the target', async () => {
    const { client, fetch } = clientWith([ok({ steps: [] })]);

    await client.getMigrationPlan(
      { kind: 'Component', namespace: 'Default', name: 'Cart API/v2' },
      'gateway-api',
    );

    expect(fetch).toHaveBeenCalledWith(
      'http://backend/api/service-mesh/entities/component/default/cart%20api%2Fv2/migration-plan?target=gateway-api',
      { method: 'GET', headers: {} },
    );
  });

  it('repeats list parameters and leaves out empty ones', async () => {
    const { client, fetch } = clientWith([ok({ items: [], totalCount: 0 })]);

    await client.listTasks({
      status: ['open', 'blocked'],
      assignee: [],
      entityRef: 'component:default/cart',
      limit: 5,
    });

    expect(fetch.mock.calls[0]).toEqual([
      'http://backend/api/service-mesh/tasks?status=open&status=blocked&entityRef=component%3Adefault%2Fcart&limit=5',
      { method: 'GET', headers: {} },
    ]);
  });

  it('sends bodies as JSON with their method, and the Idempotency-Key', async () => {
    const { client, fetch } = clientWith([
      ok({ id: '1' }, 201),
      ok({ id: '1' }),
    ]);

    await client.createTask(
      { entityRef: 'component:default/cart', target: 'linkerd' },
      { idempotencyKey: 'k1' },
    );
    await client.updateTask('a/b', { version: 2, status: 'done' });

    expect(fetch.mock.calls).toEqual([
      [
        'http://backend/api/service-mesh/tasks',
        {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            'Idempotency-Key': 'k1',
          },
          body: '{"entityRef":"component:default/cart","target":"linkerd"}',
        },
      ],
      [
        'http://backend/api/service-mesh/tasks/a%2Fb',
        {
          method: 'PATCH',
          headers: { 'Content-Type': 'application/json' },
          body: '{"version":2,"status":"done"}',
        },
      ],
    ]);
  });

  it('rejects with the ResponseError of a failed answer', async () => {
    const { client } = clientWith([
      ok({ error: { name: 'NotFoundError', message: 'Task 9 is gone' } }, 404),
    ]);

    await expect(client.getTask('9')).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 404,
    });
  });
});
