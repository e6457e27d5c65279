import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { ADMIN, addAlert, api, appWith, type ErrorJson, READ, send } from './fixtures.ts'

/** Every route with a request that would succeed (or at least pass auth) for the admin token. */
const WRITES: [method: string, path: string, body: unknown][] = [
  ['POST', '/api/sites', { url: 'http://new.test/' }],
  ['PATCH', '/api/sites/s_0000000000000001', { label: 'x' }],
  ['DELETE', '/api/sites/s_0000000000000001', undefined],
  ['PATCH', '/api/alerts/a_x', { status: 'acknowledged', by: 'anna' }],
  ['POST', '/api/scans', {}],
  ['POST', '/api/analyze', { url: 'http://x.test/', html: '<p>x</p>' }],
]

const READS = [
  '/api/sites',
  '/api/sites/s_0000000000000001',
  '/api/alerts',
  '/api/alerts/a_x',
  '/api/alerts/a_x/evidence',
  '/api/alerts.atom',
  '/api/alerts.csv',
  '/api/scans',
  '/api/scans/1-2',
  '/api/profile',
]

describe('auth', () => {
  it.each([...READS.map((p) => ['GET', p, undefined] as const), ...WRITES])(
    '%s %s: 401 without a token, 401 with a wrong one, with WWW-Authenticate',
    async (method, path, body) => {
      const init = (headers: Record<string, string>) => ({
        method,
        headers: { ...headers, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      const missing = await api(path, init({}))
      expect(missing.status).toBe(401)
      expect(missing.headers.get('www-authenticate')).toBe('Bearer realm="successor-watch"')
      expect(await missing.json()).toEqual({
        error: { code: 'unauthorized', message: 'missing bearer token' },
      })

      const wrong = await api(path, init({ authorization: 'Bearer test-admin-tokeN' }))
      expect(wrong.status).toBe(401)
      expect(wrong.headers.get('www-authenticate')).toMatch(
        /^Bearer realm="successor-watch", error="invalid_token"$/,
      )
      expect(await wrong.json()).toEqual({
        error: { code: 'unauthorized', message: 'invalid bearer token' },
      })
    },
  )

  it('refuses a malformed Authorization header as missing', async () => {
    const r = await api('/api/alerts', { headers: { authorization: 'Basic dGVzdDp0ZXN0' } })
    expect(r.status).toBe(401)
    expect(((await r.json()) as ErrorJson).error.message).toBe('missing bearer token')
  })

  it.each(WRITES)('%s %s with the read token: 403 forbidden', async (method, path, body) => {
    const r = await send(method, path, body ?? {}, READ)
    expect(r.status).toBe(403)
    expect(await r.json()).toEqual({
      error: { code: 'forbidden', message: 'this token may only read' },
    })
  })

  it.each(READS)('GET %s with the read token passes auth', async (path) => {
    const r = await api(path, { headers: READ })
    expect([200, 404]).toContain(r.status)
    if (r.status === 404) expect(((await r.json()) as ErrorJson).error.code).toBe('not_found')
  })

  it('serves /health and the OpenAPI document without a token', async () => {
    expect((await api('/health')).status).toBe(200)
    expect((await api('/api/openapi.json')).status).toBe(200)
  })
})

describe('request bodies', () => {
  it('413 in the envelope for a body over 32 KiB (declared length)', async () => {
    const r = await send('POST', '/api/sites', {
      url: 'http://big.test/',
      label: 'x'.repeat(40_000),
    })
    expect(r.status).toBe(413)
    expect(await r.json()).toEqual({
      error: {
        code: 'payload_too_large',
        message: 'request body is over 32768 bytes',
        details: { limit: 32768 },
      },
    })
  })

  it('413 for a streamed body without a length that runs over the limit', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(16 * 1024))
    let sent = 0
    const body = new ReadableStream<Uint8Array>({
      pull(ctrl) {
        if (sent++ < 4) ctrl.enqueue(chunk)
        else ctrl.close()
      },
    })
    // In process: through SELF the aborted upload would surface as a dropped connection instead.
    const r = await appWith({})('/api/sites', {
      method: 'POST',
      headers: { ...ADMIN, 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit)
    expect(r.status).toBe(413)
    expect(((await r.json()) as ErrorJson).error.code).toBe('payload_too_large')
  })

  it('allows POST /api/analyze up to 4 MiB but not past it', async () => {
    const r = await send('POST', '/api/analyze', {
      url: 'http://x.test/',
      html: 'x'.repeat(4 * 1024 * 1024),
    })
    expect(r.status).toBe(413)
    expect(((await r.json()) as ErrorJson).error.details).toEqual({ limit: 4 * 1024 * 1024 })
  })

  it('415 in the envelope for a body that is not JSON', async () => {
    const r = await api('/api/sites', {
      method: 'POST',
      headers: { ...ADMIN, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'url=http%3A%2F%2Fform.test%2F',
    })
    expect(r.status).toBe(415)
    expect(await r.json()).toEqual({
      error: {
        code: 'unsupported_media_type',
        message: 'request bodies must be application/json',
        details: { contentType: 'application/x-www-form-urlencoded' },
      },
    })
  })

  it('415 for a body without a content type', async () => {
    const r = await api('/api/sites', {
      method: 'POST',
      headers: ADMIN,
      body: '{"url":"http://a.test/"}',
    })
    expect(r.status).toBe(415)
  })

  it('400 naming the body for malformed JSON', async () => {
    const r = await api('/api/sites', {
      method: 'POST',
      headers: { ...ADMIN, 'content-type': 'application/json' },
      body: '{"url": ',
    })
    expect(r.status).toBe(400)
    expect(await r.json()).toEqual({
      error: {
        code: 'invalid_request',
        message: 'invalid body',
        details: [{ field: 'body', message: 'malformed JSON' }],
      },
    })
  })
})

describe('headers and CORS', () => {
  it('sets secure headers on API responses', async () => {
    const r = await api('/api/alerts', { headers: READ })
    expect(r.headers.get('x-content-type-options')).toBe('nosniff')
    expect(r.headers.get('x-frame-options')).toBe('DENY')
    expect(r.headers.get('content-security-policy')).toBe(
      "default-src 'none'; frame-ancestors 'none'",
    )
    expect(r.headers.get('referrer-policy')).toBe('no-referrer')
  })

  it('allows no browser origin by default', async () => {
    const r = await api('/api/alerts', { headers: { ...READ, origin: 'https://evil.example' } })
    expect(r.status).toBe(200)
    expect(r.headers.get('access-control-allow-origin')).toBeNull()
    const pre = await api('/api/alerts', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    })
    expect(pre.status).toBe(204)
    expect(pre.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('allows exactly the origins in CORS_ORIGINS, preflight without a token', async () => {
    const req = appWith({ CORS_ORIGINS: 'https://desk.example.org, https://other.example' })
    const pre = await req('/api/alerts', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://desk.example.org',
        'access-control-request-method': 'PATCH',
        'access-control-request-headers': 'authorization, content-type',
      },
    })
    expect(pre.status).toBe(204)
    expect(pre.headers.get('access-control-allow-origin')).toBe('https://desk.example.org')
    expect(pre.headers.get('access-control-allow-methods')).toBe('GET,HEAD,POST,PATCH,DELETE')
    expect(pre.headers.get('access-control-allow-headers')).toBe('Authorization,Content-Type')
    expect(pre.headers.get('access-control-allow-credentials')).toBeNull()
    const get = await req('/api/alerts', {
      headers: { ...READ, origin: 'https://desk.example.org' },
    })
    expect(get.headers.get('access-control-allow-origin')).toBe('https://desk.example.org')
    const other = await req('/api/alerts', {
      headers: { ...READ, origin: 'https://desk.example.org.evil' },
    })
    expect(other.headers.get('access-control-allow-origin')).toBeNull()
  })
})

describe('errors', () => {
  it('a failure inside a route is a bare 500 envelope, nothing leaked', async () => {
    await addAlert({ id: 'a_boom' })
    const broken = new Proxy(env.WATCH, {
      get(target, prop) {
        if (prop === 'get') return () => Promise.reject(new Error('KV exploded at /secret/path'))
        const v = Reflect.get(target, prop)
        return typeof v === 'function' ? v.bind(target) : v
      },
    })
    const r = await appWith({ WATCH: broken })('/api/alerts/a_boom', { headers: READ })
    expect(r.status).toBe(500)
    const text = await r.text()
    expect(JSON.parse(text)).toEqual({ error: { code: 'internal', message: 'internal error' } })
    expect(text).not.toContain('secret')
  })

  it('an unknown /api route is a 404 envelope (after auth)', async () => {
    const r = await api('/api/nothing', { headers: READ })
    expect(r.status).toBe(404)
    expect(await r.json()).toEqual({
      error: { code: 'not_found', message: 'no route for GET /api/nothing' },
    })
  })
})
