/** GET /healthz, GET /readyz and GET /openapi.json: for load balancers, orchestrators and clients. */
import { z } from 'zod';
import { defineRoute } from '../route.js';
import { healthSchema, readinessSchema } from '../schemas.js';

export const healthRoute = defineRoute({
  method: 'GET',
  url: '/healthz',
  operationId: 'health',
  tag: 'service',
  summary: '存活检查 / liveness',
  auth: false,
  queued: false,
  responses: { 200: { description: 'The process is alive', json: healthSchema } },
  errors: [],
  async handle() {
    return { kind: 'json', body: { status: 'ok' } };
  },
});

export const readyRoute = defineRoute({
  method: 'GET',
  url: '/readyz',
  operationId: 'ready',
  tag: 'service',
  summary: '就绪检查 / readiness',
  description: '200 once the OCR workers are warm; 503 while starting, when the engine failed to start, and while shutting down.',
  auth: false,
  queued: false,
  responses: {
    200: { description: 'Ready', json: readinessSchema },
    503: { description: 'Not ready (starting, failed or closing)', json: readinessSchema },
  },
  errors: [],
  async handle({ state, engine }) {
    const status = state.readiness();
    const { averageMs: _averageMs, ...queue } = state.queue.stats();
    const error = state.engineError();
    return { kind: 'json', status: status === 'ready' ? 200 : 503, body: { status, engine: engine.id, queue, ...(error ? { error } : {}) } };
  },
});

export const openApiRoute = defineRoute({
  method: 'GET',
  url: '/openapi.json',
  operationId: 'openapi',
  tag: 'service',
  summary: 'OpenAPI 3.1 文档 / this API as OpenAPI 3.1',
  auth: false,
  queued: false,
  responses: { 200: { description: 'The OpenAPI document', json: z.record(z.string(), z.unknown()) } },
  errors: [],
  async handle({ state }) {
    return { kind: 'json', body: state.openapi() };
  },
});
