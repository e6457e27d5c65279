import { env, SELF } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Alert } from '../../src/store/alerts.ts'
import { createStores } from '../../src/store/index.ts'

const ADMIN = { authorization: 'Bearer test-admin-token' }
const READ = { authorization: 'Bearer test-read-token' }

function alert(id: string, createdAt: string, host: string): Alert {
  return {
    id,
    siteId: 's_1',
    kind: 'new-match',
    createdAt,
    url: `http://${host}/`,
    host,
    severity: 'high',
    score: 0.8,
    fingerprint: 'f'.repeat(16),
    title: `${host} matches`,
    previous: null,
    movedTo: null,
    status: 'new',
    triage: [],
    assessment: null,
    evidence: null,
  }
}

describe('API basics', () => {
  beforeAll(async () => {
    const { alerts } = createStores(env.WATCH)
    await alerts.create(alert('a_old', '2026-11-01T00:00:00.000Z', 'old.test'))
    await alerts.create(alert('a_new', '2026-11-20T00:00:00.000Z', 'new.test'))
  })

  it('serves /health without auth', async () => {
    const r = await SELF.fetch('https://w/health')
    expect(r.status).toBe(200)
    expect(await r.json()).toEqual({ ok: true })
  })

  it('refuses /api without a token: 401, JSON envelope, WWW-Authenticate', async () => {
    const r = await SELF.fetch('https://w/api/alerts')
    expect(r.status).toBe(401)
    expect(r.headers.get('www-authenticate')).toMatch(/^Bearer /)
    expect(await r.json()).toEqual({
      error: { code: 'unauthorized', message: 'missing bearer token' },
    })
  })

  it('refuses a wrong token with 401', async () => {
    const r = await SELF.fetch('https://w/api/alerts', {
      headers: { authorization: 'Bearer nope' },
    })
    expect(r.status).toBe(401)
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe('unauthorized')
  })

  it('lists alerts newest first', async () => {
    const r = await SELF.fetch('https://w/api/alerts', { headers: READ })
    expect(r.status).toBe(200)
    const body = (await r.json()) as {
      alerts: { id: string; host: string }[]
      cursor: string | null
    }
    expect(body.alerts.map((a) => a.id)).toEqual(['a_new', 'a_old'])
    expect(body.cursor).toBeNull()
  })

  it('returns one alert by id, and a JSON 404 for an unknown one', async () => {
    const ok = await SELF.fetch('https://w/api/alerts/a_new', { headers: ADMIN })
    expect(ok.status).toBe(200)
    expect(((await ok.json()) as Alert).host).toBe('new.test')
    const missing = await SELF.fetch('https://w/api/alerts/a_nope', { headers: ADMIN })
    expect(missing.status).toBe(404)
    expect(await missing.json()).toEqual({
      error: { code: 'not_found', message: 'no alert a_nope' },
    })
  })

  it('answers an unknown route with a JSON 404', async () => {
    const r = await SELF.fetch('https://w/nowhere')
    expect(r.status).toBe(404)
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe('not_found')
  })

  it('names the bad field of a malformed query with a 400', async () => {
    const r = await SELF.fetch('https://w/api/alerts?limit=0', { headers: ADMIN })
    expect(r.status).toBe(400)
    const body = (await r.json()) as { error: { code: string; details: { field: string }[] } }
    expect(body.error.code).toBe('invalid_request')
    expect(body.error.details[0]!.field).toBe('limit')
  })
})
