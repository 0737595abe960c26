/**
 * The sample submission in examples/submission/: one fictitious AA applicant's files, made by
 * the corpus builders, with a few defects planted on purpose so that a newcomer's first
 * `npx qcredit check examples/submission/submission.json` shows what the pre-check finds:
 *
 * - the credit report covers about one year, but AA needs three (QC_REPORT_RANGE_SHORT);
 * - the pledge, a phone-scanned JPEG, was not signed (QC_SIGNATURE_MISSING);
 * - an ISO 9001 certificate sits in the 品牌建设 window; it belongs in 基础设施建设
 *   (QC_WINDOW_MISMATCH);
 * - most windows are still empty (QC_MATERIAL_MISSING warnings).
 *
 * Regenerate with `UPDATE_EXAMPLES=1 npx vitest run test/example-submission.test.ts`.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IndicatorId } from '../../src/domain/catalogue.js';
import { buildBusinessLicense } from '../corpus/business-license.js';
import { generateCompanies } from '../corpus/companies.js';
import { buildCreditReport } from '../corpus/credit-report.js';
import { buildEvidence, templatesFor } from '../corpus/evidence.js';
import { buildPledge } from '../corpus/pledge.js';
import { createRng } from '../corpus/random.js';
import { rasterize } from '../corpus/raster.js';
import type { FontChoice } from '../corpus/fonts.js';

export interface PlantedDefect {
  code: string;
  file?: string;
}

export const PLANTED: PlantedDefect[] = [
  { code: 'QC_REPORT_RANGE_SHORT', file: '3-专项信用报告.pdf' },
  { code: 'QC_SIGNATURE_MISSING', file: '2-承诺书（扫描）.jpg' },
  { code: 'QC_WINDOW_MISMATCH', file: '品牌建设-质量管理体系认证证书.pdf' },
];

export const APPLICATION_DATE = '2026-06-18';
const FONTS: FontChoice = { body: 400, bold: 700 };

export async function makeExampleSubmission(dir: string): Promise<void> {
  const rng = createRng('qcredit-example-submission');
  const [company] = generateCompanies(rng.fork('companies'), 1);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const files: { path: string; slot: string }[] = [];
  const put = async (path: string, slot: string, bytes: Uint8Array) => {
    await writeFile(join(dir, path), bytes);
    files.push({ path, slot });
  };

  const licence = await buildBusinessLicense(company!, rng.fork('licence'), FONTS);
  await put('1-营业执照.pdf', 'business-license', licence.pdf);

  const pledge = await buildPledge(company!, rng.fork('pledge'), FONTS, 'no-signature');
  // A colour scan saved as JPEG, as most applicants' scanners do (a grey scan hides the seal's colour).
  for (let attempt = 0; ; attempt++) {
    const scan = await rasterize(pledge.pdf, pledge.truth.pages, 'scan', rng.fork(`pledge-scan-${attempt}`), new Date(Date.UTC(2026, 5, 16)));
    if (scan.mime === 'image/jpeg' && scan.raster.colour) {
      await put('2-承诺书（扫描）.jpg', 'pledge', scan.bytes);
      break;
    }
    if (attempt > 100) throw new Error('no colour JPEG scan among 100 seeds');
  }

  // A report of about a year, queried with the right settings: only its period is wrong.
  for (let attempt = 0; ; attempt++) {
    const report = await buildCreditReport(company!, rng.fork(`report-${attempt}`), FONTS);
    const truth = report.truth;
    if (truth.months >= 10 && truth.months <= 14 && truth.allDomains && truth.simplePenaltyIncluded && truth.recordsCount === 0) {
      await put('3-专项信用报告.pdf', 'credit-report', report.pdf);
      break;
    }
    if (attempt > 200) throw new Error('no one-year credit report among 200 seeds');
  }

  const evidence = async (window: IndicatorId, name: string, templateId: string, slot: IndicatorId = window) => {
    const template = templatesFor(window).find((t) => t.id === templateId);
    if (!template) throw new Error(`no evidence template ${templateId}`);
    const built = await buildEvidence(company!, rng.fork(`evidence-${window}-${name}`), FONTS, template);
    await put(`${slotLabel(slot)}-${name}.pdf`, slot, built.pdf);
  };
  await evidence('quality-culture', '企业质量信用报告', 'quality-credit-report');
  await evidence('resources', '首席质量官任命文件', 'chief-quality-officer-appointment');
  await evidence('rnd-innovation', '高新技术企业证书', 'high-tech-enterprise-certificate');
  await evidence('customer-satisfaction', '客户满意度测评报告', 'customer-satisfaction-report');
  // Planted: a management-system certificate (基础设施建设) put into the 品牌建设 window.
  await evidence('infrastructure', '质量管理体系认证证书', 'management-system-certificate', 'brand-building');

  const submission = {
    company: { name: company!.name, creditCode: company!.creditCode },
    level: 'AA',
    applicationDate: APPLICATION_DATE,
    files,
  };
  await writeFile(join(dir, 'submission.json'), JSON.stringify(submission, null, 2) + '\n');
}

const LABELS: Partial<Record<IndicatorId, string>> = {
  'quality-culture': '质量文化',
  resources: '资源保障',
  'rnd-innovation': '科技研发创新',
  'customer-satisfaction': '顾客满意',
  'brand-building': '品牌建设',
};
function slotLabel(slot: IndicatorId): string {
  return LABELS[slot] ?? slot;
}
