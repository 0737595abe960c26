import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  USCC_ALPHABET,
  USCC_WEIGHTS,
  computeUsccCheck,
  describeUscc,
  normalizeUscc,
  repairUscc,
  validateUscc,
  type UsccRepair,
} from '../src/domain/uscc.js';

// shared/ always sits beside the repository, wherever the repository is cloned.
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const VECTORS = readFileSync(path.resolve(repoRoot, 'test/fixtures/uscc-valid-vectors.txt'), 'utf8')
  .split(/\r?\n/)
  .map((line) => line.trim())
  .filter((line) => line !== '');

const at = (s: string, i: number) => s.charAt(i);
const replaceAt = (s: string, i: number, ch: string) => s.slice(0, i) + ch + s.slice(i + 1);
const insertAt = (s: string, i: number, ch: string) => s.slice(0, i) + ch + s.slice(i);
/** 17 characters plus their check character. */
const withCheck = (first17: string) => first17 + computeUsccCheck(first17);
const value = (ch: string) => USCC_ALPHABET.indexOf(ch);

/** Measured repair rates, printed once at the end. */
const rates: string[] = [];
afterAll(() => {
  if (rates.length === 0) return;
  console.info(`USCC repair rates over ${VECTORS.length} reference codes:\n  ${rates.join('\n  ')}`);
});

describe('constants', () => {
  it('has the 31-character alphabet without I, O, Z, S, V', () => {
    expect(USCC_ALPHABET).toHaveLength(31);
    expect(new Set(USCC_ALPHABET).size).toBe(31);
    for (const ch of 'IOZSV') expect(USCC_ALPHABET).not.toContain(ch);
    for (const ch of '0123456789') expect(USCC_ALPHABET).toContain(ch);
  });

  it('weights are 3^(i-1) mod 31', () => {
    expect(USCC_WEIGHTS).toEqual(Array.from({ length: 17 }, (_, i) => Number(3n ** BigInt(i) % 31n)));
  });
});

describe('reference vectors', () => {
  it('reads 100 distinct codes', () => {
    expect(VECTORS).toHaveLength(100);
    expect(new Set(VECTORS).size).toBe(100);
  });

  it.each(VECTORS)('%s is valid', (code) => {
    const result = validateUscc(code);
    expect(result.problems).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.code).toBe(code);
    expect(result.expectedCheck).toBe(at(code, 17));
    expect(computeUsccCheck(code.slice(0, 17))).toBe(at(code, 17));
  });

  it('all pass the organisation-code check (why repair relies on it)', () => {
    expect(VECTORS.filter((code) => validateUscc(code).orgCodeValid !== true)).toEqual([]);
  });

  it('every wrong check character is rejected, naming the expected one', () => {
    for (const code of VECTORS) {
      const right = at(code, 17);
      for (const wrong of USCC_ALPHABET.replace(right, '')) {
        const result = validateUscc(replaceAt(code, 17, wrong));
        expect(result.valid).toBe(false);
        expect(result.expectedCheck).toBe(right);
        expect(result.problems).toHaveLength(1);
        const [problem] = result.problems;
        expect(problem?.code).toBe('QC_USCC_CHECK');
        expect(problem?.position).toBe(18);
        expect(problem?.message).toContain(`应为“${right}”，实际为“${wrong}”`);
        expect(problem?.messageEn).toContain(`should be "${right}", not "${wrong}"`);
      }
    }
  });
});

describe('check character 0 (sum divisible by 31)', () => {
  it('the reference vectors include codes ending in 0, and they validate', () => {
    const zeros = VECTORS.filter((code) => code.endsWith('0'));
    expect(zeros.length).toBeGreaterThan(0);
    for (const code of zeros) expect(validateUscc(code).valid).toBe(true);
  });

  it('for every vector exactly one position-17 character makes the check 0, and that code validates', () => {
    for (const code of VECTORS) {
      const variants = [...USCC_ALPHABET].map((ch) => code.slice(0, 16) + ch);
      const checks = variants.map(computeUsccCheck);
      // Every check must be a real alphabet character; an index of 31 would give ''.
      for (const check of checks) expect(USCC_ALPHABET).toContain(check);
      expect(checks.every((c) => c.length === 1)).toBe(true);
      const zeroing = variants.filter((_, i) => checks[i] === '0');
      expect(zeroing).toHaveLength(1);
      const first17 = zeroing[0]!;
      const sum = [...first17].reduce((s, ch, i) => s + value(ch) * USCC_WEIGHTS[i]!, 0);
      expect(sum % 31).toBe(0);
      expect(validateUscc(first17 + '0').valid).toBe(true);
      expect(validateUscc(first17 + '0').expectedCheck).toBe('0');
    }
  });
});

describe('normalizeUscc', () => {
  const fullWidth = (s: string) => s.replace(/[!-~]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));

  it('folds full-width characters, spaces, dashes and lower case', () => {
    for (const code of VECTORS) {
      const messy = ` ${fullWidth(code.slice(0, 6)).toLowerCase()}\u3000${code.slice(6, 10)}-${code
        .slice(10, 14)
        .toLowerCase()}\u2014${fullWidth(code.slice(14))}－\t`;
      expect(normalizeUscc(messy)).toBe(code);
      const result = validateUscc(messy);
      expect(result.valid).toBe(true);
      expect(result.input).toBe(messy);
      expect(result.code).toBe(code);
      expect(repairUscc(messy)).toEqual({ input: messy, status: 'valid', code, candidates: [code], edits: [] });
    }
  });
});

describe('validateUscc problems', () => {
  const code = VECTORS[0]!;

  it('empty input', () => {
    for (const input of ['', '   ', '\u3000', '-']) {
      const result = validateUscc(input);
      expect(result.valid).toBe(false);
      expect(result.problems.map((p) => p.code)).toEqual(['QC_USCC_EMPTY']);
      expect(result.expectedCheck).toBeNull();
      expect(result.orgCodeValid).toBeNull();
    }
  });

  it('wrong length', () => {
    for (const input of [code.slice(0, 17), code + '1']) {
      const result = validateUscc(input);
      expect(result.valid).toBe(false);
      expect(result.problems.map((p) => p.code)).toEqual(['QC_USCC_LENGTH']);
      expect(result.problems[0]?.message).toContain(`实际为${input.length}位`);
      expect(result.problems[0]?.messageEn).toContain(`this one has ${input.length}`);
      expect(result.expectedCheck).toBeNull();
    }
  });

  it('names the position and character of each forbidden character', () => {
    for (const [i, ch] of [[9, 'O'], [3, 'I'], [0, 'Z'], [12, 'S'], [16, 'V'], [5, '*']] as const) {
      const result = validateUscc(replaceAt(code, i, ch));
      expect(result.valid).toBe(false);
      // One wrong character is one problem, even inside the division code.
      expect(result.problems).toHaveLength(1);
      expect(result.problems[0]).toMatchObject({ code: 'QC_USCC_CHARSET', position: i + 1 });
      expect(result.problems[0]?.message).toContain(`第${i + 1}位字符“${ch}”`);
      expect(result.problems[0]?.messageEn).toContain(`"${ch}" at position ${i + 1}`);
      expect(result.expectedCheck).toBeNull();
    }
  });

  it('reports every problem, e.g. charset and check together', () => {
    const zero = VECTORS.find((c) => c.endsWith('0'))!;
    const result = validateUscc(replaceAt(zero, 17, 'O'));
    expect(result.problems.map((p) => [p.code, p.position])).toEqual([
      ['QC_USCC_CHARSET', 18],
      ['QC_USCC_CHECK', 18],
    ]);
    expect(result.expectedCheck).toBe('0');

    const two = validateUscc(replaceAt(replaceAt(code, 9, 'O'), 12, 'I'));
    expect(two.problems.map((p) => p.position)).toEqual([10, 13]);
    const lengthAndCharset = validateUscc(`${code}S`);
    expect(lengthAndCharset.problems.map((p) => p.code)).toEqual(['QC_USCC_LENGTH', 'QC_USCC_CHARSET']);
  });

  describe('structure (with a correct check character, so only structure is wrong)', () => {
    const org = code.slice(8, 17);
    const structureOf = (first8: string) => {
      const result = validateUscc(withCheck(first8 + org));
      expect(result.valid).toBe(false);
      expect(result.problems.map((p) => p.code)).toEqual(['QC_USCC_STRUCTURE']);
      return result.problems[0]!;
    };

    it('unknown registration authority', () => {
      for (const authority of 'BCDEFGHJKLMPQRTUWX0') {
        const problem = structureOf(`${authority}1320000`);
        expect(problem.position).toBe(1);
        expect(problem.message).toContain(`登记管理部门代码“${authority}”`);
        expect(problem.messageEn).toContain(`no registration authority "${authority}"`);
      }
    });

    it('category that does not belong to the authority', () => {
      // 6 and 4 exist for other authorities but not for 9 (市场监管) or Y (其他).
      for (const first2 of ['94', '96', '90', 'Y2', 'A3', 'N4']) {
        const problem = structureOf(`${first2}320000`);
        expect(problem.position).toBe(2);
        expect(problem.message).toContain(`第2位机构类别“${at(first2, 1)}”`);
      }
    });

    it('division code that is not six digits or belongs to no province', () => {
      expect(structureOf('91A20000').position).toBe(3);
      expect(structureOf('913200L0').message).toContain('应为6位数字');
      expect(structureOf('91990000').message).toContain('不属于任何省级行政区');
      expect(structureOf('91100001').position).toBe(3);
    });

    it('accepts every authority/category pair of the standard and the national division', () => {
      const pairs = ['11', '12', '13', '19', '21', '35', '41', '53', '62', '72', '81', '91', '92', '93', 'A1', 'N3', 'Y1'];
      for (const first2 of pairs) {
        expect(validateUscc(withCheck(`${first2}320000${org}`)).valid).toBe(true);
      }
      expect(validateUscc(withCheck(`12100000${org}`)).valid).toBe(true);
    });
  });

  it('an organisation code that fails its own check is flagged but does not invalidate', () => {
    const orgCheck = at(code, 16);
    const other = orgCheck === 'X' ? '1' : 'X';
    const result = validateUscc(withCheck(replaceAt(code, 16, other).slice(0, 17)));
    expect(result.valid).toBe(true);
    expect(result.orgCodeValid).toBe(false);
  });
});

describe('describeUscc', () => {
  it('describes a Jiangsu enterprise with its city', () => {
    const org = VECTORS[5]!.slice(8, 17);
    const suzhou = withCheck(`91320583${org}`);
    expect(describeUscc(suzhou)).toEqual({
      registrationAuthority: { code: '9', name: '市场监管（工商）' },
      category: { code: '1', name: '企业' },
      division: { code: '320583', province: '江苏省', city: '苏州市', isJiangsu: true },
      organizationCode: { code: org, formatted: `${org.slice(0, 8)}-${at(org, 8)}`, valid: true },
      check: at(suzhou, 17),
    });
    const province = describeUscc(withCheck(`91320000${org}`));
    expect(province?.division).toEqual({ code: '320000', province: '江苏省', city: null, isJiangsu: true });
    expect(describeUscc(withCheck(`92321300${org}`))?.division.city).toBe('宿迁市');
  });

  it('describes the reference vectors from other provinces', () => {
    const provinces: Record<string, string> = {
      '12': '天津市',
      '15': '内蒙古自治区',
      '31': '上海市',
      '34': '安徽省',
      '41': '河南省',
      '62': '甘肃省',
    };
    for (const code of VECTORS) {
      const parts = describeUscc(code);
      expect(parts).not.toBeNull();
      expect(parts!.division.province).toBe(provinces[code.slice(2, 4)]);
      expect(parts!.division.isJiangsu).toBe(false);
      expect(parts!.division.city).toBeNull();
      expect(parts!.organizationCode.valid).toBe(true);
      expect(parts!.organizationCode.formatted).toBe(`${code.slice(8, 16)}-${at(code, 16)}`);
    }
    const institution = describeUscc(VECTORS.find((c) => c.startsWith('12'))!);
    expect(institution?.registrationAuthority).toEqual({ code: '1', name: '机构编制' });
    expect(institution?.category).toEqual({ code: '2', name: '事业单位' });
    const individual = describeUscc(VECTORS.find((c) => c.startsWith('92'))!);
    expect(individual?.category.name).toBe('个体工商户');
  });

  it('describes national-level codes and unknown parts, and rejects non-codes', () => {
    const org = VECTORS[0]!.slice(8, 17);
    expect(describeUscc(withCheck(`12100000${org}`))?.division).toEqual({
      code: '100000',
      province: '国家级/中央',
      city: null,
      isJiangsu: false,
    });
    const odd = describeUscc(withCheck(`B7990000${org}`));
    expect(odd?.registrationAuthority).toEqual({ code: 'B', name: null });
    expect(odd?.category).toEqual({ code: '7', name: null });
    expect(odd?.division.province).toBeNull();
    expect(describeUscc(VECTORS[0]!.slice(0, 17))).toBeNull();
    expect(describeUscc(replaceAt(VECTORS[0]!, 3, 'O'))).toBeNull();
    expect(describeUscc(` ${VECTORS[0]!.toLowerCase()} `)?.check).toBe(at(VECTORS[0]!, 17));
  });
});

describe('computeUsccCheck', () => {
  it('refuses input that is not 17 alphabet characters', () => {
    expect(() => computeUsccCheck('9132')).toThrow(/17/);
    expect(() => computeUsccCheck(VECTORS[0]!)).toThrow(/17/);
    expect(() => computeUsccCheck(replaceAt(VECTORS[0]!, 4, 'O').slice(0, 17))).toThrow(/第5位/);
  });
});

describe('repairUscc', () => {
  interface Tally {
    cases: number;
    unique: number;
    ambiguous: number;
    ms: number;
  }

  /** Repairs and checks the one rule that matters: never a different code presented as the answer. */
  function repairSafely(input: string, truth: string, tally: Tally): UsccRepair {
    const start = performance.now();
    const result = repairUscc(input);
    tally.ms += performance.now() - start;
    tally.cases++;
    if (result.status === 'repaired' || result.status === 'valid') {
      expect(result.code, `${input} → ${result.code}`).toBe(truth);
      expect(result.candidates).toEqual([truth]);
      tally.unique++;
    } else {
      expect(result.status, input).toBe('ambiguous');
      expect(result.code).toBeNull();
      expect(result.candidates, input).toContain(truth);
      expect(result.candidates).toEqual([...result.candidates].sort());
      tally.ambiguous++;
    }
    return result;
  }

  const newTally = (): Tally => ({ cases: 0, unique: 0, ambiguous: 0, ms: 0 });
  const record = (name: string, t: Tally) => {
    const rate = t.unique / t.cases;
    rates.push(
      `${name}: ${t.unique}/${t.cases} unique (${(rate * 100).toFixed(1)}%), ${t.ambiguous} ambiguous, ` +
        `${(t.ms / t.cases).toFixed(3)} ms each`,
    );
    expect(t.ms / t.cases).toBeLessThan(5);
    return rate;
  };

  it('forced look-alikes (O I Z S are never in the alphabet) repair uniquely', () => {
    const tally = newTally();
    for (const [digit, letter] of [['0', 'O'], ['1', 'I'], ['2', 'Z'], ['5', 'S']] as const) {
      for (const code of VECTORS) {
        for (let i = 0; i < 18; i++) {
          if (at(code, i) !== digit) continue;
          const result = repairSafely(replaceAt(code, i, letter), code, tally);
          if (result.status === 'repaired') expect(result.edits).toEqual([`第${i + 1}位 ${letter}→${digit}`]);
        }
      }
    }
    expect(tally.cases).toBeGreaterThan(300);
    // With one forced position, candidates differ only there, and the checksum tells any two
    // characters at one position apart: uniqueness is guaranteed, not just likely.
    expect(record('forced 0→O 1→I 2→Z 5→S', tally)).toBe(1);
  });

  it('valid-alphabet look-alikes (8→B, 0→D, 0→Q, 1→L, 6→G) repair or are ambiguous, never wrong', () => {
    const tally = newTally();
    for (const [digit, letter] of [['8', 'B'], ['0', 'D'], ['0', 'Q'], ['1', 'L'], ['6', 'G']] as const) {
      for (const code of VECTORS) {
        for (let i = 0; i < 18; i++) {
          if (at(code, i) === digit) repairSafely(replaceAt(code, i, letter), code, tally);
        }
      }
    }
    expect(record('look-alike within alphabet 8→B 0→D 0→Q 1→L 6→G', tally)).toBeGreaterThan(0.9);
  });

  it('every 0 read as O and every 1 as I at once', () => {
    const tally = newTally();
    for (const code of VECTORS) repairSafely(code.replace(/0/g, 'O').replace(/1/g, 'I'), code, tally);
    expect(record('all 0→O and 1→I', tally)).toBeGreaterThan(0.95);
  });

  it('stray spaces are normalised away (status valid)', () => {
    for (const code of VECTORS) {
      for (let i = 1; i < 18; i++) {
        const input = insertAt(code, i, ' ');
        expect(repairUscc(input)).toEqual({ input, status: 'valid', code, candidates: [code], edits: [] });
      }
    }
  });

  it('an inserted S is deleted', () => {
    const tally = newTally();
    for (const code of VECTORS) {
      for (let i = 0; i <= 18; i++) {
        const result = repairSafely(insertAt(code, i, 'S'), code, tally);
        expect(result.edits).toEqual([`删除第${i + 1}位多余字符“S”`]);
      }
    }
    // Keeping the S would cost a second edit (S→5), so deleting it is the single cheapest fix.
    expect(record('inserted S', tally)).toBe(1);
  });

  it('an inserted valid character, or two stray characters, are deleted or left ambiguous', () => {
    const one = newTally();
    VECTORS.forEach((code, n) => {
      for (let i = 0; i <= 18; i++) {
        repairSafely(insertAt(code, i, at(USCC_ALPHABET, (n * 7 + i * 3) % 31)), code, one);
      }
    });
    // Deleting other characters passes the checksum by chance now and then: those are ties.
    expect(one.ambiguous).toBeGreaterThan(0);
    expect(record('inserted alphabet character', one)).toBeGreaterThan(0.9);

    const two = newTally();
    for (const code of VECTORS) {
      for (let i = 0; i <= 15; i++) repairSafely(insertAt(insertAt(code, i + 3, '.'), i, 'S'), code, two);
    }
    expect(record('two inserted characters (S and .)', two)).toBeGreaterThan(0.9);
  });

  it('a lone candidate whose organisation code fails is only suggested (ambiguous)', () => {
    let checked = 0;
    for (const code of VECTORS) {
      const orgInvalid = withCheck(replaceAt(code, 16, at(code, 16) === 'X' ? '1' : 'X').slice(0, 17));
      if (validateUscc(orgInvalid).orgCodeValid !== false) continue;
      const i = orgInvalid.indexOf('2', 2);
      if (i < 0) continue;
      const result = repairUscc(replaceAt(orgInvalid, i, 'Z'));
      expect(result.status).toBe('ambiguous');
      expect(result.code).toBeNull();
      expect(result.candidates).toEqual([orgInvalid]);
      checked++;
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('errors outside the look-alike model are rarely turned into a wrong code', () => {
    // Each position replaced by an arbitrary other character: the true code is usually out of
    // reach, and a chance checksum pass must not often be presented as the repair.
    let cases = 0;
    let wrong = 0;
    VECTORS.forEach((code, n) => {
      for (let i = 0; i < 18; i++) {
        const other = at(USCC_ALPHABET, (value(at(code, i)) + 1 + ((n * 7 + i * 5) % 30)) % 31);
        const result = repairUscc(replaceAt(code, i, other));
        cases++;
        if (result.code !== null && result.code !== code) wrong++;
      }
    });
    rates.push(`arbitrary substitution (outside the model): ${wrong}/${cases} wrongly repaired`);
    expect(wrong / cases).toBeLessThan(0.03);
  });

  it('gives up on what it cannot repair', () => {
    const code = VECTORS[0]!;
    for (const input of ['', code.slice(0, 17), `${code}SSS`, '!'.repeat(18), `${code.slice(0, 17)}#`]) {
      const result = repairUscc(input);
      expect(result).toMatchObject({ status: 'unrepairable', code: null, candidates: [], edits: [] });
    }
  });
});
