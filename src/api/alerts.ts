import { createRoute, z } from '@hono/zod-openapi'
import { atLeast } from '../score/severity.ts'
import type { AlertListing } from '../store/alerts.ts'
import { ApiError } from './errors.ts'
import { storesOf, type Api } from './context.ts'
import {
  AlertKindSchema,
  AlertListingSchema,
  AlertSchema,
  AlertStatusSchema,
  CursorSchema,
  errors,
  IdSchema,
  idParam,
  json,
  LimitSchema,
  SeveritySchema,
} from './schemas.ts'
import { applyTriage, canMove, TRANSITIONS } from './triage.ts'

/**
 * KV list() calls one alert listing may spend before it returns a short page with a cursor.
 * Each call reads 1,000 index keys; five keep a request within a few milliseconds of CPU (the
 * Free plan allows 10 ms) and far inside the 1,000 KV operations an invocation may make.
 */
export const MAX_LIST_CALLS = 5

/** The filters of GET /api/alerts, also taken by the Atom feed and the CSV export. */
export const AlertFilterSchema = z.object({
  status: AlertStatusSchema.optional(),
  severity: SeveritySchema.optional().openapi({ description: 'At least this severity' }),
  site: IdSchema.optional().openapi({ description: 'Only this site id' }),
  kind: AlertKindSchema.optional(),
  since: z.iso.datetime({ offset: true }).optional().openapi({
    description: 'Only alerts created at or after this time',
    example: '2026-11-01T00:00:00Z',
  }),
  cursor: CursorSchema,
  limit: LimitSchema,
})
export type AlertFilter = z.output<typeof AlertFilterSchema>

/** The listing predicate for a filter (everything but `since`, which ends the scan instead). */
export function alertMatcher(f: AlertFilter): (a: AlertListing) => boolean {
  return (a) =>
    (!f.status || a.status === f.status) &&
    (!f.severity || atLeast(a.severity, f.severity)) &&
    (!f.site || a.siteId === f.site) &&
    (!f.kind || a.kind === f.kind)
}

const TriageSchema = z
  .strictObject({
    status: AlertStatusSchema.openapi({ example: 'acknowledged' }),
    by: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .openapi({ description: 'Who triaged it', example: 'anna' }),
    note: z.string().max(2000).default('').openapi({ example: 'same operator as mp3sparks' }),
  })
  .openapi('Triage')

const list = createRoute({
  method: 'get',
  path: '/api/alerts',
  summary: 'List alerts, newest first',
  description:
    'Filters are applied to the index metadata. A page may hold fewer than `limit` alerts while ' +
    '`cursor` is not null (the request stopped after reading 5,000 index keys): keep following ' +
    '`cursor` until it is null.',
  tags: ['alerts'],
  request: { query: AlertFilterSchema },
  responses: {
    200: json(
      z.object({ alerts: z.array(AlertListingSchema), cursor: z.string().nullable() }),
      'One page of alerts',
    ),
    ...errors(400, 401, 500),
  },
})

const get = createRoute({
  method: 'get',
  path: '/api/alerts/{id}',
  summary: 'One alert with its full Assessment, evidence reference and triage history',
  tags: ['alerts'],
  request: { params: idParam('a_0123456789abcdef0123') },
  responses: { 200: json(AlertSchema, 'The alert'), ...errors(400, 401, 404, 500) },
})

const triage = createRoute({
  method: 'patch',
  path: '/api/alerts/{id}',
  summary: 'Triage an alert',
  description:
    'new → acknowledged | confirmed | dismissed; acknowledged → confirmed | dismissed; confirmed ' +
    'and dismissed are final. Any other move is 409 `invalid_transition`. Dismissing a new-match, ' +
    'severity-up or price-drop alert holds back re-alerts for its site until severity rises above ' +
    'the dismissed one.',
  tags: ['alerts'],
  request: {
    params: idParam('a_0123456789abcdef0123'),
    body: { content: { 'application/json': { schema: TriageSchema } }, required: true },
  },
  responses: {
    200: json(AlertSchema, 'The alert after triage'),
    ...errors(400, 401, 403, 404, 409, 413, 415, 500),
  },
})

/** Alerts: listing, one alert, triage. */
export function registerAlerts(app: Api) {
  app.openapi(list, async (c) => {
    const f = c.req.valid('query')
    const page = await storesOf(c.env).alerts.query({
      match: alertMatcher(f),
      since: f.since,
      cursor: f.cursor,
      limit: f.limit,
      maxListCalls: MAX_LIST_CALLS,
    })
    return c.json({ alerts: page.items, cursor: page.cursor }, 200)
  })

  app.openapi(get, async (c) => {
    const { id } = c.req.valid('param')
    const alert = await storesOf(c.env).alerts.get(id)
    if (!alert) throw new ApiError(404, 'not_found', `no alert ${id}`)
    return c.json(alert, 200)
  })

  app.openapi(triage, async (c) => {
    const { id } = c.req.valid('param')
    const step = c.req.valid('json')
    const stores = storesOf(c.env)
    const alert = await stores.alerts.get(id)
    if (!alert) throw new ApiError(404, 'not_found', `no alert ${id}`)
    if (!canMove(alert.status, step.status)) {
      throw new ApiError(
        409,
        'invalid_transition',
        `an alert that is ${alert.status} cannot become ${step.status}`,
        {
          from: alert.status,
          to: step.status,
          allowed: TRANSITIONS[alert.status],
        },
      )
    }
    const { alert: next, suppression } = applyTriage(alert, step, new Date())
    // The suppression first: if the alert write then fails, a retry finds the alert still open.
    if (suppression) await stores.suppressions.put(alert.siteId, suppression)
    await stores.alerts.write(next)
    return c.json(next, 200)
  })
}
