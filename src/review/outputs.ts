/**
 * What a review writes: the workbook (exceljs; 申报汇总 and 全部问题, Chinese headers, frozen
 * header row, autofilter), the same two tables as CSV (UTF-8 with a BOM, so Excel reads the
 * Chinese right), one HTML report per submission and an index page linking them.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import { QcError } from '../errors.js';
import { renderHtmlReport } from '../report/html.js';
import { renderIndexPage } from './index-page.js';
import { findingsTable, reportPath, submissionsTable, type Cell, type ReviewedRow, type Table } from './table.js';

export interface ReviewOutputs {
  workbook: string;
  submissionsCsv: string;
  findingsCsv: string;
  index: string;
  reports: string[];
}

export const WORKBOOK_FILE = 'qcredit-review.xlsx';

async function write(file: string, content: string | Uint8Array): Promise<void> {
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
  } catch (cause) {
    throw new QcError('QC_OUTPUT_WRITE', { file, reason: (cause as Error).message }, { cause });
  }
}

const cellText = (cell: Cell) => (typeof cell === 'object' ? cell.text : String(cell));

/** RFC 4180 with CRLF, BOM first: what Excel opens as UTF-8. */
export function toCsv(table: Table): string {
  const field = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  return '\uFEFF' + [table.headers, ...table.rows.map((r) => r.map(cellText))].map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}

function addSheet(workbook: ExcelJS.Workbook, table: Table): void {
  const sheet = workbook.addWorksheet(table.name, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
  sheet.addRow(table.headers);
  for (const row of table.rows) sheet.addRow(row.map((c) => (typeof c === 'object' ? { text: c.text, hyperlink: c.hyperlink } : c)));
  sheet.getRow(1).font = { bold: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, table.rows.length + 1), column: table.headers.length } };
  table.headers.forEach((header, i) => {
    const longest = Math.max(header.length * 2, ...table.rows.map((r) => Math.min(60, cellText(r[i]!).length * 1.6)));
    sheet.getColumn(i + 1).width = Math.max(8, Math.min(60, longest));
  });
}

export async function writeOutputs(output: string, reviewed: readonly ReviewedRow[]): Promise<ReviewOutputs> {
  const submissions = submissionsTable(reviewed);
  const findings = findingsTable(reviewed);

  // exceljs loads only when a workbook is written (importing qcredit does not load it).
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  workbook.creator = 'qcredit';
  addSheet(workbook, submissions);
  addSheet(workbook, findings);
  const workbookFile = path.join(output, WORKBOOK_FILE);
  await write(workbookFile, new Uint8Array(await workbook.xlsx.writeBuffer()));

  const submissionsCsv = path.join(output, 'submissions.csv');
  const findingsCsv = path.join(output, 'findings.csv');
  await write(submissionsCsv, toCsv(submissions));
  await write(findingsCsv, toCsv(findings));

  const reports: string[] = [];
  for (const r of reviewed) {
    const file = path.join(output, reportPath(r.id));
    await write(file, await renderHtmlReport(r.result));
    reports.push(file);
  }
  const index = path.join(output, 'index.html');
  await write(index, await renderIndexPage(reviewed));
  return { workbook: workbookFile, submissionsCsv, findingsCsv, index, reports };
}
