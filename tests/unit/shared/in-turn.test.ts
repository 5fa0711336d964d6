// createTurns: queued calls run one after another in the order asked, and a failed one does not
// stop those behind it.
import { describe, expect, it } from 'vitest';
import { createTurns } from '../../../electron/shared/in-turn.js';

describe('createTurns', () => {
  it('starts each call only after the one before it settled, even when that one is slower', async () => {
    const inTurn = createTurns();
    const events: string[] = [];
    let finishFirst: () => void = () => undefined;
    const first = inTurn(async () => {
      events.push('first started');
      await new Promise<void>((resolve) => (finishFirst = resolve));
      events.push('first done');
      return 1;
    });
    const second = inTurn(async () => {
      events.push('second started');
      return 2;
    });
    await Promise.resolve();
    await Promise.resolve();
    expect(events).toEqual(['first started']);
    finishFirst();
    expect(await Promise.all([first, second])).toEqual([1, 2]);
    expect(events).toEqual(['first started', 'first done', 'second started']);
  });

  it('goes on after a call that failed, and hands the failure to its caller alone', async () => {
    const inTurn = createTurns();
    const failed = inTurn(() => Promise.reject(new Error('disk full')));
    const next = inTurn(async () => 'saved');
    await expect(failed).rejects.toThrow('disk full');
    await expect(next).resolves.toBe('saved');
  });
});
