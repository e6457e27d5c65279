import { createRoute, z } from '@hono/zod-openapi'
import { runDeps } from '../scan/deps.ts'
import { apiScan } from '../scan/scheduled.ts'
import { ApiError, invalid } from './errors.ts'
import { storesOf, type Api } from './context.ts'
import {
  CursorSchema,
  errors,
  IdSchema,
  idParam,
  json,
  RunListingSchema,
  RunRecordSchema,
} from './schemas.ts'

/**
 * Site ids one scan request may name. A request scans within one invocation's subrequest budget
 * (about 40 pages); ids past it are reported as carried over, so more would only cost KV reads.
 */
const MAX_SCAN_IDS = 100

const ScanRequestSchema = z
  .strictObject({
    siteIds: z
      .array(IdSchema)
      .min(1)
      .max(MAX_SCAN_IDS)
      .optional()
      .openapi({ description: 'Scan these sites now; without it, every site that is due' }),
  })
  .openapi('ScanRequest')

const ScanResultSchema = z
  .object({
    runId: z.string(),
    status: z.enum(['finished', 'partial']).openapi({
      description:
        '`partial` when the invocation budget ran out; the rest is counted in run.carriedOver',
    }),
    run: RunRecordSchema,
  })
  .openapi('ScanResult')

const start = createRoute({
  method: 'post',
  path: '/api/scans',
  summary: 'Run a scan now (all due sites, or the given ones) and return its run record',
  description: 'The scan runs within this request; the response comes when it has finished.',
  tags: ['scans'],
  request: {
    body: { content: { 'application/json': { schema: ScanRequestSchema } }, required: false },
  },
  responses: {
    200: json(ScanResultSchema, 'The finished run'),
    ...errors(400, 401, 403, 413, 415, 500),
  },
})

const list = createRoute({
  method: 'get',
  path: '/api/scans',
  summary: 'Recent scan runs, newest first',
  tags: ['scans'],
  request: {
    query: z.object({
      cursor: CursorSchema,
      limit: z.coerce.number().int().min(1).max(200).default(20),
    }),
  },
  responses: {
    200: json(
      z.object({ runs: z.array(RunListingSchema), cursor: z.string().nullable() }),
      'One page of runs',
    ),
    ...errors(400, 401, 500),
  },
})

const get = createRoute({
  method: 'get',
  path: '/api/scans/{id}',
  summary: 'One scan run with its error list',
  tags: ['scans'],
  request: { params: idParam('8235871999999-0a1b2c3d') },
  responses: { 200: json(RunRecordSchema, 'The run'), ...errors(400, 401, 404, 500) },
})

/** Scans: start one, list runs, read one run. */
export function registerScans(app: Api) {
  app.openapi(start, async (c) => {
    const { siteIds } = c.req.valid('json')
    if (siteIds) {
      const stores = storesOf(c.env)
      const found = await Promise.all(siteIds.map((id) => stores.sites.get(id)))
      const missing = siteIds.flatMap((id, i) =>
        found[i] ? [] : [{ field: `siteIds.${i}`, message: `no site ${id}` }],
      )
      if (missing.length) throw invalid('body', missing)
    }
    const result = await apiScan(runDeps(c.env), siteIds ? [...new Set(siteIds)] : null)
    return c.json(result, 200)
  })

  app.openapi(list, async (c) => {
    const { cursor, limit } = c.req.valid('query')
    const page = await storesOf(c.env).runs.query({ cursor, limit })
    return c.json({ runs: page.items, cursor: page.cursor }, 200)
  })

  app.openapi(get, async (c) => {
    const { id } = c.req.valid('param')
    const run = await storesOf(c.env).runs.get(id)
    if (!run) throw new ApiError(404, 'not_found', `no scan run ${id}`)
    return c.json(run, 200)
  })
}
