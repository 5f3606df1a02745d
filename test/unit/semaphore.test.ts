// The bound on concurrent password hashing: at most `max` run, `maxWaiting` wait in order, the rest are refused.
import { describe, expect, it } from 'vitest';
import { createSemaphore, SemaphoreFullError } from '../../src/app/semaphore.js';

describe('createSemaphore', () => {
  it('runs at most max tasks, queues maxWaiting in FIFO order and refuses the rest at once', async () => {
    const slots = createSemaphore(2, 3);
    const release: (() => void)[] = [];
    const started: number[] = [];
    const task = (i: number) =>
      slots.run(
        () =>
          new Promise<number>((resolve) => {
            started.push(i);
            release.push(() => resolve(i));
          }),
      );
    const running = [0, 1, 2, 3, 4].map(task);
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(slots.load()).toEqual({ running: 2, waiting: 3 });
    await expect(task(5)).rejects.toBeInstanceOf(SemaphoreFullError);
    while (release.length) {
      release.shift()?.();
      await new Promise((r) => setImmediate(r));
    }
    expect(await Promise.all(running)).toEqual([0, 1, 2, 3, 4]);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(slots.load()).toEqual({ running: 0, waiting: 0 });
  });

  it('lets an urgent waiter overtake the normal ones, each lane bounded on its own', async () => {
    const slots = createSemaphore(1, 2);
    const order: string[] = [];
    let releaseFirst!: () => void;
    const first = slots.run(
      () =>
        new Promise<void>((r) => {
          order.push('tebakan-1');
          releaseFirst = r;
        }),
    );
    const task = (name: string, urgent = false) => slots.run(async () => void order.push(name), { urgent });
    const guesses = [task('tebakan-2'), task('tebakan-3')];
    await expect(task('tebakan-4')).rejects.toBeInstanceOf(SemaphoreFullError);
    const admin = task('admin', true);
    releaseFirst();
    await Promise.all([first, ...guesses, admin]);
    expect(order).toEqual(['tebakan-1', 'admin', 'tebakan-2', 'tebakan-3']);
  });

  it('frees the slot when a task throws', async () => {
    const slots = createSemaphore(1, 0);
    await expect(slots.run(async () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    expect(await slots.run(async () => 7)).toBe(7);
  });
});
