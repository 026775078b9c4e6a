// Waiting on events with deadlines. No test waits a fixed time for something it could observe.

// Polls `condition` (sync or async) until it returns a truthy value, which is returned. A condition that
// throws counts as not yet true; the last error is reported when the deadline passes.
export async function waitFor(condition, { timeoutMs = 5000, intervalMs = 50, what = 'condition' } = {}) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  for (;;) {
    try {
      const value = await condition();
      if (value) return value;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const why = lastError ? ` (last error: ${lastError.message ?? lastError})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${why}`);
    }
    await delay(Math.min(intervalMs, Math.max(1, deadline - Date.now())));
  }
}

// Rejects when `promise` has not settled within `timeoutMs`.
export function withTimeout(promise, timeoutMs, what = 'operation') {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// Only for measurement windows (e.g. counting reconnect attempts over a fixed time), never to "let
// something happen".
export function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// Items pushed by event handlers, taken in order by the test with a deadline.
export class AsyncQueue {
  constructor(name = 'queue') {
    this.name = name;
    this.items = [];
    this.takers = [];
  }

  push(item) {
    const taker = this.takers.shift();
    if (taker) taker(item);
    else this.items.push(item);
  }

  get length() {
    return this.items.length;
  }

  take(timeoutMs = 5000, what = `next item of ${this.name}`) {
    if (this.items.length > 0) return Promise.resolve(this.items.shift());
    let taker;
    const taken = new Promise((resolve) => {
      taker = resolve;
      this.takers.push(taker);
    });
    return withTimeout(taken, timeoutMs, what).catch((error) => {
      this.takers = this.takers.filter((t) => t !== taker);
      throw error;
    });
  }
}
