/**
 * Which document an upload is: 营业执照, 承诺书, 专项信用报告, an evidence document, or unknown.
 * Decided from the text (titles weigh most, then the fields each kind always carries), with
 * OCR noise tolerated: spaces removed, full-width folded, a few alternative spellings.
 */
import { DOMAINS_LABELS, GENERATED_LABELS, PERIOD_LABELS, REPORT_NUMBER_LABELS, SIMPLE_PENALTY_LABELS } from '../fields/credit-report.js';
import { anyLabel } from '../fields/extract.js';
import { toHalfWidthAscii } from '../reading/normalize.js';
import type { ReadPage } from '../reading/types.js';

/** The materials every applicant uploads, each into a slot of its own; each must carry the applicant's code. */
export const MATERIAL_KINDS = ['business-license', 'pledge', 'credit-report'] as const;
export type MaterialKind = (typeof MATERIAL_KINDS)[number];
export const DOCUMENT_KINDS = [...MATERIAL_KINDS, 'evidence', 'unknown'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export const isMaterialKind = (kind: string | undefined): kind is MaterialKind => (MATERIAL_KINDS as readonly (string | undefined)[]).includes(kind);

/** What each kind is called; a fixed upload slot has the id and name of its kind. */
export const KIND_NAMES: Record<DocumentKind, string> = {
  'business-license': '营业执照',
  pledge: '承诺书',
  'credit-report': '专项信用报告',
  evidence: '证明材料',
  unknown: '无法识别',
};

export interface KindDetection {
  kind: DocumentKind;
  /** 0..1 */
  confidence: number;
  reasons: string[];
}

interface Signal {
  pattern: RegExp;
  weight: number;
  reason: string;
}

/** Signals per kind; `title` signals count only near the top of the first page. */
const SIGNALS: Record<MaterialKind, { title: Signal[]; body: Signal[] }> = {
  'business-license': {
    title: [{ pattern: /营业执照/, weight: 6, reason: '标题为“营业执照”' }],
    body: [
      { pattern: /统一社会信用代码/, weight: 1, reason: '有统一社会信用代码' },
      { pattern: /注册资本|注册资金|出资额/, weight: 1, reason: '有注册资本' },
      { pattern: /成立日期|注册日期/, weight: 1, reason: '有成立日期' },
      { pattern: /经营范围/, weight: 1.5, reason: '有经营范围' },
      { pattern: /登记机关/, weight: 1.5, reason: '有登记机关' },
      { pattern: /营业期限|经营期限/, weight: 1, reason: '有营业期限' },
      { pattern: /法定代表人|负责人|经营者|执行事务合伙人/, weight: 0.5, reason: '有法定代表人' },
      { pattern: /国家企业信用信息公示系统|gsxt/i, weight: 1.5, reason: '有公示系统网址' },
    ],
  },
  pledge: {
    title: [
      { pattern: /申报承诺书|认定承诺书|信用承诺书/, weight: 5, reason: '标题为“申报承诺书”' },
      { pattern: /承诺书/, weight: 3, reason: '标题含“承诺书”' },
    ],
    body: [
      { pattern: /质量信用等级认定/, weight: 1.5, reason: '涉及质量信用等级认定' },
      { pattern: /郑重(作出|承诺)|承诺如下|如下承诺/, weight: 1.5, reason: '有承诺条款' },
      { pattern: /法定代表人.{0,8}签[字名]/, weight: 1.5, reason: '有法定代表人签字处' },
      { pattern: /单位公章|加盖公章/, weight: 1, reason: '有单位公章处' },
      { pattern: /真实.{0,4}准确.{0,4}完整|弄虚作假|虚假/, weight: 1, reason: '有真实性承诺' },
    ],
  },
  'credit-report': {
    title: [
      { pattern: /专项信用报告|专项公共信用信息报告|公共信用信息报告|信用信息报告/, weight: 6, reason: '标题为“专项信用报告”' },
      { pattern: /信用报告/, weight: 3, reason: '标题含“信用报告”' },
    ],
    body: [
      { pattern: anyLabel(REPORT_NUMBER_LABELS.filter((l) => typeof l.match === 'string')), weight: 1.5, reason: '有报告编号' },
      { pattern: anyLabel(PERIOD_LABELS), weight: 1.5, reason: '有查询时间段' },
      { pattern: anyLabel(GENERATED_LABELS.filter((l) => (l.weight ?? 1) >= 1)), weight: 1, reason: '有报告生成时间' },
      { pattern: anyLabel(SIMPLE_PENALTY_LABELS), weight: 1.5, reason: '有简易处罚设置' },
      { pattern: anyLabel(DOMAINS_LABELS), weight: 1.5, reason: '有查询领域' },
      { pattern: /信用江苏|公共信用信息/, weight: 1.5, reason: '出自信用江苏/公共信用信息' },
      { pattern: /行政处罚|失信被执行人|严重失信/, weight: 0.5, reason: '有信用记录栏目' },
    ],
  },
};

/** Text for matching: no spaces, half-width, OCR's common bracket variants folded. */
export function matchText(text: string): string {
  return toHalfWidthAscii(text).replace(/\s+/g, '').replace(/[〈《【\[]/g, '(').replace(/[〉》】\]]/g, ')');
}

/** The top of the first page, where titles are (the first lines, or the upper fifth). */
function titleText(pages: ReadPage[]): string {
  const first = pages[0];
  if (!first) return '';
  const top = first.lines.filter((l) => l.box.y < first.height * 0.3).slice(0, 8);
  return matchText(top.map((l) => l.text).join('\n'));
}

export function detectKind(pages: ReadPage[]): KindDetection {
  const title = titleText(pages);
  const body = matchText(pages.slice(0, 4).map((p) => p.text).join('\n'));
  const visible = body.replace(/[^\p{L}\p{N}]/gu, '').length;
  if (visible < 15) return { kind: 'unknown', confidence: 0.9, reasons: ['几乎没有可识别的文字'] };

  const scores = (Object.keys(SIGNALS) as (keyof typeof SIGNALS)[]).map((kind) => {
    const reasons: string[] = [];
    let score = 0;
    const titleHit = SIGNALS[kind].title.find((s) => s.pattern.test(title));
    if (titleHit) {
      score += titleHit.weight;
      reasons.push(titleHit.reason);
    }
    for (const signal of SIGNALS[kind].body) {
      if (signal.pattern.test(body)) {
        score += signal.weight;
        reasons.push(signal.reason);
      }
    }
    return { kind, score, reasons };
  });
  scores.sort((a, b) => b.score - a.score);
  const [best, second] = scores;
  // Without a title, a document needs several of a kind's fields to be that kind.
  if (best && best.score >= 6) {
    const margin = best.score - (second?.score ?? 0);
    return { kind: best.kind, confidence: Math.min(0.99, 0.5 + margin / 12), reasons: best.reasons };
  }
  return { kind: 'evidence', confidence: 0.6, reasons: ['不是营业执照、承诺书或信用报告，按证明材料处理'] };
}
