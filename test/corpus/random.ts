/**
 * Seeded randomness for the corpus: everything the corpus draws comes from an `Rng` derived
 * from the corpus seed, so the same seed gives byte-identical files.
 *
 * `fork(label)` derives an independent stream from a stream's seed and a label (without
 * consuming numbers from the parent), so every document gets its own stream and adding a
 * document or reordering generation never changes the others.
 */

/** 32-bit FNV-1a of a string, for deriving seeds from labels. */
export function hashString(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export interface Rng {
  /** The 32-bit seed this stream started from. */
  readonly seed: number;
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max] (both inclusive). */
  int(min: number, max: number): number;
  /** Uniform in [min, max). */
  float(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Pick with weights (same length as items). */
  weighted<T>(items: readonly T[], weights: readonly number[]): T;
  /** k distinct items, in random order. */
  sample<T>(items: readonly T[], k: number): T[];
  shuffle<T>(items: readonly T[]): T[];
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** `length` characters drawn from `alphabet`. */
  chars(alphabet: string, length: number): string;
  /** A plus or minus sign. */
  sign(): 1 | -1;
  /** An independent stream for `label`. */
  fork(label: string | number): Rng;
}

/** sfc32: small, fast and good enough for test data; seeded through splitmix32. */
export function createRng(seed: number | string): Rng {
  const base = typeof seed === 'string' ? hashString(seed) : seed >>> 0;
  let s = base;
  const splitmix = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();

  const rng: Rng = {
    seed: base,
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    float: (min, max) => min + next() * (max - min),
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)]!;
    },
    weighted: (items, weights) => {
      const total = weights.reduce((x, y) => x + y, 0);
      let r = next() * total;
      for (let i = 0; i < items.length; i++) {
        r -= weights[i]!;
        if (r < 0) return items[i]!;
      }
      return items[items.length - 1]!;
    },
    shuffle: (items) => {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j]!, out[i]!];
      }
      return out;
    },
    sample: (items, k) => rng.shuffle(items).slice(0, Math.min(k, items.length)),
    normal: () => {
      const u = Math.max(next(), 1e-12);
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    chars: (alphabet, length) => {
      let out = '';
      for (let i = 0; i < length; i++) out += alphabet.charAt(Math.floor(next() * alphabet.length));
      return out;
    },
    sign: () => (next() < 0.5 ? -1 : 1),
    fork: (label) => createRng(hashString(String(label), base ^ 0x5bd1e995)),
  };
  return rng;
}

/**
 * A very fast inline generator for per-pixel noise (xorshift32); not for anything that needs
 * quality, only for grain. Returns numbers in [0, 1).
 */
export function pixelNoise(seed: number): () => number {
  let x = seed >>> 0 || 0x9e3779b9;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 4294967296;
  };
}

/** ISO date helpers on plain YYYY-MM-DD strings (UTC, no time zones involved). */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return isoDate(d);
}

export function addMonths(iso: string, months: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return isoDate(d);
}

/** A random date between two ISO dates (inclusive). */
export function randomDate(rng: Rng, from: string, to: string): string {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  const days = Math.round((b - a) / 86_400_000);
  return addDays(from, rng.int(0, Math.max(0, days)));
}

/** '2026-05-08' → '2026年5月8日' (or with zero padding: '2026年05月08日'). */
export function zhDate(iso: string, pad = false): string {
  const [y, m, d] = iso.split('-');
  return pad ? `${y}年${m}月${d}日` : `${y}年${Number(m)}月${Number(d)}日`;
}

const ZH_DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** '2026-05-08' → '二〇二六年五月八日' (the style of official documents and certificates). */
export function zhDateUpper(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const small = (n: number) => {
    if (n < 10) return ZH_DIGITS[n]!;
    if (n === 10) return '十';
    if (n < 20) return `十${ZH_DIGITS[n - 10]}`;
    return `${ZH_DIGITS[Math.floor(n / 10)]}十${n % 10 ? ZH_DIGITS[n % 10] : ''}`;
  };
  return `${[...String(y)].map((c) => ZH_DIGITS[Number(c)]).join('')}年${small(m)}月${small(d)}日`;
}
