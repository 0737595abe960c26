/**
 * The facts of a 营业执照, whatever its edition: the 2019 licence (正本 and 副本), the 2015–2016
 * 三证合一 licence, the electronic licence as a phone shows it, and the licences of branches
 * (负责人, 营业场所) and of individual businesses (经营者, 经营场所, 注册日期). Each fact is its
 * label synonyms plus the form of its value (see extract.ts).
 */
import { extractFields, type FieldOutcome, type FieldResult, type FieldSpec, type Label } from './extract.js';
import { addressForm, authorityForm, companyNameForm, DATE_SOURCE, dateForm, ENTITY_SUFFIX, entityTypeForm, moneyForm, personForm, RANGE_JOIN, termForm, type Term } from './forms.js';
import { fieldDocument, type FieldDocument, type FieldLine } from './text.js';
import type { Box, ReadPage } from '../reading/types.js';
import type { Candidate } from './extract.js';

const labels = (words: readonly string[], weight = 1): Label[] => words.map((match) => ({ match, weight }));

/** 名称 alone is a label only where no other word runs into it (not 企业名称's tail, handled by its own). */
const BARE_NAME: Label = { match: /(?<![\p{Script=Han}])名\s?称/u };

const NAME: readonly Label[] = [...labels(['企业名称', '市场主体名称', '主体名称', '个体工商户名称', '字号名称', '单位名称']), BARE_NAME];
/** 类型 (组成形式 is another fact: 个人经营 / 家庭经营 of an individual business). */
const TYPE: readonly Label[] = labels(['主体类型', '企业类型', '公司类型', '类型']);
const PERSON: readonly Label[] = labels(['法定代表人', '负责人', '经营者', '执行事务合伙人', '投资人', '经营者姓名']);
const CAPITAL: readonly Label[] = labels(['注册资本', '出资额', '资金数额', '注册资金']);
const ESTABLISHED: readonly Label[] = labels(['成立日期', '注册日期', '成立时间', '设立日期']);
const TERM: readonly Label[] = [...labels(['营业期限', '经营期限', '合伙期限', '营业期限自'])];
const TERM_END: readonly Label[] = labels(['营业期限至', '经营期限至']);
const ADDRESS: readonly Label[] = labels(['住所', '经营场所', '营业场所', '主要经营场所', '企业住所', '地址']);
const AUTHORITY: readonly Label[] = labels(['登记机关', '发照机关', '核发机关']);
const ISSUED: readonly Label[] = [...labels(['核发日期', '发照日期', '颁发日期', '核准日期']), { match: '登记机关', weight: 0.6 }];

/** Other labels on a licence: they end a value. */
const STOPS: readonly Label[] = labels(['统一社会信用代码', '经营范围', '注册号', '证照编号', '副本编号', '编号', '组成形式']);

/** A wrapped value goes on in the lines under it: Chinese without a label's colon. */
const wrappable = (l: FieldLine) => /^[\p{Script=Han}0-9A-Za-z()（）\-—#、,，.·]{1,40}$/u.test(l.text) && !/[:：]/.test(l.text);
const open = (s: string) => (s.match(/[(（<〈]/g) ?? []).length > (s.match(/[)）>〉]/g) ?? []).length;
/** …but only a value that is not finished yet: a name before its entity suffix, a bracket left open. */
const nameGoesOn = (l: FieldLine, soFar: string) => wrappable(l) && (open(soFar) || !new RegExp(`${ENTITY_SUFFIX}[)）]?\\s*$`, 'u').test(soFar));
const bracketOpen = (l: FieldLine, soFar: string) => wrappable(l) && open(soFar);
/** An address goes on until its house number (…号, …室, …楼). */
const addressGoesOn = (l: FieldLine, soFar: string) =>
  wrappable(l) && (!/[号室楼层幢座]\s*$/u.test(soFar) || /^\s?[\dA-Za-z一二三四五六七八九十]+\s?[幢楼层室座号栋单元]/u.test(l.text));

/** The date under 登记机关 (the authority's seal stands over it): its label is the authority's. */
function dateUnderAuthority(doc: FieldDocument): Candidate<string>[] {
  const out: Candidate<string>[] = [];
  for (const line of doc.lines) {
    if (!/登\s?记\s?机\s?关/u.test(line.text)) continue;
    const own = doc.byPage.get(line.page) ?? [];
    for (const next of own.filter((l) => l.box.y > line.box.y && l.box.y - line.box.y < line.box.height * 6)) {
      const day = dateForm.find(next.text)[0];
      if (day && /^[^\p{Script=Han}]*\d{4}\s?年/u.test(next.text.replace(/\s/g, ''))) {
        out.push({ value: day.value, score: day.quality, page: next.page, box: next.box, label: '登记机关', place: 'unlabelled' });
        break;
      }
    }
  }
  return out;
}

/**
 * The value of 营业期限至: one day, or 长期. A whole term (a day, 至, another day or 长期) is not
 * an end: it is what 营业期限 reads with its 至 misread into the label (营业期限” 2007年…至长期).
 */
const WHOLE_TERM = new RegExp(`^${DATE_SOURCE}${RANGE_JOIN}`);
const termEndForm = {
  find(text: string) {
    const value = text.replace(/^[\s:：”"]+/, '');
    if (WHOLE_TERM.test(value)) return [];
    return termForm.find(`2000年1月1日至${value}`).filter((m) => m.value.from === '2000-01-01');
  },
  key: (t: Term) => String(t.to),
};

const SPECS = {
  name: { name: 'name', labels: NAME, form: companyNameForm, places: ['after', 'right', 'below'], continues: nameGoesOn } satisfies FieldSpec<string>,
  entityType: { name: 'entityType', labels: TYPE, form: entityTypeForm, places: ['after', 'right', 'below'], continues: bracketOpen } satisfies FieldSpec<string>,
  legalRepresentative: { name: 'legalRepresentative', labels: PERSON, form: personForm, places: ['after', 'right', 'below'] } satisfies FieldSpec<string>,
  registeredCapital: { name: 'registeredCapital', labels: CAPITAL, form: moneyForm, places: ['after', 'right', 'below'] } satisfies FieldSpec<string>,
  establishedOn: { name: 'establishedOn', labels: ESTABLISHED, form: dateForm, places: ['after', 'right', 'below'] } satisfies FieldSpec<string>,
  term: { name: 'term', labels: TERM, form: termForm, places: ['after', 'right', 'below'], continues: (l: FieldLine) => wrappable(l) && /^\s?(?:至|长期|\d)/u.test(l.text) } satisfies FieldSpec<Term>,
  termEnd: { name: 'termEnd', labels: TERM_END, form: termEndForm, places: ['after', 'right', 'below'] } satisfies FieldSpec<Term>,
  address: { name: 'address', labels: ADDRESS, form: addressForm, places: ['after', 'right', 'below'], continues: addressGoesOn } satisfies FieldSpec<string>,
  registrationAuthority: { name: 'registrationAuthority', labels: AUTHORITY, form: authorityForm, places: ['after', 'right', 'below'] } satisfies FieldSpec<string>,
  issuedOn: { name: 'issuedOn', labels: ISSUED, form: dateForm, places: ['after', 'right', 'below'], unlabelled: dateUnderAuthority } satisfies FieldSpec<string>,
};

export interface Source {
  page: number;
  box: Box;
  label: string | null;
}

export interface LicenceFields {
  name: string | null;
  entityType: string | null;
  /** 法定代表人, or a branch's 负责人, an individual business's 经营者. */
  legalRepresentative: string | null;
  registeredCapital: string | null;
  establishedOn: string | null;
  /** 营业期限: its start, and its end (null when 长期 or not read; see termOpen). */
  termFrom: string | null;
  termTo: string | null;
  /** True when the term says 长期 (or 永久, 不约定期限, ******); null when no term was read. */
  termOpen: boolean | null;
  address: string | null;
  registrationAuthority: string | null;
  /** The date under 登记机关. */
  issuedOn: string | null;
  /** Where each fact that was read stands. */
  sources: Partial<Record<Exclude<keyof LicenceFields, 'sources'>, Source>>;
}

const sourceOf = (r: FieldResult<unknown> | null): Source | undefined => (r ? { page: r.page, box: r.box, label: r.label } : undefined);

/** Every fact's outcome with its candidates (for explaining a reading). */
export function licenceFieldOutcomes(pages: ReadPage[]): Map<string, FieldOutcome<unknown>> {
  return extractFields(fieldDocument(pages), Object.values(SPECS) as FieldSpec<unknown>[], STOPS);
}

/** The facts a licence states, wherever its edition puts them. Unread facts are null. */
export function readLicenceFields(pages: ReadPage[]): LicenceFields {
  const out = licenceFieldOutcomes(pages);
  const get = <T>(name: keyof typeof SPECS) => (out.get(name) as FieldOutcome<T>).result;
  const term = get<Term>('term');
  const termEnd = get<Term>('termEnd');
  const name = get<string>('name');
  const established = get<string>('establishedOn');
  const fields = {
    name,
    entityType: get<string>('entityType'),
    legalRepresentative: get<string>('legalRepresentative'),
    registeredCapital: get<string>('registeredCapital'),
    establishedOn: established,
    address: get<string>('address'),
    registrationAuthority: get<string>('registrationAuthority'),
    issuedOn: get<string>('issuedOn'),
  };
  const termTo = term?.value.to ?? termEnd?.value.to ?? null;
  const termRead = term ?? termEnd;
  const sources: LicenceFields['sources'] = {};
  for (const [key, result] of Object.entries(fields)) {
    const source = sourceOf(result);
    if (source) sources[key as keyof typeof fields] = source;
  }
  if (termRead) sources.termFrom = sources.termTo = sourceOf(termRead);
  return {
    name: fields.name?.value ?? null,
    entityType: fields.entityType?.value ?? null,
    legalRepresentative: fields.legalRepresentative?.value ?? null,
    registeredCapital: fields.registeredCapital?.value ?? null,
    establishedOn: fields.establishedOn?.value ?? null,
    termFrom: term?.value.from ?? null,
    termTo,
    termOpen: termRead ? termTo === null : null,
    address: fields.address?.value ?? null,
    registrationAuthority: fields.registrationAuthority?.value ?? null,
    issuedOn: fields.issuedOn?.value ?? null,
    sources,
  };
}
