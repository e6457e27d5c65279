import { env } from 'cloudflare:test'
import { describe, expect, inject, it } from 'vitest'
import { activeProfile } from '../../src/profile/index.ts'
import { analyzePage } from '../../src/score/analyze.ts'
import type { Assessment } from '../../src/score/types.ts'
import { dumpKv, spyKv } from '../helpers/kv.ts'
import { ADMIN, addAlert, appWith, badFields, READ, send } from './fixtures.ts'

interface Result {
  assessment: Assessment | null
  fetch: {
    outcome: string
    status: number | null
    finalUrl: string
    redirects: number
    bytes: number
    truncated: boolean
    error: string | null
  } | null
}

const HTML =
  '<html><head><title>Cheap MP3</title></head><body><p>Album 0.99 USD, DRM-free MP3, pay with WebMoney.</p></body></html>'

describe('POST /api/analyze', () => {
  it('judges given HTML exactly as the pure core does', async () => {
    const r = await send('POST', '/api/analyze', { url: 'http://given.test/page', html: HTML })
    expect(r.status).toBe(200)
    const body = (await r.json()) as Result
    const want = analyzePage(
      {
        url: 'http://given.test/page',
        finalUrl: 'http://given.test/page',
        headers: { 'content-type': 'text/html; charset=utf-8' },
        body: new TextEncoder().encode(HTML),
      },
      activeProfile(),
    )
    expect(body).toEqual({ assessment: JSON.parse(JSON.stringify(want)), fetch: null })
    expect(body.assessment!.url).toBe('http://given.test/page')
    expect(body.assessment!.profile.id).toBe('allofmp3')
  })

  it('fetches a URL through the fetcher (fixture web) and judges it', async () => {
    const page = await fetch(`${inject('fixtureOrigin')}/__host/fetch-ok.test/`)
    const bytes = (await page.arrayBuffer()).byteLength
    const r = await send('POST', '/api/analyze', { url: 'http://fetch-ok.test/' })
    expect(r.status).toBe(200)
    const body = (await r.json()) as Result
    expect(body.fetch).toMatchObject({
      outcome: 'ok',
      status: 200,
      finalUrl: 'http://fetch-ok.test/',
      redirects: 0,
      bytes,
      truncated: false,
      error: null,
    })
    expect(body.assessment).toMatchObject({
      url: 'http://fetch-ok.test/',
      finalUrl: 'http://fetch-ok.test/',
    })
  })

  it('reports a page it could not judge with a null assessment and the fetch outcome', async () => {
    const body = (await (
      await send('POST', '/api/analyze', { url: 'http://fetch-ok.test/missing' })
    ).json()) as Result
    expect(body.assessment).toBeNull()
    expect(body.fetch).toMatchObject({ outcome: 'http-error', status: 404 })
  })

  it('stores nothing: no KV key is written, the namespace is unchanged', async () => {
    await addAlert() // something in the namespace to compare
    const before = await dumpKv(env.WATCH)
    const spy = spyKv(env.WATCH)
    const req = appWith({ WATCH: spy.kv })
    for (const body of [
      { url: 'http://given.test/', html: HTML },
      { url: 'http://fetch-ok.test/' },
    ]) {
      const r = await req('/api/analyze', {
        method: 'POST',
        headers: { ...ADMIN, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
      expect(r.status).toBe(200)
    }
    expect((await send('POST', '/api/analyze', { url: 'http://fetch-ok.test/' })).status).toBe(200)
    expect(spy.writes).toEqual([])
    expect(await dumpKv(env.WATCH)).toEqual(before)
  })

  it.each([
    [{}, ['url']],
    [{ html: HTML }, ['url']],
    [{ url: 'mailto:a@b.test' }, ['url']],
    [{ url: 'http://a.test/', html: 42 }, ['html']],
    [{ url: 'http://a.test/', html: 'é'.repeat(1024 * 1024 + 1) }, ['html']],
    [{ url: 'http://a.test/', depth: 2 }, ['depth']],
  ])('400 for %j naming %j', async (body, fields) => {
    const r = await send('POST', '/api/analyze', body)
    expect(r.status).toBe(400)
    expect(await badFields(r)).toEqual(fields)
  })

  it('refuses to fetch a private address outside development', async () => {
    const r = await appWith({ ENVIRONMENT: 'production', HOST_OVERRIDE: '' })('/api/analyze', {
      method: 'POST',
      headers: { ...ADMIN, 'content-type': 'application/json' },
      body: JSON.stringify({ url: 'http://169.254.169.254/latest/meta-data/' }),
    })
    expect(r.status).toBe(400)
    expect(await badFields(r)).toEqual(['url'])
  })

  it('is admin-only (it makes the Worker fetch)', async () => {
    expect(
      (await send('POST', '/api/analyze', { url: 'http://a.test/', html: '' }, READ)).status,
    ).toBe(403)
  })
})
