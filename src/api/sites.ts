import { createRoute, z } from '@hono/zod-openapi'
import type { SiteMeta } from '../store/sites.ts'
import { ApiError } from './errors.ts'
import { assertFetchable, storesOf, type Api } from './context.ts'
import {
  AssessmentSchema,
  CursorSchema,
  errors,
  HttpUrlSchema,
  idParam,
  json,
  LimitSchema,
  SiteListingSchema,
  SiteSchema,
  SiteStateSchema,
  SiteStatusSchema,
} from './schemas.ts'

/** KV list() calls one listing request may spend (1,000 keys each) before returning a short page. */
const MAX_LIST_CALLS = 5
/** Newest alerts of a site read (one get each) to find its last full Assessment. */
const ASSESSMENT_LOOKBACK = 3

/** Tags are stored comma-joined in list metadata, so a tag is one word without commas. */
const TagSchema = z
  .string()
  .regex(/^[\p{L}\p{N}][\p{L}\p{N}_.-]{0,31}$/u, 'a tag is 1 to 32 letters, digits, _ . or -')

/** 10 tags of 32 characters, comma-joined, fit the 400 characters SiteStore keeps in metadata. */
const TagsSchema = z
  .array(TagSchema)
  .max(10)
  .transform((tags) => [...new Set(tags)])
  .openapi({ example: ['clone'] })

const LabelSchema = z.string().trim().min(1).max(200).openapi({ example: 'mp3fiesta' })

/** Minutes between scans: from the cron's 30-minute tick to a month. */
const IntervalSchema = z.number().int().min(30).max(43_200).openapi({ example: 1440 })

const NewSiteSchema = z
  .strictObject({
    url: HttpUrlSchema,
    label: LabelSchema.optional(),
    tags: TagsSchema.optional(),
    intervalMinutes: IntervalSchema.optional(),
  })
  .openapi('NewSite')

const SitePatchSchema = z
  .strictObject({
    label: LabelSchema.optional(),
    tags: TagsSchema.optional(),
    intervalMinutes: IntervalSchema.optional(),
    status: SiteStatusSchema.optional(),
  })
  .refine((p) => Object.keys(p).length > 0, {
    message: 'give at least one of label, tags, intervalMinutes, status',
    // An unknown field is reported as such, not also as "nothing to change".
    when: (payload) => payload.issues.length === 0,
  })
  .openapi('SitePatch')

const SiteDetailSchema = z
  .object({
    site: SiteSchema,
    state: SiteStateSchema.nullable(),
    lastAssessment: z
      .object({ alertId: z.string(), createdAt: z.string(), assessment: AssessmentSchema })
      .nullable()
      .openapi({ description: 'The newest alert of the site that carries a full Assessment' }),
    history: SiteStateSchema.shape.history.openapi({ description: 'Recent scores, oldest first' }),
  })
  .openapi('SiteDetail')

const tagList = (tags: string) => (tags ? tags.split(',') : [])
const listing = (s: SiteMeta & { id: string }) => ({ ...s, tags: tagList(s.tags) })

const list = createRoute({
  method: 'get',
  path: '/api/sites',
  summary: 'List the watch list',
  tags: ['sites'],
  request: {
    query: z.object({
      tag: TagSchema.optional(),
      status: SiteStatusSchema.optional(),
      cursor: CursorSchema,
      limit: LimitSchema,
    }),
  },
  responses: {
    200: json(
      z.object({ sites: z.array(SiteListingSchema), cursor: z.string().nullable() }),
      'One page of sites in id order; follow `cursor` until it is null',
    ),
    ...errors(400, 401, 500),
  },
})

const create = createRoute({
  method: 'post',
  path: '/api/sites',
  summary: 'Add a site to the watch list',
  tags: ['sites'],
  request: { body: { content: { 'application/json': { schema: NewSiteSchema } }, required: true } },
  responses: {
    201: json(SiteSchema, 'The new site'),
    ...errors(400, 401, 403, 409, 413, 415, 500),
  },
})

const get = createRoute({
  method: 'get',
  path: '/api/sites/{id}',
  summary: 'A site with its scan state, last Assessment and score history',
  tags: ['sites'],
  request: { params: idParam('s_0123456789abcdef') },
  responses: { 200: json(SiteDetailSchema, 'The site'), ...errors(400, 401, 404, 500) },
})

const update = createRoute({
  method: 'patch',
  path: '/api/sites/{id}',
  summary:
    'Change a site (label, tags, interval, status; the URL is its identity and cannot change)',
  tags: ['sites'],
  request: {
    params: idParam('s_0123456789abcdef'),
    body: { content: { 'application/json': { schema: SitePatchSchema } }, required: true },
  },
  responses: {
    200: json(SiteSchema, 'The changed site'),
    ...errors(400, 401, 403, 404, 413, 415, 500),
  },
})

const remove = createRoute({
  method: 'delete',
  path: '/api/sites/{id}',
  summary: 'Remove a site with its scan state and suppression (its alerts stay)',
  tags: ['sites'],
  request: { params: idParam('s_0123456789abcdef') },
  responses: { 204: { description: 'Removed' }, ...errors(400, 401, 403, 404, 500) },
})

/** Sites: the watch list. */
export function registerSites(app: Api) {
  app.openapi(list, async (c) => {
    const { tag, status, cursor, limit } = c.req.valid('query')
    const page = await storesOf(c.env).sites.query({
      cursor,
      limit,
      maxListCalls: MAX_LIST_CALLS,
      match: (s) => (!status || s.status === status) && (!tag || tagList(s.tags).includes(tag)),
    })
    return c.json({ sites: page.items.map(listing), cursor: page.cursor }, 200)
  })

  app.openapi(create, async (c) => {
    const body = c.req.valid('json')
    assertFetchable(body.url, c.env)
    const { site, created } = await storesOf(c.env).sites.add(
      { ...body, source: 'api' },
      new Date(),
    )
    if (!created) {
      throw new ApiError(
        409,
        'duplicate_site',
        `this site is already on the watch list as ${site.id}`,
        {
          siteId: site.id,
        },
      )
    }
    return c.json(site, 201, { Location: `/api/sites/${site.id}` })
  })

  app.openapi(get, async (c) => {
    const { id } = c.req.valid('param')
    const stores = storesOf(c.env)
    const [site, state] = await Promise.all([stores.sites.get(id), stores.states.get(id)])
    if (!site) throw new ApiError(404, 'not_found', `no site ${id}`)
    const recent = await stores.alerts.query({
      match: (a) => a.siteId === id,
      limit: ASSESSMENT_LOOKBACK,
      maxListCalls: MAX_LIST_CALLS,
    })
    let lastAssessment = null
    for (const a of recent.items) {
      const alert = await stores.alerts.get(a.id)
      if (alert?.assessment) {
        lastAssessment = {
          alertId: alert.id,
          createdAt: alert.createdAt,
          assessment: alert.assessment,
        }
        break
      }
    }
    return c.json({ site, state, lastAssessment, history: state?.history ?? [] }, 200)
  })

  app.openapi(update, async (c) => {
    const { id } = c.req.valid('param')
    const site = await storesOf(c.env).sites.update(id, c.req.valid('json'))
    if (!site) throw new ApiError(404, 'not_found', `no site ${id}`)
    return c.json(site, 200)
  })

  app.openapi(remove, async (c) => {
    const { id } = c.req.valid('param')
    const stores = storesOf(c.env)
    if (!(await stores.sites.get(id))) throw new ApiError(404, 'not_found', `no site ${id}`)
    await stores.sites.delete(id)
    await stores.states.delete(id)
    await stores.suppressions.delete(id)
    return c.body(null, 204)
  })
}
