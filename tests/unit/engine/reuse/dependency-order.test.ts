// The staging order of a release's dependencies: leaf first, each once, cycles refused with their path.
import { describe, expect, test } from 'vitest';
import { appError } from '../../../../electron/shared/app-error.js';
import { fail, ok, type Result } from '../../../../electron/shared/result.js';
import { dependencyOrder, type DependencyNode } from '../../../../electron/engine/reuse/dependency-order.js';

/** A server's view: each id to the ids it depends on; records every lookup. */
function catalog(graph: Record<string, string[]>) {
  const asked: string[] = [];
  const lookup = async (id: string): Promise<Result<DependencyNode>> => {
    asked.push(id);
    const deps = graph[id];
    if (!deps) {
      return fail(
        appError({ code: 'DELIVERY.notFound', message: `no ${id}`, retryable: false, httpStatus: 404 }),
      );
    }
    return ok({ id, dependencies: deps.map((d) => ({ id: d })) });
  };
  return { lookup, asked };
}

describe('dependencyOrder', () => {
  test('a release without dependencies is staged alone', async () => {
    const order = await dependencyOrder('a', catalog({ a: [] }).lookup);
    expect(order).toEqual(ok([{ catalogId: 'a', closure: [] }]));
  });

  test('a chain is staged leaf first, and each release lists everything below it, leaf first', async () => {
    const order = await dependencyOrder('a', catalog({ a: ['b'], b: ['c'], c: [] }).lookup);
    expect(order.ok && order.value).toEqual([
      { catalogId: 'c', closure: [] },
      { catalogId: 'b', closure: ['c'] },
      { catalogId: 'a', closure: ['c', 'b'] },
    ]);
  });

  test('a diamond stages the shared leaf once, before both releases that need it', async () => {
    const server = catalog({ a: ['b', 'c'], b: ['d'], c: ['d'], d: [] });
    const order = await dependencyOrder('a', server.lookup);
    expect(order.ok && order.value.map((r) => r.catalogId)).toEqual(['d', 'b', 'c', 'a']);
    expect(order.ok && order.value.at(-1)!.closure).toEqual(['d', 'b', 'c']);
    // Each release is described once, however many paths lead to it.
    expect(server.asked.sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  test('a dependency listed twice is staged once', async () => {
    const order = await dependencyOrder('a', catalog({ a: ['b', 'b', 'c'], b: [], c: ['b'] }).lookup);
    expect(order.ok && order.value.map((r) => r.catalogId)).toEqual(['b', 'c', 'a']);
    expect(order.ok && order.value.at(-1)!.closure).toEqual(['b', 'c']);
  });

  test('a cycle is CLIENT.badResponse naming the cycle, and nothing is ordered', async () => {
    const order = await dependencyOrder('a', catalog({ a: ['b'], b: ['c'], c: ['b'] }).lookup);
    expect(order.ok).toBe(false);
    if (order.ok) return;
    expect(order.error.code).toBe('CLIENT.badResponse');
    expect(order.error.message).toContain('b → c → b');
    expect(order.error.detail).toEqual({ cycle: 'b → c → b' });
  });

  test('a release that depends on itself is a cycle too', async () => {
    const order = await dependencyOrder('a', catalog({ a: ['a'] }).lookup);
    expect(!order.ok && order.error.message).toContain('a → a');
  });

  test('a dependency the server cannot describe keeps its code and is named in the message', async () => {
    const order = await dependencyOrder('a', catalog({ a: ['b'], b: ['gone'] }).lookup);
    expect(!order.ok && order.error).toMatchObject({
      code: 'DELIVERY.notFound',
      message: 'Dependency gone of b: no gone',
      detail: { dependency: 'gone' },
    });
  });

  test('a root the offering does not know (404: a map) has no dependencies; preparing it decides', async () => {
    const order = await dependencyOrder('2d6a4f0e-map', catalog({}).lookup);
    expect(order).toEqual(ok([{ catalogId: '2d6a4f0e-map', closure: [] }]));
  });

  test('any other failure to describe the root is reported as is', async () => {
    const down = appError({
      code: 'CLIENT.serverError',
      message: 'HTTP 503',
      retryable: true,
      httpStatus: 503,
    });
    const order = await dependencyOrder('a', async () => fail(down));
    expect(order).toEqual(fail(down));
  });

  test('a tree larger than the limit is refused instead of walked', async () => {
    const graph: Record<string, string[]> = { r0: [] };
    for (let i = 1; i <= 10; i += 1) graph[`r${i}`] = [`r${i - 1}`];
    const server = catalog(graph);
    const order = await dependencyOrder('r10', server.lookup, 5);
    expect(!order.ok && order.error.code).toBe('CLIENT.badResponse');
    expect(server.asked.length).toBeLessThanOrEqual(5);
  });
});
