import { describe, expect, it } from 'vitest'
import type { Site } from '../../src/store/sites.ts'
import { siteIdFor } from '../../src/store/sites.ts'
import { emptyState } from '../../src/store/states.ts'
import {
  ADMIN,
  addAlert,
  addSite,
  api,
  appWith,
  assessment,
  badFields,
  type ErrorJson,
  READ,
  send,
  stores,
} from './fixtures.ts'

interface SiteList {
  sites: {
    id: string
    host: string
    label: string
    status: string
    tags: string[]
    intervalMinutes: number
  }[]
  cursor: string | null
}

describe('POST /api/sites', () => {
  it('adds a site: 201, Location, the stored record', async () => {
    const r = await send('POST', '/api/sites', {
      url: 'http://Shop.example.test/music/',
      label: '  Shop  ',
      tags: ['clone', 'ru', 'clone'],
      intervalMinutes: 720,
    })
    expect(r.status).toBe(201)
    const site = (await r.json()) as Site
    const id = await siteIdFor('http://shop.example.test/music')
    expect(site).toEqual({
      id,
      url: 'http://shop.example.test/music/',
      host: 'shop.example.test',
      label: 'Shop',
      tags: ['clone', 'ru'],
      intervalMinutes: 720,
      status: 'active',
      createdAt: site.createdAt,
      source: 'api',
    })
    expect(r.headers.get('location')).toBe(`/api/sites/${id}`)
    expect(await stores().sites.get(id)).toEqual(site)
  })

  it('refuses the same site again, normalised (www., case, trailing slash): 409', async () => {
    const first = (await (
      await send('POST', '/api/sites', { url: 'https://dup.test/store' })
    ).json()) as Site
    for (const url of [
      'https://www.dup.test/store/',
      'http://DUP.test/store',
      'https://dup.test/store///',
    ]) {
      const r = await send('POST', '/api/sites', { url })
      expect(r.status).toBe(409)
      expect(await r.json()).toEqual({
        error: {
          code: 'duplicate_site',
          message: `this site is already on the watch list as ${first.id}`,
          details: { siteId: first.id },
        },
      })
    }
  })

  it.each([
    [{}, ['url'], 'Invalid input: expected string, received undefined'],
    [{ url: 'not a url' }, ['url'], 'must be an absolute URL'],
    [{ url: 'ftp://files.test/' }, ['url'], 'must be http or https'],
    [{ url: 'javascript:alert(1)' }, ['url'], 'must be http or https'],
    [{ url: 'http://user:pw@creds.test/' }, ['url'], 'must not contain credentials'],
    [{ url: 'http://a.test/', label: '' }, ['label'], null],
    [{ url: 'http://a.test/', label: 'x'.repeat(201) }, ['label'], null],
    [{ url: 'http://a.test/', tags: ['a,b'] }, ['tags.0'], null],
    [{ url: 'http://a.test/', tags: 'clone' }, ['tags'], null],
    [{ url: 'http://a.test/', tags: ['x'.repeat(33)] }, ['tags.0'], null],
    [
      { url: 'http://a.test/', tags: Array.from({ length: 11 }, (_, i) => `t${i}`) },
      ['tags'],
      null,
    ],
    [{ url: 'http://a.test/', intervalMinutes: 5 }, ['intervalMinutes'], null],
    [{ url: 'http://a.test/', intervalMinutes: 60.5 }, ['intervalMinutes'], null],
    [{ url: 'http://a.test/', owner: 'me' }, ['owner'], 'unknown field'],
    [{ url: 'ftp://x.test/', label: '', tags: [1] }, ['url', 'label', 'tags.0'], null],
  ])('400 for %j naming %j', async (body, fields, message) => {
    const r = await send('POST', '/api/sites', body)
    expect(r.status).toBe(400)
    const json = (await r.clone().json()) as ErrorJson
    expect(json.error.message).toBe('invalid body')
    expect(await badFields(r)).toEqual(fields)
    if (message) expect(json.error.details![0]!.message).toBe(message)
  })

  it('400 for a non-object body', async () => {
    const r = await send('POST', '/api/sites', ['http://a.test/'])
    expect(r.status).toBe(400)
    expect(await badFields(r)).toEqual(['body'])
  })

  const production = appWith({ ENVIRONMENT: 'production' })
  it.each([
    'http://127.0.0.1/',
    'http://127.1:8080/',
    'http://2130706433/',
    'http://0x7f.0.0.1/',
    'http://10.1.2.3/',
    'http://172.20.0.1/',
    'http://192.168.1.1/',
    'http://169.254.169.254/latest/meta-data/',
    'http://100.64.0.1/',
    'http://0.0.0.0/',
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:10.0.0.1]/',
    'http://[fd00::1]/',
    'http://[fe80::1]/',
    'http://localhost:8790/',
    'http://shop.localhost/',
  ])('refuses %s outside development: 400 on url', async (url) => {
    const r = await production('/api/sites', {
      method: 'POST',
      headers: { ...ADMIN, 'content-type': 'application/json' },
      body: JSON.stringify({ url }),
    })
    expect(r.status).toBe(400)
    const json = (await r.json()) as ErrorJson
    expect(json.error.details).toEqual([
      {
        field: 'url',
        message: /localhost/.test(url)
          ? 'localhost is not allowed'
          : 'private, loopback or link-local addresses are not allowed',
      },
    ])
  })

  it.each([
    'http://8.8.8.8/',
    'http://[2606:4700::1111]/',
    'http://172.32.0.1/',
    'http://192.169.0.1/',
  ])('accepts the public address %s outside development', async (url) => {
    const r = await production('/api/sites', {
      method: 'POST',
      headers: { ...ADMIN, 'content-type': 'application/json' },
      body: JSON.stringify({ url }),
    })
    expect(r.status).toBe(201)
  })

  it('accepts loopback in development (the fixture web)', async () => {
    const r = await send('POST', '/api/sites', { url: 'http://127.0.0.1:8790/' })
    expect(r.status).toBe(201)
  })
})

describe('GET /api/sites', () => {
  it('pages through more sites than one page holds, with tag and status filters', async () => {
    const made: Site[] = []
    for (let i = 0; i < 7; i++) {
      made.push(await addSite({ url: `http://page${i}.test/`, tags: i % 2 ? ['odd'] : ['even'] }))
    }
    await stores().sites.update(made[3]!.id, { status: 'paused' })

    const ids: string[] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const q: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
      const r = await api(`/api/sites?tag=odd&limit=2${q}`, { headers: READ })
      expect(r.status).toBe(200)
      const body = (await r.json()) as SiteList
      expect(body.sites.length).toBeLessThanOrEqual(2)
      for (const s of body.sites) expect(s.tags).toEqual(['odd'])
      ids.push(...body.sites.map((s) => s.id))
      cursor = body.cursor
      pages++
    } while (cursor)
    expect(pages).toBe(2)
    expect(ids.sort()).toEqual([made[1]!.id, made[3]!.id, made[5]!.id].sort())

    const paused = (await (
      await api('/api/sites?status=paused', { headers: READ })
    ).json()) as SiteList
    expect(paused.sites.map((s) => s.id)).toEqual([made[3]!.id])
    expect(paused.sites[0]).toEqual({
      id: made[3]!.id,
      host: 'page3.test',
      label: 'page3.test',
      status: 'paused',
      intervalMinutes: 1440,
      createdAt: '2026-11-01T00:00:00.000Z',
      tags: ['odd'],
    })
  })

  it.each([
    ['limit=0', 'limit'],
    ['limit=201', 'limit'],
    ['limit=ten', 'limit'],
    ['status=gone', 'status'],
    ['tag=a,b', 'tag'],
    ['cursor=not-a-cursor', 'cursor'],
  ])('400 for ?%s naming %s', async (query, field) => {
    const r = await api(`/api/sites?${query}`, { headers: READ })
    expect(r.status).toBe(400)
    expect(await badFields(r)).toEqual([field])
  })
})

describe('GET /api/sites/:id', () => {
  it('returns the site, its state, score history and the newest full Assessment', async () => {
    const site = await addSite({ url: 'http://detail.test/', label: 'Detail' })
    const state = {
      ...emptyState(site.id),
      version: 2,
      fingerprint: 'fp',
      severity: 'high' as const,
      score: 0.8,
      history: [
        { at: '2026-11-01T00:00:00.000Z', score: 0.4, severity: 'low' as const },
        { at: '2026-11-02T00:00:00.000Z', score: 0.8, severity: 'high' as const },
      ],
    }
    await stores().states.put(state)
    const judged = await addAlert({
      siteId: site.id,
      createdAt: '2026-11-02T00:00:00.000Z',
      assessment: assessment({ score: 0.8, url: site.url }),
    })
    // A newer alert without an Assessment (the site went dark) does not hide the last verdict.
    await addAlert({
      siteId: site.id,
      kind: 'went-dark',
      createdAt: '2026-11-05T00:00:00.000Z',
      assessment: null,
    })
    await addAlert({ createdAt: '2026-11-06T00:00:00.000Z' }) // another site's

    const r = await api(`/api/sites/${site.id}`, { headers: READ })
    expect(r.status).toBe(200)
    expect(await r.json()).toEqual({
      site,
      state,
      lastAssessment: {
        alertId: judged.id,
        createdAt: judged.createdAt,
        assessment: judged.assessment,
      },
      history: state.history,
    })
  })

  it('a site never scanned has null state and assessment', async () => {
    const site = await addSite({ url: 'http://fresh.test/' })
    const r = await api(`/api/sites/${site.id}`, { headers: READ })
    expect(await r.json()).toEqual({ site, state: null, lastAssessment: null, history: [] })
  })

  it('404 for an unknown id, 400 for a malformed one', async () => {
    const missing = await api('/api/sites/s_ffffffffffffffff', { headers: READ })
    expect(missing.status).toBe(404)
    expect(await missing.json()).toEqual({
      error: { code: 'not_found', message: 'no site s_ffffffffffffffff' },
    })
    const bad = await api('/api/sites/s:1', { headers: READ })
    expect(bad.status).toBe(400)
    expect(await badFields(bad)).toEqual(['id'])
  })
})

describe('PATCH and DELETE /api/sites/:id', () => {
  it('changes label, tags, interval and status, keeping url and id', async () => {
    const site = await addSite({ url: 'http://edit.test/', tags: ['a'] })
    const r = await send('PATCH', `/api/sites/${site.id}`, {
      label: 'Edited',
      tags: ['b', 'c'],
      intervalMinutes: 60,
      status: 'paused',
    })
    expect(r.status).toBe(200)
    const want = {
      ...site,
      label: 'Edited',
      tags: ['b', 'c'],
      intervalMinutes: 60,
      status: 'paused',
    }
    expect(await r.json()).toEqual(want)
    expect(await stores().sites.get(site.id)).toEqual(want)
    // The listing metadata changed with it.
    const list = (await (await api('/api/sites?tag=c', { headers: READ })).json()) as SiteList
    expect(list.sites.map((s) => [s.id, s.label, s.status])).toEqual([
      [site.id, 'Edited', 'paused'],
    ])
  })

  it.each([
    [{}, 'body'],
    [{ url: 'http://other.test/' }, 'url'],
    [{ status: 'deleted' }, 'status'],
    [{ intervalMinutes: 50_000 }, 'intervalMinutes'],
  ])('400 for %j naming %s', async (body, field) => {
    const site = await addSite({ url: 'http://edit-bad.test/' })
    const r = await send('PATCH', `/api/sites/${site.id}`, body)
    expect(r.status).toBe(400)
    expect(await badFields(r)).toEqual([field])
  })

  it('404 when patching or deleting an unknown site', async () => {
    expect((await send('PATCH', '/api/sites/s_0000000000000bad', { label: 'x' })).status).toBe(404)
    const del = await api('/api/sites/s_0000000000000bad', { method: 'DELETE', headers: ADMIN })
    expect(del.status).toBe(404)
  })

  it('deletes the site, its state and its suppression; its alerts stay', async () => {
    const site = await addSite({ url: 'http://gone.test/' })
    await stores().states.put(emptyState(site.id))
    await stores().suppressions.put(site.id, {
      alertId: 'a_1',
      severity: 'high',
      fingerprint: 'f',
      at: 'now',
      by: 'x',
    })
    const a = await addAlert({ siteId: site.id })
    const r = await api(`/api/sites/${site.id}`, { method: 'DELETE', headers: ADMIN })
    expect(r.status).toBe(204)
    expect(await r.text()).toBe('')
    expect(await stores().sites.get(site.id)).toBeNull()
    expect(await stores().states.get(site.id)).toBeNull()
    expect(await stores().suppressions.get(site.id)).toBeNull()
    expect(await stores().alerts.get(a.id)).toEqual(a)
    expect((await api(`/api/sites/${site.id}`, { headers: READ })).status).toBe(404)
  })
})
