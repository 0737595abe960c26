/**
 * A route as data: its inputs and answers as zod schemas, and its handler. The server
 * registers routes from these specs and the OpenAPI document is written from the same
 * specs, so the document cannot describe a route other than the one that runs; every JSON
 * answer is checked against its declared schema before it is sent.
 */
import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { OcrEngine } from '../reading/ocr/engine.js';
import type { ServerOptions } from './options.js';
import type { JobBackend } from '../jobs/types.js';
import type { Repeats } from '../review/repeats.js';
import type { WorkQueue } from './queue.js';

/** Where the server is in its life: upload routes wait for `ready`. */
export type Readiness = 'starting' | 'ready' | 'failed' | 'closing';

/** The parts of the running server a handler may look at. */
export interface ServerState {
  readiness(): Readiness;
  /** Why the OCR engine failed to start, when it did. */
  engineError(): string | undefined;
  queue: WorkQueue;
  /** Asynchronous checks (POST /v1/checks): in-process or BullMQ. */
  jobs: JobBackend;
  /** With a store (`store` option): a checked submission recorded, with what repeats under other companies. */
  repeats?: Repeats;
  /** The OpenAPI document (built once from the route specs). */
  openapi(): Record<string, unknown>;
}

export type HttpMethod = 'GET' | 'POST' | 'DELETE';

/** One multipart form field, for the document. */
export interface FormField {
  description: string;
  kind: 'file' | 'files' | 'json';
  /** For `json` fields: the schema of its content. */
  schema?: z.ZodType;
  required?: boolean;
}

export interface ResponseSpec {
  description: string;
  json?: z.ZodType;
  /** Binary answers by content type (documents). */
  binary?: readonly string[];
  html?: boolean;
}

export type RouteResult =
  | { kind: 'json'; status?: number; body: unknown; headers?: Record<string, string> }
  | { kind: 'binary'; contentType: string; filename: string; filenameAscii: string; body: Uint8Array }
  | { kind: 'html'; body: string };

/** What a handler gets: the parsed inputs and the server's shared parts. */
export interface RouteContext<Q, P, B> {
  request: FastifyRequest;
  query: Q;
  params: P;
  body: B;
  /** Aborts when the request's time is up (queued routes). */
  signal: AbortSignal;
  options: ServerOptions;
  engine: OcrEngine;
  state: ServerState;
  log: FastifyBaseLogger;
}

export interface RouteSpec<Q extends z.ZodType = z.ZodType, P extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType> {
  method: HttpMethod;
  /** Fastify syntax (`/v1/credit-codes/:code`); the document uses `{code}`. */
  url: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: 'pre-check' | 'documents' | 'reference' | 'service';
  /** Requires the API key when the server has one. */
  auth: boolean;
  /** Runs through the work queue, under the request time limit. */
  queued: boolean;
  /** Refused with 503 until the OCR engine is warm. */
  needsEngine?: boolean;
  query?: Q;
  params?: P;
  /** Request headers the route reads (documented as header parameters). */
  headers?: { name: string; description: string }[];
  /** A JSON request body. */
  body?: B;
  /** A multipart request body, by field. */
  form?: Record<string, FormField>;
  responses: Record<number, ResponseSpec>;
  /** Error statuses this route can answer with (documented with the error body). */
  errors: readonly number[];
  handle(context: RouteContext<z.infer<Q>, z.infer<P>, z.infer<B>>): Promise<RouteResult>;
}

/** Keeps each route's types while the list of routes holds them all. */
export function defineRoute<Q extends z.ZodType = z.ZodUndefined, P extends z.ZodType = z.ZodUndefined, B extends z.ZodType = z.ZodUndefined>(
  spec: RouteSpec<Q, P, B>,
): RouteSpec {
  return spec as unknown as RouteSpec;
}
