import { describe, expect, it, inject } from 'vitest'
import {
  DEFAULT_MAX_BYTES,
  DEFAULT_USER_AGENT,
  fetchPage,
  type FetchOptions,
  type FetchOutcome,
} from '../../src/fetch/fetcher.ts'
import { createHostOverride, OVERRIDE_REFUSED } from '../../src/fetch/host-override.ts'

const origin = inject('fixtureOrigin')
const override = createHostOverride({ ENVIRONMENT: 'development', HOST_OVERRIDE: origin })
const F = 'https://faults.test'
const OK_PAGE =
  '<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>fetch-ok.test</title></head>\n' +
  '<body><h1>A small page</h1><p>Album: 0.99 USD, DRM-free MP3.</p></body>\n</html>\n'

function get(path: string, opts: FetchOptions = {}): Promise<FetchOutcome> {
  return fetchPage(F + path, { override, timeoutMs: 5000, ...opts })
}

const text = (b: Uint8Array | undefined) => new TextDecoder().decode(b)

/** A fetchImpl that answers every request with `make()`. */
const stub =
  (make: () => Response | Promise<Response>): typeof fetch =>
  async () =>
    make()

describe('fetchPage against the fixture web', () => {
  it('fetches a small page through the host override and reports original URLs', async () => {
    const seen: { url: string; ua: string | null; redirect?: string }[] = []
    const spy: typeof fetch = (input, init) => {
      seen.push({
        url: String(input),
        ua: new Headers(init?.headers).get('user-agent'),
        redirect: init?.redirect,
      })
      return fetch(input, init)
    }
    const r = await fetchPage('https://fetch-ok.test/', {
      override,
      fetchImpl: spy,
      now: () => 1_700_000_000_000,
    })
    expect(r.outcome).toBe('ok')
    expect(r.status).toBe(200)
    expect(text(r.body)).toBe(OK_PAGE)
    expect(r.bytes).toBe(177)
    expect(r.truncated).toBe(false)
    expect(r.url).toBe('https://fetch-ok.test/')
    expect(r.finalUrl).toBe('https://fetch-ok.test/')
    expect(r.redirects).toEqual([])
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(r.headers['content-length']).toBe('177')
    expect(r.fetchedAt).toBe('2023-11-14T22:13:20.000Z')
    expect(r.elapsedMs).toBe(0)
    expect(seen).toEqual([
      { url: `${origin}/__host/fetch-ok.test/`, ua: DEFAULT_USER_AGENT, redirect: 'manual' },
    ])
  })

  it('follows a short redirect chain and records every hop', async () => {
    const r = await get('/redirect-chain?n=3')
    expect(r.outcome).toBe('ok')
    expect(text(r.body)).toContain('End of chain')
    expect(r.redirects).toEqual([
      { url: `${F}/redirect-chain?n=3`, status: 302, location: `${F}/redirect-chain?n=2` },
      { url: `${F}/redirect-chain?n=2`, status: 302, location: `${F}/redirect-chain?n=1` },
      { url: `${F}/redirect-chain?n=1`, status: 302, location: `${F}/redirect-chain?n=0` },
    ])
    expect(r.finalUrl).toBe(`${F}/redirect-chain?n=0`)
  })

  it('stops a redirect loop and reports the chain', async () => {
    const r = await get('/loop')
    expect(r.outcome).toBe('redirect-loop')
    if (r.outcome !== 'redirect-loop') return
    expect(r.reason).toBe('loop')
    expect(r.status).toBe(302)
    expect(r.redirects).toEqual([
      { url: `${F}/loop`, status: 302, location: `${F}/loop-b` },
      { url: `${F}/loop-b`, status: 302, location: `${F}/loop` },
    ])
    expect(r.finalUrl).toBe(`${F}/loop-b`)
  })

  it('stops after maxRedirects hops', async () => {
    const r = await get('/redirect-chain?n=12')
    expect(r.outcome).toBe('redirect-loop')
    if (r.outcome !== 'redirect-loop') return
    expect(r.reason).toBe('too-many-redirects')
    // 10 hops followed; the 11th redirect is recorded but not followed.
    expect(r.redirects.length).toBe(11)
    expect(r.redirects[10]).toEqual({
      url: `${F}/redirect-chain?n=2`,
      status: 302,
      location: `${F}/redirect-chain?n=1`,
    })
    expect(r.finalUrl).toBe(`${F}/redirect-chain?n=2`)

    expect((await get('/redirect-chain?n=2', { maxRedirects: 2 })).outcome).toBe('ok')
    const over = await get('/redirect-chain?n=3', { maxRedirects: 2 })
    expect(over.outcome).toBe('redirect-loop')
    expect(over.redirects.length).toBe(3)
  })

  it('records a permanent move to another host', async () => {
    const r = await get('/moved')
    expect(r.outcome).toBe('http-error')
    expect(r.status).toBe(404)
    expect(r.redirects).toEqual([
      { url: `${F}/moved`, status: 301, location: 'https://newhome.test/' },
    ])
    expect(r.finalUrl).toBe('https://newhome.test/')
    expect(text(r.body)).toBe('no fixture for newhome.test/')
  })

  it('maps a Location naming the override origin back to the original host', async () => {
    const to = encodeURIComponent(`${origin}/__host/fetch-ok.test/`)
    const r = await get(`/redirect-to?to=${to}`)
    expect(r.outcome).toBe('ok')
    expect(r.redirects[0]!.location).toBe('https://fetch-ok.test/')
    expect(r.finalUrl).toBe('https://fetch-ok.test/')
  })

  it('refuses redirects to schemes other than http and https', async () => {
    for (const to of ['ftp://faults.test/file.zip', 'javascript:alert(1)', 'data:text/html,hi']) {
      const r = await get(`/redirect-to?to=${encodeURIComponent(to)}`)
      expect(r.outcome).toBe('network-error')
      if (r.outcome !== 'network-error') return
      expect(r.reason).toBe('unsupported-scheme')
      expect(r.redirects).toEqual([
        { url: `${F}/redirect-to?to=${encodeURIComponent(to)}`, status: 302, location: to },
      ])
    }
  })

  it('reports 500, 503 and 404 as http errors with the status and a body', async () => {
    for (const [path, status, title] of [
      ['/500', 500, 'Internal Server Error'],
      ['/503', 503, 'Service Unavailable'],
      ['/404', 404, 'Not Found'],
    ] as const) {
      const r = await get(path)
      expect(r.outcome).toBe('http-error')
      expect(r.status).toBe(status)
      expect(text(r.body)).toContain(`<title>${title}</title>`)
    }
  })

  it('detects a Cloudflare-like challenge', async () => {
    const r = await get('/challenge')
    expect(r.outcome).toBe('blocked')
    if (r.outcome !== 'blocked') return
    expect(r.status).toBe(403)
    expect(r.reason).toBe('cf-mitigated: challenge')
    expect(r.headers['cf-mitigated']).toBe('challenge')
    expect(r.headers['server']).toBe('cloudflare')
    expect(text(r.body)).toContain('<title>Just a moment...</title>')
  })

  it('times out a server that never answers', async () => {
    for (const path of ['/hang', '/slow-headers']) {
      const r = await get(path, { timeoutMs: 500 })
      expect(r.outcome).toBe('timeout')
      if (r.outcome !== 'timeout') return
      expect(r.phase).toBe('headers')
      expect(r.status).toBeUndefined()
    }
  })

  it('times out a body that drips one byte a second', async () => {
    const r = await get('/drip', { timeoutMs: 1000 })
    expect(r.outcome).toBe('timeout')
    if (r.outcome !== 'timeout') return
    expect(r.phase).toBe('body')
    expect(r.status).toBe(200)
    expect(r.truncated).toBe(true)
    expect(r.body).toBeUndefined()
  })

  it('truncates a 20 MB page at maxBytes', async () => {
    const r = await get('/huge')
    expect(r.outcome).toBe('too-large')
    expect(r.bytes).toBe(DEFAULT_MAX_BYTES)
    expect(r.body!.byteLength).toBe(DEFAULT_MAX_BYTES)
    expect(r.truncated).toBe(true)
    expect(text(r.body!.subarray(0, 15))).toBe('<!doctype html>')
    expect(r.headers['content-length']).toBe('20971520')

    const small = await get('/huge', { maxBytes: 100_000 })
    expect(small.outcome).toBe('too-large')
    expect(small.bytes).toBe(100_000)
  })

  it('caps the decoded stream of a gzip bomb', async () => {
    const r = await get('/gzip-bomb')
    expect(r.outcome).toBe('too-large')
    expect(r.bytes).toBe(DEFAULT_MAX_BYTES)
    expect(r.body!.every((b) => b === 0x61)).toBe(true)
    expect(r.headers['content-encoding']).toBe('gzip')
  })

  it('reports a reset connection as a network error', async () => {
    for (const path of ['/reset', '/reset-body']) {
      const r = await get(path)
      expect(r.outcome).toBe('network-error')
      if (r.outcome !== 'network-error') return
      expect(r.reason).toBe('connection')
      expect(r.error.length).toBeGreaterThan(0)
    }
  })

  it('reports a closed port as a network error', async () => {
    const closed = createHostOverride({
      ENVIRONMENT: 'development',
      HOST_OVERRIDE: 'http://127.0.0.1:1',
    })
    const r = await fetchPage('https://fetch-ok.test/', { override: closed, timeoutMs: 3000 })
    expect(r.outcome).toBe('network-error')
    expect(r.url).toBe('https://fetch-ok.test/')
    const direct = await fetchPage('http://127.0.0.1:1/', { timeoutMs: 3000 })
    expect(direct.outcome).toBe('network-error')
  })

  it('stops at the magic bytes of a PNG served as text/html', async () => {
    const r = await get('/binary')
    expect(r.outcome).toBe('not-html')
    if (r.outcome !== 'not-html') return
    expect(r.reason).toBe('magic')
    expect(r.kind).toBe('png')
    expect([...r.body.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47])
  })

  it('does not read an image/png body at all', async () => {
    const r = await get('/image.png')
    expect(r.outcome).toBe('not-html')
    if (r.outcome !== 'not-html') return
    expect(r.reason).toBe('content-type')
    expect(r.kind).toBe('image/png')
    expect(r.bytes).toBe(0)
  })

  it('passes the bytes of a mislabelled windows-1251 page through untouched', async () => {
    const r = await get('/wrong-charset')
    expect(r.outcome).toBe('ok')
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(new TextDecoder('windows-1251').decode(r.body)).toBe(
      '<!doctype html><html><head><title>Музыка без DRM</title></head><body>' +
        '<h1>Музыка без DRM</h1><p>Альбом: 15 руб. Трек: 1,50 руб.</p></body></html>\n',
    )
  })

  it('returns malformed HTML as it came, NUL byte included', async () => {
    const r = await get('/malformed')
    expect(r.outcome).toBe('ok')
    expect(r.body!.indexOf(0)).toBe(text(r.body).indexOf('\u0000'))
    expect(r.body!.includes(0)).toBe(true)
    expect(text(r.body).endsWith('<!-- truncated comm')).toBe(true)
  })
})

describe('fetchPage with a stubbed fetch', () => {
  it('never throws, whatever it is given', async () => {
    const cases: [string, FetchOptions, string, string][] = [
      ['not a url', {}, 'network-error', 'bad-url'],
      ['ftp://example.test/', {}, 'network-error', 'unsupported-scheme'],
      ['javascript:alert(1)', {}, 'network-error', 'unsupported-scheme'],
      [
        'https://x.test/',
        {
          fetchImpl: () => {
            throw new TypeError('boom')
          },
        },
        'network-error',
        'connection',
      ],
      [
        'https://x.test/',
        { fetchImpl: () => Promise.reject('a string') },
        'network-error',
        'connection',
      ],
      [
        'https://x.test/',
        { fetchImpl: stub(() => null as unknown as Response) },
        'network-error',
        'internal',
      ],
    ]
    for (const [url, opts, outcome, reason] of cases) {
      const r = await fetchPage(url, opts)
      expect(r.outcome).toBe(outcome)
      expect((r as { reason?: string }).reason).toBe(reason)
      expect(r.url).toBe(url)
    }
  })

  it('keeps only the safe headers, capped at 512 characters', async () => {
    const r = await fetchPage('https://x.test/', {
      fetchImpl: stub(
        () =>
          new Response('<p>hi</p>', {
            headers: {
              'content-type': 'text/html',
              'set-cookie': 'session=secret',
              'x-api-key': 'secret',
              server: 's'.repeat(2000),
            },
          }),
      ),
    })
    expect(r.outcome).toBe('ok')
    expect(Object.keys(r.headers).sort()).toEqual(['content-type', 'server'])
    expect(r.headers['server']!.length).toBe(512)
  })

  it('tells a challenge by body markers from an ordinary page with Cloudflare scripts', async () => {
    const wall = await fetchPage('https://x.test/', {
      fetchImpl: stub(
        () =>
          new Response('<html><body>Checking your browser before accessing x.test</body></html>', {
            status: 503,
            headers: { 'content-type': 'text/html' },
          }),
      ),
    })
    expect(wall.outcome).toBe('blocked')
    expect((wall as { reason?: string }).reason).toBe('marker: checking your browser')

    const page = await fetchPage('https://x.test/', {
      fetchImpl: stub(
        () =>
          new Response(
            '<html><head><title>Shop</title><script src="/cdn-cgi/challenge-platform/scripts/jsd/main.js"></script></head><body>Just a moment, loading prices</body></html>',
            { headers: { 'content-type': 'text/html' } },
          ),
      ),
    })
    expect(page.outcome).toBe('ok')
  })

  it('reports a body stream that fails mid-way as a network error with the bytes read', async () => {
    const r = await fetchPage('https://x.test/', {
      fetchImpl: stub(() => {
        let n = 0
        const body = new ReadableStream<Uint8Array>({
          pull(c) {
            if (n++ === 0) c.enqueue(new TextEncoder().encode('<html>12345'))
            else c.error(new Error('Network connection lost.'))
          },
        })
        return new Response(body, { headers: { 'content-type': 'text/html' } })
      }),
    })
    expect(r.outcome).toBe('network-error')
    expect(r.error).toBe('Network connection lost.')
    expect(r.bytes).toBe(11)
    expect(r.truncated).toBe(true)
  })

  it('keeps exactly maxBytes when the body is exactly maxBytes long', async () => {
    const exact = await fetchPage('https://x.test/', {
      maxBytes: 8,
      fetchImpl: stub(() => new Response('<p>12345', { headers: { 'content-type': 'text/html' } })),
    })
    expect(exact.outcome).toBe('ok')
    expect(exact.bytes).toBe(8)
    const over = await fetchPage('https://x.test/', {
      maxBytes: 8,
      fetchImpl: stub(
        () => new Response('<p>123456', { headers: { 'content-type': 'text/html' } }),
      ),
    })
    expect(over.outcome).toBe('too-large')
    expect(text(over.body)).toBe('<p>12345')
  })
})

describe('createHostOverride', () => {
  it('rewrites an original URL onto the fixture web', () => {
    const o = createHostOverride({
      ENVIRONMENT: 'development',
      HOST_OVERRIDE: 'http://127.0.0.1:8790',
    })
    expect(o!.rewrite(new URL('https://mp3fiesta.test/album/1.html?x=1')).href).toBe(
      'http://127.0.0.1:8790/__host/mp3fiesta.test/album/1.html?x=1',
    )
    expect(
      o!.restore(new URL('http://127.0.0.1:8790/__host/a.test/p?q=1'), new URL('https://b.test/'))
        .href,
    ).toBe('https://a.test/p?q=1')
  })

  it('is off when HOST_OVERRIDE is unset or empty', () => {
    expect(createHostOverride({ ENVIRONMENT: 'development' })).toBeNull()
    expect(createHostOverride({ ENVIRONMENT: 'production', HOST_OVERRIDE: '' })).toBeNull()
  })

  it('accepts only loopback origins, and only in development', () => {
    for (const o of ['http://localhost:8790', 'http://127.0.0.2:1', 'http://[::1]:8790']) {
      expect(createHostOverride({ ENVIRONMENT: 'development', HOST_OVERRIDE: o })!.origin).toBe(o)
    }
    const refused: [string | undefined, string][] = [
      ['production', 'http://127.0.0.1:8790'],
      [undefined, 'http://127.0.0.1:8790'],
      ['Development', 'http://127.0.0.1:8790'],
      ['development', 'http://10.0.0.5:8790'],
      ['development', 'http://example.com'],
      ['development', 'http://127.0.0.1.example.com'],
      ['development', 'ftp://127.0.0.1/'],
      ['development', 'not a url'],
    ]
    for (const [ENVIRONMENT, HOST_OVERRIDE] of refused) {
      expect(() => createHostOverride({ ENVIRONMENT, HOST_OVERRIDE })).toThrow(OVERRIDE_REFUSED)
    }
  })
})
