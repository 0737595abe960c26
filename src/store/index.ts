/** The store of what was seen (see store.ts) and the cross-submission findings drawn from it. */
export { openStore, isPostgresUrl, type Store, type StoredSubmission } from './store.js';
export { recordSubmission, crossFindings, forgetSubmission, forgetSightingsBefore, PAGE_BITS_APART, SEAL_BITS_APART, BOILERPLATE_COMPANIES, type CrossFinding, type SightingKind, type SubmissionFacts } from './cross.js';
export { hammingHex, type FileFacts, type PageHash, type SealPrint } from './facts.js';
export { MIGRATIONS, SCHEMA_VERSION, migrate } from './migrations.js';
export type { Db, Dialect } from './db.js';
