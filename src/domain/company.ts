/**
 * What an applicant fills in once: the company, and for the summary the application
 * (level and, per indicator window, the explanation and the evidence files).
 * zod validates at the boundary; messages are zh-CN and name the field.
 */
import { z } from 'zod';
import { INDICATOR_IDS, type IndicatorId } from './catalogue.js';
import { isCalendarDate } from './dates.js';
import { LEVELS } from './levels.js';
import { normalizeUscc, validateUscc } from './uscc.js';

/** A real calendar day written YYYY-MM-DD, with zh-CN messages: every typed date. */
export const isoDate = z
  .string()
  // abort: a malformed date is one problem, not also "不是有效的日期".
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: '日期格式应为 YYYY-MM-DD', abort: true })
  .refine(isCalendarDate, { message: '不是有效的日期' });

const text = (label: string, max = 200) =>
  z
    .string({ message: `${label}应为文字` })
    .trim()
    .min(1, { message: `${label}不能为空` })
    .max(max, { message: `${label}不能超过${max}个字符` });

/** A unified social credit code: normalised, and rejected with the validator's own reason. */
export const creditCodeSchema = z
  .string({ message: '统一社会信用代码应为文字' })
  .transform((value, ctx) => {
    const result = validateUscc(value);
    for (const problem of result.problems) ctx.addIssue({ code: 'custom', message: problem.message });
    return result.valid ? result.code : normalizeUscc(value);
  });

const phone = z
  .string({ message: '联系电话应为文字' })
  .trim()
  .regex(/^[0-9+\-() ]{7,20}$/, { message: '联系电话格式不正确（应为7到20位数字，可含 + - 括号和空格）' });

export const contactSchema = z.strictObject({
  name: text('联系人姓名', 50),
  phone,
  email: z.string().trim().email({ message: '电子邮箱格式不正确' }).optional(),
  title: text('联系人职务', 50).optional(),
});

export const companySchema = z.strictObject({
  name: text('企业名称', 100),
  creditCode: creditCodeSchema,
  legalRepresentative: text('法定代表人', 50),
  address: text('住所（地址）', 200),
  contact: contactSchema,
  /** Optional fields a real application form asks for. */
  postalCode: z.string().trim().regex(/^\d{6}$/, { message: '邮政编码应为6位数字' }).optional(),
  establishedOn: isoDate.optional(),
  registeredCapital: text('注册资本', 50).optional(),
  industry: text('所属行业', 100).optional(),
  mainProducts: text('主要产品或服务', 500).optional(),
  employees: z
    .number({ message: '员工人数应为数字' })
    .int({ message: '员工人数应为整数' })
    .nonnegative({ message: '员工人数不能为负数' })
    .optional(),
  city: text('所在设区市', 20).optional(),
});

export type Company = z.infer<typeof companySchema>;
export type CompanyInput = z.input<typeof companySchema>;

export const evidenceItemSchema = z.union(
  [
    text('证明材料文件名', 200).transform((file) => ({ file, title: null as string | null, note: null as string | null })),
    z.object({
      file: text('证明材料文件名', 200),
      title: text('证明材料名称', 200).optional().transform((v) => v ?? null),
      note: text('证明材料说明', 500).optional().transform((v) => v ?? null),
    }),
  ],
  { message: '证明材料应为文件名（文字），或含 file（文件名）、title、note 的对象' },
);
export type EvidenceItem = z.infer<typeof evidenceItemSchema>;

export const windowEntrySchema = z.strictObject({
  explanation: z.string().trim().max(5000, { message: '指标说明不能超过5000个字符' }).optional(),
  evidence: z.array(evidenceItemSchema).max(200, { message: '每个窗口最多列出200个证明材料' }).optional(),
});

export const applicationSchema = z.strictObject({
  company: companySchema,
  level: z.enum(LEVELS, { message: `申报等级应为 ${LEVELS.join('、')} 之一` }),
  applicationDate: isoDate.optional(),
  /** Per indicator window, keyed by its stable id. Unknown ids are an error, not ignored. */
  windows: z
    .partialRecord(z.enum(INDICATOR_IDS, { message: `指标窗口编号应为 ${INDICATOR_IDS.join('、')} 之一` }), windowEntrySchema)
    .optional(),
});

export type Application = z.infer<typeof applicationSchema>;
export type ApplicationInput = z.input<typeof applicationSchema>;
export type WindowEntries = Partial<Record<IndicatorId, z.infer<typeof windowEntrySchema>>>;

/**
 * The zh-CN name of each field, for error messages that name the field. A key may be a
 * dotted suffix of the path (`contact.name`): the longest matching suffix wins, so the
 * contact's name is not labelled as the company's.
 */
export const FIELD_LABELS: Record<string, string> = {
  'contact.name': '联系人姓名',
  'contact.title': '联系人职务',
  'evidence.file': '证明材料文件名',
  'evidence.title': '证明材料名称',
  'evidence.note': '证明材料说明',
  company: '企业信息',
  name: '企业名称',
  creditCode: '统一社会信用代码',
  legalRepresentative: '法定代表人',
  address: '住所（地址）',
  contact: '联系人',
  phone: '联系电话',
  email: '电子邮箱',
  title: '名称/职务',
  postalCode: '邮政编码',
  establishedOn: '成立日期',
  registeredCapital: '注册资本',
  industry: '所属行业',
  mainProducts: '主要产品或服务',
  employees: '员工人数',
  city: '所在设区市',
  level: '申报等级',
  applicationDate: '申报日期',
  windows: '指标窗口',
  explanation: '指标说明',
  evidence: '证明材料清单',
  file: '文件名',
  note: '说明',
  signedDate: '签署日期',
};
