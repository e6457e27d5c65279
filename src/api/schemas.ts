/**
 * The zod schemas every route validates with and the OpenAPI document is generated from. Response
 * schemas mirror the stored types; the `_check` assignments at the end fail to compile when a
 * stored type drifts from its schema.
 */
import { z } from '@hono/zod-openapi'
import { ALERT_KINDS, ALERT_STATUSES, type Alert, type AlertListing } from '../store/alerts.ts'
import { isListCursor } from '../store/filtered-list.ts'
import type { RunMeta, RunRecord } from '../store/runs.ts'
import type { Site } from '../store/sites.ts'
import type { SiteState } from '../store/states.ts'
import type { Assessment } from '../score/types.ts'

/** Largest page a listing returns: bounds the response and the KV reads behind it. */
export const LIMIT_MAX = 200
export const LIMIT_DEFAULT = 50

// ---- errors ----

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'invalid_request' }),
      message: z.string().openapi({ example: 'invalid body' }),
      details: z
        .unknown()
        .optional()
        .openapi({ description: 'For 400: a list of {field, message}, one per bad field.' }),
    }),
  })
  .openapi('Error')

const ERROR_TEXT: Record<number, string> = {
  400: 'Invalid request: `details` names each bad field',
  401: 'Missing or wrong bearer token',
  403: 'The read-only token may not do this',
  404: 'No such resource',
  409: 'Conflicts with the current state',
  413: 'Request body over the limit',
  415: 'Request body is not application/json',
  500: 'Internal error (no details are given)',
}

/** Error responses for a route's OpenAPI entry, all in the one envelope. */
export function errors<C extends keyof typeof ERROR_TEXT>(...codes: C[]) {
  const out = {} as Record<
    C,
    { description: string; content: { 'application/json': { schema: typeof ErrorSchema } } }
  >
  for (const code of codes) {
    out[code] = {
      description: ERROR_TEXT[code]!,
      content: { 'application/json': { schema: ErrorSchema } },
    }
  }
  return out
}

/** A JSON response for a route's OpenAPI entry. */
export function json<S extends z.ZodType>(schema: S, description: string) {
  return { description, content: { 'application/json': { schema } } }
}

// ---- shared request pieces ----

/** Ids are short tokens; anything else (a colon, a slash) never reaches a KV key. */
export const IdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,80}$/, 'must be 1 to 80 letters, digits, _ or -')

export function idParam(example: string) {
  return z.object({
    id: IdSchema.openapi({ param: { name: 'id', in: 'path' }, example }),
  })
}

export const LimitSchema = z.coerce
  .number()
  .int()
  .min(1)
  .max(LIMIT_MAX)
  .default(LIMIT_DEFAULT)
  .openapi({ description: `Items per page, 1 to ${LIMIT_MAX}`, example: LIMIT_DEFAULT })

export const CursorSchema = z
  .string()
  .max(2048)
  .refine(isListCursor, 'not a cursor this API returned')
  .optional()
  .openapi({ description: 'The `cursor` of the previous page' })

/** The URL a string names, or null when it is not an absolute URL. */
export function parseUrl(s: string | null | undefined): URL | null {
  if (!s) return null
  try {
    return new URL(s)
  } catch {
    return null
  }
}

/** An http(s) URL without credentials (private addresses are checked per environment, later). */
export const HttpUrlSchema = z
  .string()
  .max(2048)
  .superRefine((v, ctx) => {
    const u = parseUrl(v)
    const problem = !u
      ? 'must be an absolute URL'
      : !/^https?:$/.test(u.protocol)
        ? 'must be http or https'
        : u.username || u.password
          ? 'must not contain credentials'
          : null
    if (problem) ctx.addIssue({ code: 'custom', message: problem })
  })
  .openapi({ example: 'http://mp3fiesta.test/' })

// ---- stored records ----

export const SeveritySchema = z
  .enum(['none', 'low', 'medium', 'high', 'critical'])
  .openapi('Severity')
export const AlertKindSchema = z.enum(ALERT_KINDS).openapi('AlertKind')
export const AlertStatusSchema = z.enum(ALERT_STATUSES).openapi('AlertStatus')

const EvidenceTextSchema = z.object({ text: z.string(), where: z.string() })

const SignalSchema = z
  .object({
    id: z.string(),
    label: z.string(),
    weight: z.number(),
    evidence: z.array(EvidenceTextSchema),
  })
  .openapi('Signal')

const PriceSchema = z
  .object({
    amount: z.string(),
    currency: z.string().nullable(),
    currencyText: z.string().nullable(),
    unit: z.enum(['track', 'album', 'megabyte', 'gigabyte', 'month', 'unknown']),
    source: z.enum(['json-ld', 'microdata', 'meta', 'script', 'text']),
    context: z.string(),
    physical: z.boolean(),
    minimum: z.boolean(),
    usd: z.number().nullable(),
  })
  .openapi('Price')

const PriceSummarySchema = z
  .object({
    trackUsd: z.number().nullable(),
    albumUsd: z.number().nullable(),
    perMbUsd: z.number().nullable(),
    ratioToReference: z.number().nullable(),
  })
  .openapi('PriceSummary')

export const AssessmentSchema = z
  .object({
    url: z.string(),
    finalUrl: z.string(),
    blocked: z.boolean(),
    language: z.string().nullable(),
    score: z.number(),
    severity: SeveritySchema,
    alert: z.boolean(),
    signals: z.array(SignalSchema),
    prices: z.array(PriceSchema),
    summary: PriceSummarySchema,
    store: z.boolean(),
    movedTo: z.string().nullable(),
    reasons: z.array(z.string()),
    profile: z.object({ id: z.string(), version: z.string() }),
  })
  .openapi('Assessment')

const TriageEntrySchema = z
  .object({ status: AlertStatusSchema, at: z.string(), by: z.string(), note: z.string() })
  .openapi('TriageEntry')

const EvidenceRefSchema = z
  .object({
    key: z.string(),
    sha256: z.string(),
    capturedAt: z.string(),
    bytes: z.number(),
    finalUrl: z.string(),
    headers: z.record(z.string(), z.string()),
    truncated: z.boolean(),
  })
  .openapi('EvidenceRef')

export const AlertSchema = z
  .object({
    id: z.string(),
    siteId: z.string(),
    kind: AlertKindSchema,
    createdAt: z.string(),
    url: z.string(),
    host: z.string(),
    severity: SeveritySchema,
    score: z.number(),
    fingerprint: z.string(),
    title: z.string(),
    previous: z
      .object({ severity: SeveritySchema, score: z.number(), host: z.string().nullable() })
      .nullable(),
    movedTo: z.string().nullable(),
    status: AlertStatusSchema,
    triage: z.array(TriageEntrySchema),
    assessment: AssessmentSchema.nullable(),
    evidence: EvidenceRefSchema.nullable(),
  })
  .openapi('Alert')

export const AlertListingSchema = z
  .object({
    id: z.string(),
    siteId: z.string(),
    kind: AlertKindSchema,
    host: z.string(),
    severity: SeveritySchema,
    score: z.number(),
    status: AlertStatusSchema,
    createdAt: z.string(),
    title: z.string(),
  })
  .openapi('AlertListing')

export const SiteStatusSchema = z.enum(['active', 'paused']).openapi('SiteStatus')

export const SiteSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    host: z.string(),
    label: z.string(),
    tags: z.array(z.string()),
    intervalMinutes: z.number(),
    status: SiteStatusSchema,
    createdAt: z.string(),
    source: z.string(),
  })
  .openapi('Site')

export const SiteListingSchema = z
  .object({
    id: z.string(),
    host: z.string(),
    label: z.string(),
    status: SiteStatusSchema,
    intervalMinutes: z.number(),
    createdAt: z.string(),
    tags: z.array(z.string()),
  })
  .openapi('SiteListing')

const ScorePointSchema = z
  .object({ at: z.string(), score: z.number(), severity: SeveritySchema })
  .openapi('ScorePoint')

export const SiteStateSchema = z
  .object({
    siteId: z.string(),
    version: z.number(),
    fingerprint: z.string().nullable(),
    severity: SeveritySchema,
    score: z.number(),
    finalHost: z.string().nullable(),
    summary: PriceSummarySchema.nullable(),
    rules: z.array(z.string()),
    lastOkAt: z.string().nullable(),
    failingSince: z.string().nullable(),
    lastOutcome: z.string(),
    dark: z.boolean(),
    history: z.array(ScorePointSchema),
    updatedAt: z.string(),
  })
  .openapi('SiteState')

const runFields = {
  trigger: z.enum(['cron', 'api', 'queue']),
  startedAt: z.string(),
  finishedAt: z.string(),
  plannedAt: z.number(),
  sitesDue: z.number(),
  scanned: z.number(),
  outcomes: z.record(z.string(), z.number()),
  alertsRaised: z.number(),
  kvWrites: z.number(),
  subrequests: z.number(),
  invocations: z.number(),
  carriedOver: z.number(),
}

export const RunRecordSchema = z
  .object({ id: z.string(), ...runFields, errors: z.array(z.string()) })
  .openapi('RunRecord')

export const RunListingSchema = z
  .object({ id: z.string(), ...runFields, errorCount: z.number() })
  .openapi('RunListing')

// Compile-time checks: each stored type must fit the schema that documents it.
const _check = {
  alert: {} as Alert satisfies z.output<typeof AlertSchema>,
  listing: {} as AlertListing satisfies z.output<typeof AlertListingSchema>,
  assessment: {} as Assessment satisfies z.output<typeof AssessmentSchema>,
  site: {} as Site satisfies z.output<typeof SiteSchema>,
  state: {} as SiteState satisfies z.output<typeof SiteStateSchema>,
  run: {} as RunRecord satisfies z.output<typeof RunRecordSchema>,
  runListing: {} as RunMeta & { id: string } satisfies z.output<typeof RunListingSchema>,
}
void _check
