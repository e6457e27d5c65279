import { createRoute } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { atomDocument, type AtomEntry } from './atom.ts'
import { AlertFilterSchema } from './alerts.ts'
import { storesOf, type Api, type AppEnv } from './context.ts'
import { csvDocument, type Cell } from './csv.ts'
import { exportAlerts, type ExportedAlert } from './export.ts'
import { errors } from './schemas.ts'

/** The columns of the CSV export, in order. */
export const CSV_COLUMNS = [
  'alert_id',
  'created_at',
  'site',
  'site_label',
  'host_history',
  'first_seen',
  'last_seen',
  'kind',
  'severity',
  'score',
  'track_price_usd',
  'album_price_usd',
  'licensing_claims',
  'payment_methods',
  'status',
  'evidence_sha256',
  'title',
] as const

/** Separator of several values in one cell (hosts, claims): a pipe reads well and is rare in text. */
const JOIN = ' | '

function csvCells(x: ExportedAlert): Cell[] {
  const a = x.alert
  const summary = a.assessment?.summary
  return [
    a.id,
    a.createdAt,
    a.url,
    x.site?.label ?? '',
    x.hosts.join(' > '),
    x.firstSeen,
    x.lastSeen,
    a.kind,
    a.severity,
    a.score,
    summary?.trackUsd ?? null,
    summary?.albumUsd ?? null,
    x.licensing.join(JOIN),
    x.payments.join(JOIN),
    a.status,
    a.evidence?.sha256 ?? '',
    a.title,
  ]
}

const usd = (n: number | null | undefined) => (n == null ? 'unknown' : `$${n}`)

function atomEntry(x: ExportedAlert, origin: string): AtomEntry {
  const a = x.alert
  const lines = [
    a.title,
    '',
    `Site: ${a.url}${x.site ? ` (${x.site.label})` : ''}`,
    `Hosts: ${x.hosts.join(' > ')}`,
    `Severity ${a.severity}, score ${a.score}, ${a.kind}, status ${a.status}`,
    `Prices: track ${usd(a.assessment?.summary.trackUsd)}, album ${usd(a.assessment?.summary.albumUsd)}`,
    `Licensing claims: ${x.licensing.join(JOIN) || 'none'}`,
    `Payment methods: ${x.payments.join(JOIN) || 'none'}`,
    ...(a.assessment?.reasons.length ? ['', ...a.assessment.reasons] : []),
    '',
    `Evidence SHA-256: ${a.evidence?.sha256 ?? 'none'}`,
  ]
  return {
    id: `${origin}/api/alerts/${a.id}`,
    title: a.title,
    updated: a.triage.at(-1)?.at ?? a.createdAt,
    published: a.createdAt,
    link: `${origin}/api/alerts/${a.id}`,
    related: a.url,
    categories: [
      { term: a.severity, scheme: `${origin}/api/openapi.json#severity` },
      { term: a.kind, scheme: `${origin}/api/openapi.json#kind` },
      { term: a.status, scheme: `${origin}/api/openapi.json#status` },
    ],
    summary: `${a.host}: ${a.severity} (score ${a.score}), ${a.status}`,
    content: lines.join('\n'),
  }
}

/** RFC 8288 link to the next page, when there is one. */
function nextLink(c: Context<AppEnv>, cursor: string | null): Record<string, string> {
  if (!cursor) return {}
  const u = new URL(c.req.url)
  u.searchParams.set('cursor', cursor)
  return { Link: `<${u.pathname}${u.search}>; rel="next"` }
}

const atom = createRoute({
  method: 'get',
  path: '/api/alerts.atom',
  summary: 'Alerts as an Atom 1.0 feed (same filters as GET /api/alerts)',
  tags: ['feeds'],
  request: { query: AlertFilterSchema },
  responses: {
    200: {
      description: 'One entry per alert, newest first; plain-text content',
      content: { 'application/atom+xml': { schema: { type: 'string' } } },
    },
    ...errors(400, 401, 500),
  },
})

const csv = createRoute({
  method: 'get',
  path: '/api/alerts.csv',
  summary: 'Alerts as CSV for case files (same filters as GET /api/alerts)',
  description:
    `RFC 4180, UTF-8, header row. Columns: ${CSV_COLUMNS.join(', ')}. Cells that begin with ` +
    '= + - @ are prefixed with a single quote so spreadsheets do not run them as formulas.',
  tags: ['feeds'],
  request: { query: AlertFilterSchema },
  responses: {
    200: {
      description: 'One row per alert, newest first',
      content: { 'text/csv': { schema: { type: 'string' } } },
    },
    ...errors(400, 401, 500),
  },
})

/** Feeds and exports. Registered before /api/alerts/{id}, though the paths cannot collide anyway. */
export function registerFeeds(app: Api) {
  app.openapi(atom, async (c) => {
    const { items, cursor } = await exportAlerts(storesOf(c.env), c.req.valid('query'))
    const url = new URL(c.req.url)
    const entries = items.map((x) => atomEntry(x, url.origin))
    const newest = entries
      .map((e) => e.updated)
      .sort()
      .at(-1)
    const doc = atomDocument({
      id: `${url.origin}/api/alerts.atom`,
      title: 'successor-watch alerts',
      self: url.href,
      updated: newest ?? new Date().toISOString(),
      entries,
    })
    return c.body(doc, 200, {
      'Content-Type': 'application/atom+xml; charset=utf-8',
      ...nextLink(c, cursor),
    })
  })

  app.openapi(csv, async (c) => {
    const { items, cursor } = await exportAlerts(storesOf(c.env), c.req.valid('query'))
    return c.body(csvDocument(CSV_COLUMNS, items.map(csvCells)), 200, {
      'Content-Type': 'text/csv; charset=utf-8; header=present',
      'Content-Disposition': 'attachment; filename="alerts.csv"',
      ...nextLink(c, cursor),
    })
  })
}
