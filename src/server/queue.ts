/**
 * The bounded work queue in front of the expensive routes: at most `maxInFlight` requests
 * are worked on, at most `maxQueued` wait for a turn, and any more are refused at once
 * (QC_SERVER_BUSY → 429 with Retry-After) instead of piling up uploads in memory.
 *
 * A turn is taken before a request's upload is read, so a waiting request costs a socket,
 * not its files. A turn is given back when the work really ends, not when its answer went
 * out early (a time-out): the queue counts the work the machine is actually doing.
 */
import { QcError } from '../errors.js';

export interface QueueStats {
  inFlight: number;
  queued: number;
  maxInFlight: number;
  maxQueued: number;
  /** Smoothed duration of a turn, for the Retry-After estimate. */
  averageMs: number;
}

interface Waiter {
  grant: (release: () => void) => void;
}

export class WorkQueue {
  private inFlight = 0;
  private readonly waiting: Waiter[] = [];
  private averageMs = 1000;

  constructor(
    readonly maxInFlight: number,
    readonly maxQueued: number,
  ) {}

  stats(): QueueStats {
    return { inFlight: this.inFlight, queued: this.waiting.length, maxInFlight: this.maxInFlight, maxQueued: this.maxQueued, averageMs: Math.round(this.averageMs) };
  }

  /** Seconds until a turn is likely free: the work ahead, spread over the workers. */
  retryAfterSeconds(): number {
    const ahead = this.inFlight + this.waiting.length;
    return Math.min(120, Math.max(1, Math.ceil((ahead * this.averageMs) / this.maxInFlight / 1000)));
  }

  /**
   * Wait for a turn; resolves with the function that gives it back (call it exactly once).
   * Throws QC_SERVER_BUSY when the queue is full; rejects with the signal's reason when the
   * signal aborts while waiting.
   */
  acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.inFlight < this.maxInFlight) {
      this.inFlight++;
      return Promise.resolve(this.releaser());
    }
    if (this.waiting.length >= this.maxQueued) {
      return Promise.reject(new QcError('QC_SERVER_BUSY', { retryAfter: this.retryAfterSeconds() }));
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        grant: (release) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(release);
        },
      };
      const onAbort = () => {
        const at = this.waiting.indexOf(waiter);
        if (at >= 0) this.waiting.splice(at, 1);
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(waiter);
    });
  }

  private releaser(): () => void {
    const started = performance.now();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.averageMs = this.averageMs * 0.8 + (performance.now() - started) * 0.2;
      const next = this.waiting.shift();
      // The turn passes straight to the next waiter: inFlight stays the same.
      if (next) next.grant(this.releaser());
      else this.inFlight--;
    };
  }
}
