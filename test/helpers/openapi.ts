/** Checking answers against the server's own OpenAPI document. */
import { z } from 'zod';

/** A schema of the document, with its $refs resolved, as a zod schema. */
export function zodOfOpenApi(doc: { components: { schemas: Record<string, unknown> } }, schema: unknown): z.ZodType {
  const resolve = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(resolve);
    if (!node || typeof node !== 'object') return node;
    const ref = (node as { $ref?: string }).$ref;
    if (ref) return resolve(doc.components.schemas[ref.replace('#/components/schemas/', '')]);
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, resolve(v)]));
  };
  return z.fromJSONSchema(resolve(schema) as Parameters<typeof z.fromJSONSchema>[0]);
}
