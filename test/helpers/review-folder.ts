/**
 * A folder of generated submissions for the reviewer's desk (`qcredit review`): each company
 * of the corpus gets its licence, signed and sealed pledge, three-year credit report, its
 * management-system certificate (基础设施建设) and a quality-credit report (质量文化), all
 * text-layer PDFs (fast to check). Defects are planted on request, each with what the review
 * should say about it.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PDFDocument, PDFName, PDFObjectCopier, type PDFRef } from 'pdf-lib';
import type { Slot, Submission } from '../../src/checks/schema.js';
import { creditReportOf, KIT_FONTS } from '../../eval/kit.js';
import { contains, drawnImages, eraseMark } from '../../eval/plant.js';
import { buildBusinessLicense } from '../corpus/business-license.js';
import { generateCompanies, type CorpusCompany } from '../corpus/companies.js';
import { buildEvidence, templatesFor } from '../corpus/evidence.js';
import { buildPledge } from '../corpus/pledge.js';
import { addDays, createRng } from '../corpus/random.js';
import type { Box, BuiltDocument, PledgeTruth } from '../corpus/types.js';

export interface PlannedFile {
  name: string;
  slot: Slot;
  bytes: Uint8Array;
}

export interface PlannedSubmission {
  folder: string;
  company: CorpusCompany;
  level: 'AA';
  applicationDate: string;
  files: PlannedFile[];
  /** Written without submission.json: slots from the file names (and content). */
  undeclared?: boolean;
  /** The pledge as built (to plant defects into). */
  pledge: BuiltDocument<PledgeTruth>;
}

const CERTIFICATE = templatesFor('infrastructure').find((t) => t.id === 'management-system-certificate')!;
const CULTURE = templatesFor('quality-culture')[0]!;

/** The certificate a company's stream draws: another company built from the same stream gets the same number. */
export const certificateOf = (company: CorpusCompany, stream: string) => buildEvidence(company, createRng(stream).fork('certificate'), KIT_FONTS, CERTIFICATE);

/** One company's submission, correct (but for the nine windows it leaves empty: warnings). */
export async function plainSubmission(company: CorpusCompany, label: string): Promise<PlannedSubmission> {
  const rng = createRng(label);
  const [licence, pledge, report, certificate, culture] = await Promise.all([
    buildBusinessLicense(company, rng.fork('licence'), KIT_FONTS),
    buildPledge(company, rng.fork('pledge'), KIT_FONTS, 'complete-typed-date'),
    creditReportOf(company, `${label}-report`),
    certificateOf(company, label),
    buildEvidence(company, rng.fork('culture'), KIT_FONTS, CULTURE),
  ]);
  return {
    folder: company.name,
    company,
    level: 'AA',
    applicationDate: addDays(report.truth.generatedAt.slice(0, 10), 2),
    files: [
      { name: '1-营业执照.pdf', slot: 'business-license', bytes: licence.pdf },
      { name: '2-承诺书.pdf', slot: 'pledge', bytes: pledge.pdf },
      { name: '3-专项信用报告.pdf', slot: 'credit-report', bytes: report.pdf },
      { name: `04-基础设施建设-${certificate.truth.title}.pdf`, slot: 'infrastructure', bytes: certificate.pdf },
      { name: `05-质量文化-${culture.truth.title}.pdf`, slot: 'quality-culture', bytes: culture.pdf },
    ],
    pledge,
  };
}

/** The pledge with its signature erased. */
export async function unsigned(pledge: BuiltDocument<PledgeTruth>): Promise<Uint8Array> {
  const signature = pledge.truth.signature!;
  return eraseMark(pledge.pdf, signature.page, signature.box);
}

/** The image XObject drawn around `box` on `page` (1-based): the smallest that covers it. */
async function imageAround(doc: PDFDocument, page: number, box: Box): Promise<string> {
  const drawn = (await drawnImages(doc, page - 1)).filter((d) => contains(d.box, box)).sort((a, b) => a.box.width * a.box.height - b.box.width * b.box.height);
  if (!drawn[0]) throw new Error(`no image around ${JSON.stringify(box)} on page ${page}`);
  return drawn[0].name;
}

/**
 * `target`'s pledge with its seal replaced by the very image of `source`'s seal (copied, not
 * drawn again): the reuse of a seal image the review should find.
 */
export async function withSealOf(target: BuiltDocument<PledgeTruth>, source: BuiltDocument<PledgeTruth>): Promise<Uint8Array> {
  const sourceSeal = source.truth.seals.find((s) => s.role === 'company')!;
  const targetSeal = target.truth.seals.find((s) => s.role === 'company')!;
  const from = await PDFDocument.load(source.pdf, { updateMetadata: false });
  const to = await PDFDocument.load(target.pdf, { updateMetadata: false });
  const fromName = await imageAround(from, sourceSeal.page, sourceSeal.box);
  const toName = await imageAround(to, targetSeal.page, targetSeal.box);
  const fromRef = from.getPage(sourceSeal.page - 1).node.normalizedEntries().XObject.get(PDFName.of(fromName)) as PDFRef;
  const copied = PDFObjectCopier.for(from.context, to.context).copy(from.context.lookup(fromRef)!);
  const ref = to.context.register(copied);
  to.getPage(targetSeal.page - 1).node.normalizedEntries().XObject.set(PDFName.of(toName), ref);
  return to.save({ useObjectStreams: true });
}

export const companiesFor = (label: string, count: number) => generateCompanies(createRng(label), count);

/** Writes the folder: one sub-folder each, with submission.json unless undeclared. */
export async function writeSubmissions(root: string, planned: readonly PlannedSubmission[]): Promise<void> {
  for (const p of planned) {
    const dir = path.join(root, p.folder);
    await mkdir(dir, { recursive: true });
    for (const f of p.files) await writeFile(path.join(dir, f.name), f.bytes);
    if (!p.undeclared) {
      const submission: Submission = {
        company: { name: p.company.name, creditCode: p.company.creditCode },
        level: p.level,
        applicationDate: p.applicationDate,
        files: p.files.map((f) => ({ path: f.name, slot: f.slot })),
      };
      await writeFile(path.join(dir, 'submission.json'), JSON.stringify(submission, null, 2));
    }
  }
}
