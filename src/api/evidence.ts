import { createRoute, z } from '@hono/zod-openapi'
import type { TypedResponse } from 'hono'
import { sha256Hex } from '../store/keys.ts'
import { ApiError } from './errors.ts'
import { storesOf, type Api } from './context.ts'
import { errors, idParam } from './schemas.ts'

/** A charset label safe to repeat in a header (the captured one is whatever the site sent). */
function charsetOf(contentType: string | undefined): string | null {
  const m = /charset\s*=\s*"?([A-Za-z0-9._-]{1,40})"?/i.exec(contentType ?? '')
  return m ? m[1]!.toLowerCase() : null
}

/** A header value made of printable ASCII only (URLs from the fetcher already are). */
function headerSafe(s: string): string {
  return s.replace(/[^\x20-\x7e]/g, (ch) => encodeURIComponent(ch)).slice(0, 2048)
}

const EVIDENCE_HEADERS = {
  'X-Evidence-SHA256': {
    description: 'SHA-256 (hex) of the body exactly as served',
    schema: { type: 'string' as const },
  },
  'X-Captured-At': {
    description: 'When the page was fetched (ISO 8601)',
    schema: { type: 'string' as const },
  },
  'X-Final-URL': {
    description: 'The address the page was served from, after redirects',
    schema: { type: 'string' as const },
  },
  'X-Original-Content-Type': {
    description: 'The content type the site declared',
    schema: { type: 'string' as const },
  },
  'Content-Security-Policy': {
    description: '`sandbox`: a browser never runs the page',
    schema: { type: 'string' as const },
  },
}

const get = createRoute({
  method: 'get',
  path: '/api/alerts/{id}/evidence',
  summary: 'The captured page of an alert, byte for byte',
  description:
    'Served as a `text/plain` attachment with `Content-Security-Policy: sandbox` and ' +
    '`X-Content-Type-Options: nosniff`, so no browser renders or runs it. The SHA-256 header ' +
    'is recomputed from the bytes served.',
  tags: ['alerts'],
  request: { params: idParam('a_0123456789abcdef0123') },
  responses: {
    200: {
      description: 'The page as captured (decompressed)',
      headers: EVIDENCE_HEADERS,
      content: { 'text/plain': { schema: z.string().openapi({ format: 'binary' }) } },
    },
    ...errors(400, 401, 404, 500),
  },
})

/** Evidence: the page an alert was raised on, as captured. */
export function registerEvidence(app: Api) {
  app.openapi(get, async (c) => {
    const { id } = c.req.valid('param')
    const stores = storesOf(c.env)
    const alert = await stores.alerts.get(id)
    if (!alert) throw new ApiError(404, 'not_found', `no alert ${id}`)
    const ref = alert.evidence
    if (!ref) throw new ApiError(404, 'not_found', `alert ${id} has no captured page`)
    const body = await stores.evidence.get(ref.sha256)
    if (!body)
      throw new ApiError(404, 'not_found', `the captured page of alert ${id} is no longer stored`)
    // The header is a promise to a lawyer: it states the hash of these bytes, not of the record.
    const sha256 = await sha256Hex(body)
    if (sha256 !== ref.sha256) {
      console.error(`evidence ${ref.sha256} of alert ${alert.id} hashes to ${sha256}`)
      throw new ApiError(
        500,
        'evidence_mismatch',
        'the stored page does not match its SHA-256, so it is not served',
      )
    }
    const charset = charsetOf(ref.headers['content-type'])
    const res = c.body(new Uint8Array(body), 200, {
      'Content-Type': charset ? `text/plain; charset=${charset}` : 'text/plain',
      'Content-Disposition': `attachment; filename="evidence-${alert.id}-${sha256.slice(0, 12)}.txt"`,
      'Content-Security-Policy': "sandbox; default-src 'none'",
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
      ETag: `"${sha256}"`,
      'X-Evidence-SHA256': sha256,
      'X-Captured-At': headerSafe(ref.capturedAt),
      'X-Final-URL': headerSafe(ref.finalUrl),
      'X-Original-Content-Type': headerSafe(ref.headers['content-type'] ?? ''),
      'X-Evidence-Truncated': String(ref.truncated),
    })
    // The bytes go out as stored (c.text would re-encode them as UTF-8); the route declares text/plain.
    return res as unknown as TypedResponse<string, 200, 'text'>
  })
}
