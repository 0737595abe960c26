/**
 * The OpenAPI 3.1 document, written from the route specs and their zod schemas
 * (z.toJSONSchema; OpenAPI 3.1 schemas are JSON Schema 2020-12). The project's named schemas
 * become components, so a client generator gets `Analysis`, `CheckResult` and so on.
 */
import { z } from 'zod';
import { analysisSchema, checkResultSchema, findingSchema, submissionSchema } from '../checks/schema.js';
import { eligibilityRequestSchema } from '../checks/eligibility-request.js';
import { applicationSchema, companySchema } from '../domain/company.js';
import { VERSION } from '../version.js';
import { jobViewSchema } from '../jobs/types.js';
import { errorBodySchema } from './http-errors.js';
import { jobAcceptedSchema } from './routes/checks.js';
import type { RouteSpec } from './route.js';
import { catalogueSchema, eligibilityAnswerSchema, readinessSchema, usccReportSchema } from './schemas.js';

type Json = Record<string, unknown>;

/** Named schemas: requests are described as clients send them, answers as the server sends them. */
const INPUTS: [string, z.ZodType][] = [
  ['Company', companySchema],
  ['Application', applicationSchema],
  ['Submission', submissionSchema],
  ['EligibilityRequest', eligibilityRequestSchema],
];
const OUTPUTS: [string, z.ZodType][] = [
  ['Finding', findingSchema],
  ['Analysis', analysisSchema],
  ['CheckResult', checkResultSchema],
  ['CheckJob', jobViewSchema],
  ['CheckJobAccepted', jobAcceptedSchema],
  ['EligibilityAnswer', eligibilityAnswerSchema],
  ['UsccReport', usccReportSchema],
  ['Catalogue', catalogueSchema],
  ['Readiness', readinessSchema],
  ['Error', errorBodySchema],
];

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });

/** Drop the per-schema `$schema`/`$id`: inside an OpenAPI document they would change how refs resolve. */
function clean(schema: Json): Json {
  const { $schema: _schema, $id: _id, ...rest } = schema;
  return rest;
}

function components(): { schemas: Record<string, Json>; names: Map<z.ZodType, string> } {
  const names = new Map<z.ZodType, string>();
  const schemas: Record<string, Json> = {};
  for (const [list, io] of [[INPUTS, 'input'], [OUTPUTS, 'output']] as const) {
    const registry = z.registry<{ id: string }>();
    for (const [id, schema] of list) {
      registry.add(schema, { id });
      names.set(schema, id);
    }
    const out = z.toJSONSchema(registry, { io, uri: (id) => `#/components/schemas/${id}`, unrepresentable: 'any' });
    for (const [id, schema] of Object.entries(out.schemas)) schemas[id] = clean(schema as Json);
  }
  return { schemas, names };
}

function schemaOf(schema: z.ZodType, names: Map<z.ZodType, string>, io: 'input' | 'output'): Json {
  const name = names.get(schema);
  return name ? ref(name) : clean(z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Json);
}

/** Query or path parameters from a zod object's shape. */
function parameters(schema: z.ZodType | undefined, where: 'query' | 'path'): Json[] {
  if (!(schema instanceof z.ZodObject)) return [];
  return Object.entries(schema.shape as Record<string, z.ZodType>).map(([name, field]) => {
    const json = clean(z.toJSONSchema(field, { io: 'input', unrepresentable: 'any' }) as Json);
    const { description, ...rest } = json;
    return { name, in: where, required: where === 'path' || !field.safeParse(undefined).success, ...(description ? { description } : {}), schema: rest };
  });
}

const ERROR_TEXT: Record<number, string> = {
  400: 'Bad input (QC_INPUT_INVALID, QC_JSON_INVALID, QC_OUTPUT_FORMAT …)',
  401: 'Missing or wrong API key (QC_UNAUTHORIZED)',
  404: 'No such route (QC_NOT_FOUND)',
  406: 'No acceptable document type (QC_NOT_ACCEPTABLE)',
  413: 'Over a size or count limit (QC_REQUEST_TOO_LARGE, QC_FILE_TOO_LARGE, QC_TOO_MANY_FILES)',
  415: 'Wrong content type (QC_MEDIA_TYPE_UNSUPPORTED)',
  429: 'The work queue is full (QC_SERVER_BUSY); retry after Retry-After seconds',
  500: 'Internal error (QC_INTERNAL_ERROR, with the request id)',
  503: 'Starting or shutting down (QC_SERVICE_UNAVAILABLE); retry after Retry-After seconds',
  504: 'The request took longer than the time limit (QC_REQUEST_TIMEOUT)',
};

export function openApiDocument(routes: readonly RouteSpec[], options: { apiKey: boolean }): Json {
  const { schemas, names } = components();
  const paths: Record<string, Json> = {};
  for (const route of routes) {
    const path = route.url.replace(/:(\w+)/g, '{$1}');
    const responses: Record<string, Json> = {};
    for (const [status, spec] of Object.entries(route.responses)) {
      const content: Json = {};
      if (spec.json) content['application/json'] = { schema: schemaOf(spec.json, names, 'output') };
      if (spec.html) content['text/html'] = { schema: { type: 'string' } };
      for (const type of spec.binary ?? []) content[type] = { schema: { type: 'string', format: 'binary' } };
      responses[status] = { description: spec.description, content };
    }
    const errors = [...route.errors.filter((s) => s !== 401 || options.apiKey), 500];
    for (const status of errors) {
      if (responses[status]) continue;
      responses[status] = {
        description: ERROR_TEXT[status] ?? 'Error',
        ...(status === 429 || status === 503 ? { headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Seconds' } } } : {}),
        content: { 'application/json': { schema: ref('Error') } },
      };
    }
    const operation: Json = {
      operationId: route.operationId,
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      tags: [route.tag],
      parameters: [
        ...parameters(route.params, 'path'),
        ...parameters(route.query, 'query'),
        ...(route.headers ?? []).map(({ name, description }) => ({ name, in: 'header', required: false, description, schema: { type: 'string' } })),
      ],
      responses,
      ...(route.auth && options.apiKey ? { security: [{ bearer: [] }, { apiKey: [] }] } : {}),
    };
    const content: Json = {};
    if (route.body) content['application/json'] = { schema: schemaOf(route.body, names, 'input') };
    if (route.form) {
      const properties: Record<string, Json> = {};
      const encoding: Record<string, Json> = {};
      for (const [name, field] of Object.entries(route.form)) {
        const binary = { type: 'string', format: 'binary' };
        properties[name] =
          field.kind === 'file' ? { ...binary, description: field.description }
          : field.kind === 'files' ? { type: 'array', items: binary, description: field.description }
          : { ...(field.schema ? schemaOf(field.schema, names, 'input') : {}), description: field.description };
        if (field.kind === 'json') encoding[name] = { contentType: 'application/json' };
      }
      const required = Object.entries(route.form).filter(([, f]) => f.required).map(([n]) => n);
      content['multipart/form-data'] = { schema: { type: 'object', properties, required }, encoding };
    }
    // A route may take both (POST /v1/eligibility: typed fields as JSON, or a form with files).
    if (route.body || route.form) operation.requestBody = { required: true, content };
    paths[path] = { ...(paths[path] ?? {}), [route.method.toLowerCase()]: operation };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'qcredit',
      version: VERSION,
      description: '江苏省企业质量信用等级认定工具包的 HTTP 接口：预审上传材料、判断申报资质、生成承诺书与申报汇总、校验统一社会信用代码。Errors are `{ error: { code, message (zh-CN), messageEn, details? } }`.',
    },
    tags: [
      { name: 'pre-check', description: '预审 / pre-check uploads' },
      { name: 'documents', description: '生成文书 / generate documents' },
      { name: 'reference', description: '代码与目录 / codes and the catalogue' },
      { name: 'service', description: '运行状态 / service' },
    ],
    paths,
    components: {
      schemas,
      ...(options.apiKey
        ? { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' } } }
        : {}),
    },
  };
}
