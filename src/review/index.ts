/** The reviewer's desk: a folder of submissions checked in one go (see run.ts). */
export { reviewFolder, DEFAULT_STORE_FILE, type ReviewOptions, type ReviewOutcome, type ReviewProgress, type ReviewedSubmission } from './run.js';
export { discoverSubmissions, slotFromName, SUBMISSION_FILE, type FolderSubmission, type FolderFile, type SlotSource } from './discover.js';
export { fingerprintFile, certificateNumbers, pageHash, sealPrint, HASHED_PAGES } from './fingerprint.js';
export { submissionsTable, findingsTable, reportPath, type Table, type Cell } from './table.js';
export { toCsv, writeOutputs, WORKBOOK_FILE, type ReviewOutputs } from './outputs.js';
export { renderIndexPage } from './index-page.js';
export { checkRepeats, repeatsAt, withCross, type Repeats, type RepeatsOptions } from './repeats.js';
