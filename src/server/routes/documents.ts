/**
 * POST /v1/pledge and POST /v1/summary: the company or application JSON (as the files the
 * CLI takes) in, the document out. Custom templates are a CLI feature only: a server does
 * not read template paths sent by clients.
 */
import { applicationSchema, companySchema } from '../../domain/company.js';
import { defineRoute } from '../route.js';
import { chooseFormat, DOCUMENT_TYPES } from '../negotiate.js';
import { pledgeQuerySchema, summaryQuerySchema } from '../schemas.js';

const DOCUMENT_ERRORS = [400, 401, 406, 413, 415, 429, 503, 504] as const;
const BINARY = [DOCUMENT_TYPES.pdf, DOCUMENT_TYPES.docx] as const;

export const pledgeRoute = defineRoute({
  method: 'POST',
  url: '/v1/pledge',
  operationId: 'pledge',
  tag: 'documents',
  summary: '生成申报承诺书（附件1） / generate the pledge letter',
  description: 'The body is the company JSON (as examples/company.json). PDF unless `?format=docx` or the Accept header asks for DOCX.',
  auth: true,
  queued: true,
  query: pledgeQuerySchema,
  body: companySchema,
  responses: { 200: { description: 'The pledge, ready to sign and seal', binary: BINARY } },
  errors: DOCUMENT_ERRORS,
  async handle({ request, query }) {
    const format = chooseFormat(query.format, request.headers.accept);
    const { generatePledge } = await import('../../generators/pledge.js');
    // The body was validated before the queue; the generator takes it as sent, since a parsed
    // company (or application) is not valid input a second time.
    const bytes = await generatePledge(request.body, format, { signedDate: query.date, embedFont: query.embedFont });
    return { kind: 'binary', contentType: DOCUMENT_TYPES[format], filename: `承诺书.${format}`, filenameAscii: `pledge.${format}`, body: bytes };
  },
});

export const summaryRoute = defineRoute({
  method: 'POST',
  url: '/v1/summary',
  operationId: 'summary',
  tag: 'documents',
  summary: '生成申报材料汇总 / generate the application summary',
  description: 'The body is the application JSON (as examples/application.json, with `company` as an object). PDF unless `?format=docx` or the Accept header asks for DOCX.',
  auth: true,
  queued: true,
  query: summaryQuerySchema,
  body: applicationSchema,
  responses: { 200: { description: 'The application summary', binary: BINARY } },
  errors: DOCUMENT_ERRORS,
  async handle({ request, query }) {
    const format = chooseFormat(query.format, request.headers.accept);
    const { generateSummary } = await import('../../generators/summary.js');
    const bytes = await generateSummary(request.body, format, { today: query.today, embedFont: query.embedFont });
    return { kind: 'binary', contentType: DOCUMENT_TYPES[format], filename: `申报材料汇总.${format}`, filenameAscii: `summary.${format}`, body: bytes };
  },
});
