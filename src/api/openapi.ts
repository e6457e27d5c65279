import { createRoute, z } from '@hono/zod-openapi'
import type { Api } from './context.ts'
import { json } from './schemas.ts'

/** Where the document is served; it is public (it holds no data, only the API's shape). */
export const OPENAPI_PATH = '/api/openapi.json'

export const API_VERSION = '0.1.0'

const health = createRoute({
  method: 'get',
  path: '/health',
  summary: 'Liveness (no token needed)',
  tags: ['meta'],
  security: [],
  responses: { 200: json(z.object({ ok: z.literal(true) }), 'The Worker answers') },
})

/** /health and the OpenAPI 3.1 document generated from the routes' own zod schemas. */
export function registerMeta(app: Api) {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'ADMIN_TOKEN for everything; READ_TOKEN for GET only (writes answer 403)',
  })

  app.openapi(health, (c) => c.json({ ok: true as const }, 200))

  app.doc31(OPENAPI_PATH, (c) => ({
    openapi: '3.1.0',
    info: {
      title: 'successor-watch',
      version: API_VERSION,
      description:
        'Finds and tracks successors of AllofMP3. Every /api route but this document needs a bearer ' +
        'token. Errors use one envelope: {"error":{"code","message","details"}}.',
    },
    servers: [{ url: new URL(c.req.url).origin }],
    security: [{ bearerAuth: [] }],
  }))
}
