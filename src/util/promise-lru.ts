/**
 * A least-recently-used cache of pending values, bounded in entries and in bytes: the read
 * cache (uploads) and the page rasters share it. A value that fails is forgotten (the next ask
 * tries again); the newest entry always stays, even over the budget (one huge photo), and older
 * ones go first.
 */
export class PromiseLru<V> {
  private readonly entries = new Map<string, { pending: Promise<V>; bytes: number }>();
  private bytes = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly maxEntries = Infinity,
  ) {}

  /**
   * The value under `key`, made by `produce` when absent. `size` is its bytes: a number known
   * at once, or measured from the value once it is there.
   */
  get(key: string, produce: () => Promise<V>, size: number | ((value: V) => number)): Promise<V> {
    const hit = this.entries.get(key);
    if (hit) {
      // Refresh its place: the map's order is the LRU order.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.pending;
    }
    const entry = { pending: produce(), bytes: 0 };
    this.entries.set(key, entry);
    const account = (bytes: number) => {
      entry.bytes = bytes;
      this.bytes += bytes;
      this.trim();
    };
    if (typeof size === 'number') account(size);
    entry.pending.then(
      (value) => {
        if (typeof size === 'function' && this.entries.get(key) === entry) account(size(value));
      },
      () => {
        if (this.entries.get(key) === entry) this.forget(key);
      },
    );
    if (typeof size !== 'number') this.trim();
    return entry.pending;
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  private forget(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }

  private trim(): void {
    while (this.entries.size > 1 && (this.entries.size > this.maxEntries || this.bytes > this.maxBytes)) this.forget(this.entries.keys().next().value!);
  }
}
