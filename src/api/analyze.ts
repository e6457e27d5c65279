import { createRoute, z } from '@hono/zod-openapi'
import { loadConfig } from '../env.ts'
import { fetchPage } from '../fetch/fetcher.ts'
import { createHostOverride } from '../fetch/host-override.ts'
import type { FetchOutcome } from '../fetch/outcome.ts'
import { activeProfile } from '../profile/index.ts'
import { judge } from '../scan/scan-site.ts'
import { analyzePage } from '../score/analyze.ts'
import { assertFetchable, type Api } from './context.ts'
import { invalid } from './errors.ts'
import { AssessmentSchema, errors, HttpUrlSchema, json } from './schemas.ts'

/** Largest page analysed from a request body: the same cap the fetcher applies to a fetched page. */
export const MAX_HTML_BYTES = 2 * 1024 * 1024

const AnalyzeRequestSchema = z
  .strictObject({
    url: HttpUrlSchema.openapi({
      description: 'The page to fetch, or the address `html` came from',
    }),
    html: z
      .string()
      .optional()
      .openapi({ description: 'The page itself (UTF-8); when given, nothing is fetched' }),
  })
  .openapi('AnalyzeRequest')

const FetchSummarySchema = z
  .object({
    outcome: z.string().openapi({ example: 'ok' }),
    status: z.number().nullable(),
    finalUrl: z.string(),
    redirects: z.number(),
    bytes: z.number(),
    truncated: z.boolean(),
    elapsedMs: z.number(),
    error: z.string().nullable(),
  })
  .openapi('FetchSummary')

const AnalyzeResultSchema = z
  .object({
    assessment: AssessmentSchema.nullable().openapi({
      description: 'Null when the fetch gave nothing to judge (see fetch.outcome)',
    }),
    fetch: FetchSummarySchema.nullable().openapi({ description: 'Null when `html` was given' }),
  })
  .openapi('AnalyzeResult')

const analyze = createRoute({
  method: 'post',
  path: '/api/analyze',
  summary: 'Assess one page without storing anything',
  description:
    "With `{url}` the page is fetched by the scanner's fetcher; with `{html, url}` the given HTML is judged as if served from `url`.",
  tags: ['analyze'],
  request: {
    body: { content: { 'application/json': { schema: AnalyzeRequestSchema } }, required: true },
  },
  responses: {
    200: json(AnalyzeResultSchema, 'The verdict'),
    ...errors(400, 401, 403, 413, 415, 500),
  },
})

function summary(page: FetchOutcome) {
  return {
    outcome: page.outcome,
    status: page.status ?? null,
    finalUrl: page.finalUrl,
    redirects: page.redirects.length,
    bytes: page.bytes,
    truncated: page.truncated,
    elapsedMs: page.elapsedMs,
    error: page.error ?? null,
  }
}

/** Analyze: the pure core over HTTP. Touches no store. */
export function registerAnalyze(app: Api) {
  app.openapi(analyze, async (c) => {
    const { url, html } = c.req.valid('json')
    const profile = activeProfile()
    if (html !== undefined) {
      const body = new TextEncoder().encode(html)
      if (body.length > MAX_HTML_BYTES) {
        throw invalid('body', [
          { field: 'html', message: `must be at most ${MAX_HTML_BYTES} bytes as UTF-8` },
        ])
      }
      const assessment = analyzePage(
        { url, finalUrl: url, headers: { 'content-type': 'text/html; charset=utf-8' }, body },
        profile,
      )
      return c.json({ assessment, fetch: null }, 200)
    }
    assertFetchable(url, c.env)
    const { scan } = loadConfig(c.env as unknown as Record<string, unknown>)
    const page = await fetchPage(url, {
      timeoutMs: scan.timeoutMs,
      maxBytes: scan.maxBytes,
      override: createHostOverride(c.env),
    })
    return c.json({ assessment: judge(page, url, profile), fetch: summary(page) }, 200)
  })
}
