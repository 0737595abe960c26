/**
 * Greedy CTC decoding of the recognition model's output (per time step, a probability for
 * each class: 0 the blank, then the dictionary, then the space), keeping where each character
 * was seen so that words can be given boxes.
 */

export interface DecodedChar {
  char: string;
  /** First and last time step of the character's run. */
  first: number;
  last: number;
  /** Highest probability over the run. */
  probability: number;
}

export interface Decoded {
  chars: DecodedChar[];
  text: string;
  /** Mean of the characters' probabilities (0 when nothing was read). */
  confidence: number;
}

/**
 * Decodes one sequence: `probs` holds `steps` × `classCount` values starting at `offset`.
 * With `allowed` (one flag per class), only those classes (and the blank) are considered; a
 * step whose best class is clearly something else (a Chinese bracket beside a code) reads
 * as blank rather than as the least unlikely allowed character.
 */
export function ctcDecode(probs: Float32Array, offset: number, steps: number, classes: readonly string[], allowed?: Uint8Array): Decoded {
  const classCount = classes.length;
  const chars: DecodedChar[] = [];
  let previous = 0;
  for (let t = 0; t < steps; t++) {
    const base = offset + t * classCount;
    let best = 0;
    let bestP = probs[base]!;
    let bestAllowed = 0;
    let bestAllowedP = probs[base]!;
    for (let c = 1; c < classCount; c++) {
      const p = probs[base + c]!;
      if (p > bestP) {
        bestP = p;
        best = c;
      }
      if (allowed && allowed[c] && p > bestAllowedP) {
        bestAllowedP = p;
        bestAllowed = c;
      }
    }
    let index = best;
    let probability = bestP;
    if (allowed && !allowed[best]) {
      index = bestP >= 0.5 ? 0 : bestAllowed;
      probability = index === 0 ? bestP : bestAllowedP;
    }
    if (index !== 0 && index !== previous) {
      chars.push({ char: classes[index]!, first: t, last: t, probability });
    } else if (index !== 0 && index === previous) {
      const last = chars[chars.length - 1]!;
      last.last = t;
      last.probability = Math.max(last.probability, probability);
    }
    previous = index;
  }
  const confidence = chars.length ? chars.reduce((sum, c) => sum + c.probability, 0) / chars.length : 0;
  return { chars, text: chars.map((c) => c.char).join(''), confidence };
}

/** One flag per class: whether the class's character is in `whitelist` (the blank always is). */
export function allowedClasses(classes: readonly string[], whitelist: string): Uint8Array {
  const wanted = new Set([...whitelist]);
  const allowed = new Uint8Array(classes.length);
  allowed[0] = 1;
  classes.forEach((char, i) => {
    if (i > 0 && wanted.has(char)) allowed[i] = 1;
  });
  return allowed;
}
