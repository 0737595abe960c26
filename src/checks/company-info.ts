/**
 * The company a document names: its name (名称 / 企业名称 / 申报企业 …) and, on a licence,
 * its date of establishment (成立日期). Values are taken next to their labels — on the same
 * line, or in the cell to the right — never guessed from free text.
 */
import { matchText } from './kind.js';
import { calendarDate } from '../domain/dates.js';
import { toHalfWidthAscii } from '../reading/normalize.js';
import type { ReadPage, TextLine } from '../reading/types.js';
import { editDistance } from '../util/edit-distance.js';

export interface CompanyInfo {
  name: string | null;
  establishedOn: string | null;
}

const NAME_LABEL = /^(?:企业名称|单位名称|主体名称|公司名称|申报企业(?:[（(]?全[称稳][)）]?)?|申请单位|受检单位|获证组织|名\s*称)[:：]?/;
const ESTABLISHED_LABEL = /^(?:成立日期|注册日期|成立时间)[:：]?/;
/** What Chinese legal entity names end with. */
const ENTITY_SUFFIX = /(?:有限责任公司|股份有限公司|有限公司|公司|集团|厂|合作社|研究院|研究所|中心|事务所|商行|经营部|门市部|店)$/;

const sameRow = (a: TextLine, b: TextLine) => Math.abs(a.box.y + a.box.height / 2 - (b.box.y + b.box.height / 2)) < Math.max(a.box.height, b.box.height) * 0.6;

/** The value after a label: the rest of the label's line, else the nearest line to its right. */
function valueAfter(page: ReadPage, line: TextLine, label: RegExp): string | null {
  const rest = matchText(line.text).replace(label, '').trim();
  if (rest) return rest;
  const right = page.lines.filter((l) => l !== line && sameRow(l, line) && l.box.x > line.box.x).sort((a, b) => a.box.x - b.box.x)[0];
  return right ? right.text.replace(/\s+/g, '') : null;
}

/** '2016年9月12日', '2016-09-12', '2016.9.12', '2016/09/12' → '2016-09-12' (real dates only). */
export function parseDate(text: string): string | null {
  const m = /(\d{4})\s*[年.\-/]\s*(\d{1,2})\s*[月.\-/]\s*(\d{1,2})\s*日?/.exec(toHalfWidthAscii(text));
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 1949 || year > 2100) return null;
  return calendarDate(year, Number(m[2]), Number(m[3]));
}

export function extractCompanyInfo(pages: ReadPage[]): CompanyInfo {
  let name: string | null = null;
  let establishedOn: string | null = null;
  for (const page of pages.slice(0, 3)) {
    for (const line of page.lines) {
      // OCR reads 申报企业（全称） with any of its bracket look-alikes (〈全称) …).
      const compact = matchText(line.text);
      if (!name && NAME_LABEL.test(compact)) {
        // OCR strews punctuation around a label's colon (申报企业（全称）；: …).
        const value = valueAfter(page, line, NAME_LABEL)?.replace(/[：:]/g, '').replace(/^[\p{P}\s]+/u, '');
        // A name runs to its entity suffix; anything after it belongs to the next field.
        const match = value ? /^.{2,60}?(?:有限责任公司|股份有限公司|有限公司|公司|集团|厂|合作社|研究院|研究所|中心|事务所)/.exec(value) : null;
        if (match && ENTITY_SUFFIX.test(match[0])) name = match[0];
      }
      if (!establishedOn && ESTABLISHED_LABEL.test(compact)) {
        establishedOn = parseDate(valueAfter(page, line, ESTABLISHED_LABEL) ?? '');
      }
    }
  }
  return { name, establishedOn };
}

/** Company names compared as people read them: brackets, spaces and width do not matter. */
export function sameCompanyName(a: string, b: string): boolean {
  const fold = (s: string) => s.normalize('NFKC').replace(/[\s()（）]/g, '');
  return fold(a) === fold(b);
}

/**
 * A name read by OCR may differ from the real one by a misread rare character (玥 → 班);
 * such a near match is not a different company.
 */
export function nearCompanyName(read: string, expected: string): boolean {
  const fold = (s: string) => s.normalize('NFKC').replace(/[\s()（）]/g, '');
  return editDistance(fold(read), fold(expected)) <= Math.max(1, Math.floor([...fold(expected)].length * 0.2));
}
