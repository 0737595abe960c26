/**
 * The queue dashboard (Bull Board) at /admin/queues, in Redis mode only, behind the API key
 * like the /v1 routes: jobs by state, their data, failures and retries.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance } from 'fastify';
import { toHttpError } from '../server/http-errors.js';
import type { BullJobs } from './bullmq.js';

export const DASHBOARD_PATH = '/admin/queues';

export async function registerQueueDashboard(app: FastifyInstance, jobs: BullJobs, checkKey?: (headers: IncomingHttpHeaders) => void): Promise<void> {
  const adapter = new FastifyAdapter();
  adapter.setBasePath(DASHBOARD_PATH);
  createBullBoard({
    queues: [new BullMQAdapter(jobs.queue, { readOnlyMode: false })],
    // @bull-board/fastify carries its own copy of @bull-board/api: the same shapes, other declarations.
    serverAdapter: adapter as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'] });
  await app.register(
    async (scope) => {
      // Answered here: the dashboard's own error handler would turn a thrown 401 into a 500.
      if (checkKey) {
        scope.addHook('onRequest', async (request, reply) => {
          try {
            checkKey(request.headers);
          } catch (error) {
            const answer = toHttpError(error, { requestId: request.id, maxRequestBytes: 0, maxJsonBytes: 0, maxFiles: 0, maxFileBytes: 0 });
            return reply.code(answer.status).headers(answer.headers).type('application/json; charset=utf-8').send(answer.body);
          }
        });
      }
      await scope.register(adapter.registerPlugin());
    },
    { prefix: DASHBOARD_PATH },
  );
}
