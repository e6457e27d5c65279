import { env, SELF } from 'cloudflare:test'
import { createApp } from '../../src/api/app.ts'
import type { Assessment } from '../../src/score/types.ts'
import type { Alert } from '../../src/store/alerts.ts'
import type { EvidenceRef } from '../../src/store/evidence.ts'
import { createStores } from '../../src/store/index.ts'
import type { NewSite, Site } from '../../src/store/sites.ts'

export const ADMIN = { authorization: 'Bearer test-admin-token' }
export const READ = { authorization: 'Bearer test-read-token' }

/** The API error envelope as tests read it. */
export interface ErrorJson {
  error: {
    code: string
    message: string
    details?: { field: string; message: string }[] & Record<string, unknown>
  }
}

/** A request to the Worker under test (the real entry point, bindings from vitest.config.ts). */
export function api(path: string, init: RequestInit = {}): Promise<Response> {
  return SELF.fetch(`https://w${path}`, init)
}

/** A JSON request with the admin token unless other headers are given. */
export function send(
  method: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = ADMIN,
) {
  return api(path, {
    method,
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
}

/** The app with bindings overridden (production ENVIRONMENT, a spied KV, CORS origins...). */
export function appWith(overrides: Record<string, unknown>) {
  const app = createApp()
  const bindings = { ...env, ...overrides } as Env
  return (path: string, init: RequestInit = {}) => app.request(`https://w${path}`, init, bindings)
}

/** The field names of a 400 envelope, in order. */
export async function badFields(r: Response): Promise<string[]> {
  const body = (await r.json()) as ErrorJson
  if (body.error.code !== 'invalid_request')
    throw new Error(`expected invalid_request, got ${body.error.code}`)
  return (body.error.details ?? []).map((d) => d.field)
}

export const stores = () => createStores(env.WATCH)

export function assessment(over: Partial<Assessment> = {}): Assessment {
  return {
    url: 'http://clone.test/',
    finalUrl: 'http://clone.test/',
    blocked: false,
    language: 'en',
    score: 0.82,
    severity: 'high',
    alert: true,
    signals: [],
    prices: [],
    summary: { trackUsd: 0.12, albumUsd: 1.2, perMbUsd: null, ratioToReference: 0.12 },
    store: true,
    reasons: ['Sells single tracks at a tenth of the reference price.'],
    profile: { id: 'allofmp3', version: 'test' },
    movedTo: null,
    ...over,
  }
}

let seq = 0

/** An alert record; ids are unique per call unless given. */
export function alert(over: Partial<Alert> = {}): Alert {
  seq++
  const host = over.host ?? 'clone.test'
  return {
    id: `a_${String(seq).padStart(20, '0')}`,
    siteId: 's_0000000000000001',
    kind: 'new-match',
    createdAt: new Date(Date.UTC(2026, 10, 1) + seq * 60_000).toISOString(),
    url: `http://${host}/`,
    host,
    severity: 'high',
    score: 0.82,
    fingerprint: `fp${seq}`,
    title: `${host} looks like AllofMP3`,
    previous: null,
    movedTo: null,
    status: 'new',
    triage: [],
    assessment: assessment(),
    evidence: null,
    ...over,
  }
}

/** Stores an alert through AlertStore.create and returns it. */
export async function addAlert(over: Partial<Alert> = {}): Promise<Alert> {
  const a = alert(over)
  if (!(await stores().alerts.create(a))) throw new Error(`alert ${a.id} already exists`)
  return a
}

/** Adds a site through SiteStore.add and returns it. */
export async function addSite(input: NewSite): Promise<Site> {
  return (await stores().sites.add(input, new Date('2026-11-01T00:00:00Z'))).site
}

/** Stores a captured page through EvidenceStore.put. */
export function addEvidence(
  body: Uint8Array,
  contentType: string,
  finalUrl: string,
): Promise<EvidenceRef> {
  return stores().evidence.put({
    body,
    headers: { 'content-type': contentType },
    finalUrl,
    fetchedAt: '2026-11-02T03:04:05.000Z',
  })
}
