import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  CATEGORIES,
  INDICATOR_IDS,
  INDICATORS,
  getIndicator,
  indicatorsOf,
  isIndicatorId,
} from '../src/domain/catalogue.js';
import {
  LEVEL_POLICY,
  LEVELS,
  isWithinApplicationPeriod,
  requiredMaterials,
} from '../src/domain/levels.js';

// CI clones the repository elsewhere with shared/ beside it, so resolve from the project root.
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const noticePath = path.resolve(repoRoot, 'test/fixtures/notice-2026.md');
const notice = readFileSync(noticePath, 'utf8');

interface ParsedIndicator {
  name: string;
  points: number;
  bullets: string[];
}
interface ParsedCategory {
  name: string;
  points: number | undefined;
  indicators: ParsedIndicator[];
}

/**
 * Reads the 附件2 table of the notice independently of the catalogue, so the tests compare
 * the catalogue against the printed notice rather than against itself.
 */
function parseAnnex2(text: string): ParsedCategory[] {
  // The annex starts at the line holding only "附件2"; earlier mentions are cross-references.
  const start = text.search(/^附件2\s*$/m);
  expect(start).toBeGreaterThan(-1);
  const categories: ParsedCategory[] = [];
  let indicator: ParsedIndicator | undefined;
  for (const raw of text.slice(start).split('\n')) {
    const line = raw.trim();
    const category = /^\d．(.+?)(?:（(\d+)分）)?$/.exec(line);
    const indicatorHeading = /^(.+)（(\d+)分）$/.exec(line);
    const lastCategory = categories.at(-1);
    if (category) {
      categories.push({
        name: category[1]!,
        points: category[2] === undefined ? undefined : Number(category[2]),
        indicators: [],
      });
      indicator = undefined;
    } else if (/^（\d+分）$/.test(line) && lastCategory && lastCategory.points === undefined) {
      // "4．质量信用绩效" has its points wrapped onto the next line in the notice.
      lastCategory.points = Number(/\d+/.exec(line)![0]);
    } else if (indicatorHeading && lastCategory) {
      indicator = { name: indicatorHeading[1]!, points: Number(indicatorHeading[2]), bullets: [] };
      lastCategory.indicators.push(indicator);
    } else if (line.startsWith('· ')) {
      expect(indicator, `bullet before any indicator: ${line}`).toBeDefined();
      indicator!.bullets.push(line.slice(2).trim());
    }
  }
  return categories;
}

const parsed = parseAnnex2(notice);
const parsedIndicators = parsed.flatMap((category) => category.indicators);

describe('categories', () => {
  it('has 4 categories summing to 100 points', () => {
    expect(CATEGORIES.map((c) => c.id)).toEqual(['planning', 'capability', 'evaluation', 'performance']);
    expect(CATEGORIES.map((c) => c.order)).toEqual([1, 2, 3, 4]);
    expect(CATEGORIES.reduce((sum, c) => sum + c.points, 0)).toBe(100);
  });

  it('matches the category names and points of the notice', () => {
    expect(CATEGORIES.map((c) => [c.name, c.points])).toEqual(parsed.map((c) => [c.name, c.points]));
  });

  it.each(CATEGORIES.map((c) => [c.id, c] as const))(
    "sums the points of %s's indicators to the category points",
    (_id, category) => {
      const indicators = indicatorsOf(category.id);
      expect(indicators.length).toBeGreaterThan(0);
      expect(indicators.reduce((sum, i) => sum + i.points, 0)).toBe(category.points);
    },
  );
});

describe('indicators', () => {
  it('has the 11 ids in catalogue order', () => {
    expect(INDICATOR_IDS).toEqual([
      'quality-culture',
      'risk-control',
      'resources',
      'infrastructure',
      'rnd-innovation',
      'credit-evaluation',
      'credit-improvement',
      'quality-level',
      'customer-satisfaction',
      'brand-building',
      'social-responsibility',
    ]);
    expect(INDICATORS.map((i) => i.id)).toEqual([...INDICATOR_IDS]);
    expect(INDICATORS.map((i) => i.order)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it('keeps indicators grouped by category in category order', () => {
    expect(CATEGORIES.flatMap((c) => indicatorsOf(c.id))).toEqual(INDICATORS);
  });

  it('matches the indicator names and points of the notice', () => {
    expect(INDICATORS.map((i) => [i.name, i.points])).toEqual(
      parsedIndicators.map((i) => [i.name, i.points]),
    );
  });

  it('looks indicators up by id', () => {
    for (const id of INDICATOR_IDS) expect(getIndicator(id).id).toBe(id);
    expect(getIndicator('infrastructure').points).toBe(14);
    expect(isIndicatorId('brand-building')).toBe(true);
    expect(isIndicatorId('brand')).toBe(false);
  });

  it('works with z.enum', () => {
    const schema = z.enum(INDICATOR_IDS);
    expect(schema.parse('risk-control')).toBe('risk-control');
    expect(schema.safeParse('risk').success).toBe(false);
  });

  it('is frozen deeply', () => {
    const indicator = INDICATORS[0]!;
    expect(Object.isFrozen(INDICATORS)).toBe(true);
    expect(Object.isFrozen(CATEGORIES[0])).toBe(true);
    expect(Object.isFrozen(indicator)).toBe(true);
    expect(Object.isFrozen(indicator.bullets)).toBe(true);
    expect(Object.isFrozen(indicator.bullets[0])).toBe(true);
    expect(Object.isFrozen(indicator.bullets[0]!.evidenceHints)).toBe(true);
  });
});

describe('scoring bullets', () => {
  const bullets = INDICATORS.flatMap((i) => i.bullets.map((b) => [b.id, b.text] as const));

  it.each(bullets)('%s appears verbatim in the notice', (_id, text) => {
    expect(text).toBe(text.trim());
    expect(text.startsWith('·')).toBe(false);
    expect(notice).toContain(text);
  });

  it.each(INDICATORS.map((i, index) => [i.id, i, index] as const))(
    '%s has as many bullets as the notice',
    (_id, indicator, index) => {
      const fromNotice = parsedIndicators[index];
      expect(fromNotice?.name).toBe(indicator.name);
      expect(indicator.bullets.length).toBe(fromNotice!.bullets.length);
      // Same texts in the same order, so bullet ids keep meaning what the notice numbers.
      expect(indicator.bullets.map((b) => b.text)).toEqual(fromNotice!.bullets);
    },
  );

  it('numbers bullet ids 1-based per indicator, and gives each evidence hints', () => {
    for (const indicator of INDICATORS) {
      indicator.bullets.forEach((bullet, index) => {
        expect(bullet.id).toBe(`${indicator.id}.${index + 1}`);
        expect(bullet.order).toBe(index + 1);
        expect(bullet.evidenceHints.length).toBeGreaterThan(0);
        expect(new Set(bullet.evidenceHints).size).toBe(bullet.evidenceHints.length);
      });
    }
    expect(getIndicator('infrastructure').bullets[3]!.evidenceHints).toContain('CNAS');
  });
});

describe('levels', () => {
  it('works with z.enum', () => {
    expect(z.enum(LEVELS).parse('AAA')).toBe('AAA');
    expect(z.enum(LEVELS).safeParse('B').success).toBe(false);
  });

  it('asks A for 3 items without indicator evidence and a one-year credit report', () => {
    const items = requiredMaterials('A');
    expect(items.map((m) => m.id)).toEqual(['business-license', 'pledge', 'credit-report']);
    expect(items[2]!.name).toBe('近一年的专项信用报告');
    expect(items[2]!.note).toContain('简易处罚选择“是”');
    expect(LEVEL_POLICY.A.creditReportYears).toBe(1);
    expect(LEVEL_POLICY.A.needsIndicatorEvidence).toBe(false);
    expect(LEVEL_POLICY.A.submission).toBe('rolling');
    expect(LEVEL_POLICY.A.description).toBe('A级（实时申报）');
  });

  it.each(['AA', 'AAA'] as const)('asks %s for 4 items with a three-year credit report', (level) => {
    const items = requiredMaterials(level);
    expect(items.map((m) => m.id)).toEqual([
      'business-license',
      'pledge',
      'credit-report',
      'indicator-evidence',
    ]);
    expect(items[2]!.name).toBe('近三年的专项信用报告');
    expect(items[3]!.note).toBe('传错提交窗口的此项不得分');
    expect(LEVEL_POLICY[level].creditReportYears).toBe(3);
    expect(LEVEL_POLICY[level].needsIndicatorEvidence).toBe(true);
    expect(LEVEL_POLICY[level].window).toEqual({ from: '05-20', to: '07-20' });
    expect(LEVEL_POLICY[level].description).toBe(`${level}级（集中申报）`);
  });

  it('returns frozen material lists', () => {
    const items = requiredMaterials('AA');
    expect(Object.isFrozen(items)).toBe(true);
    expect(Object.isFrozen(items[0])).toBe(true);
    expect(Object.isFrozen(LEVEL_POLICY.AA.window)).toBe(true);
  });
});

describe('application period', () => {
  it.each(['AA', 'AAA'] as const)('accepts %s from 05-20 to 07-20 inclusive', (level) => {
    expect(isWithinApplicationPeriod(level, '2026-05-19')).toBe(false);
    expect(isWithinApplicationPeriod(level, '2026-05-20')).toBe(true);
    expect(isWithinApplicationPeriod(level, '2026-06-30')).toBe(true);
    expect(isWithinApplicationPeriod(level, '2026-07-20')).toBe(true);
    expect(isWithinApplicationPeriod(level, '2026-07-21')).toBe(false);
    expect(isWithinApplicationPeriod(level, '2026-01-01')).toBe(false);
  });

  it('accepts A on any day', () => {
    for (const date of ['2026-01-01', '2026-05-19', '2026-07-21', '2026-12-31']) {
      expect(isWithinApplicationPeriod('A', date)).toBe(true);
    }
  });

  it('rejects malformed or impossible dates', () => {
    expect(() => isWithinApplicationPeriod('AA', '2026-6-1')).toThrow(RangeError);
    expect(() => isWithinApplicationPeriod('AA', '2026-02-30')).toThrow(RangeError);
    expect(() => isWithinApplicationPeriod('A', '20260520')).toThrow(RangeError);
  });
});
