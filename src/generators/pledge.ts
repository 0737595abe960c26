/** 附件1 承诺书: the official pledge with the company's credit code and name filled in. */
import { z } from 'zod';
import { companySchema, type CompanyInput } from '../domain/company.js';
import { parseInput } from '../domain/validate.js';
import type { DocumentModel } from '../document/model.js';
import { loadTemplate, renderTemplate, type TemplateSource } from '../document/template.js';
import { companyContext } from './context.js';
import { renderDocument, type OutputFormat, type RenderOptions } from './output.js';

export const pledgeOptionsSchema = z.object({
  /** The signing date, printed on the 年 月 日 line; left blank to fill in by hand. */
  signedDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: '签署日期格式应为 YYYY-MM-DD' }).optional(),
  /** Blank room for the signature and a 4 cm round seal, in points. */
  signatureRoom: z.number().min(40).max(400).default(90),
});
export type PledgeOptions = z.input<typeof pledgeOptionsSchema> & { template?: string | TemplateSource };

export async function pledgeModel(company: CompanyInput | unknown, options: PledgeOptions = {}): Promise<DocumentModel> {
  const data = parseInput(companySchema, company, '企业信息');
  const opts = parseInput(pledgeOptionsSchema, { signedDate: options.signedDate, signatureRoom: options.signatureRoom }, '承诺书选项');
  const template = typeof options.template === 'object' ? options.template : await loadTemplate(options.template ?? 'pledge');
  return renderTemplate(template, {
    company: companyContext(data),
    signedDate: opts.signedDate ?? null,
    signatureRoom: opts.signatureRoom,
  });
}

export async function generatePledge(
  company: CompanyInput | unknown,
  format: OutputFormat,
  options: PledgeOptions & RenderOptions = {},
): Promise<Uint8Array> {
  return renderDocument(await pledgeModel(company, options), format, options);
}
