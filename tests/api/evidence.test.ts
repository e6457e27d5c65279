import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { keys, sha256Hex } from '../../src/store/keys.ts'
import { addAlert, addEvidence, api, type ErrorJson, READ } from './fixtures.ts'

/** A windows-1251 page (bytes that are not UTF-8) with a script a browser must never run. */
function page(): Uint8Array {
  const head = new TextEncoder().encode(
    '<html><head><script>alert(document.cookie)</script></head><body>',
  )
  const cyrillic = Uint8Array.from([0xcf, 0xee, 0xea, 0xf3, 0xef, 0xea, 0xe0]) // "Покупка"
  const tail = new TextEncoder().encode(' "quotes", commas\r\nand lines</body></html>\0')
  return Uint8Array.from([...head, ...cyrillic, ...tail])
}

describe('GET /api/alerts/:id/evidence', () => {
  it('serves the page exactly as captured, as a sandboxed text attachment with its hash', async () => {
    const bytes = page()
    const ref = await addEvidence(
      bytes,
      'text/html; charset=windows-1251',
      'http://clone.test/final?x=1',
    )
    const a = await addAlert({ id: 'a_evidence', evidence: ref })
    const r = await api(`/api/alerts/${a.id}/evidence`, { headers: READ })
    expect(r.status).toBe(200)
    const served = new Uint8Array(await r.arrayBuffer())
    expect(served).toEqual(bytes)
    const sha = await sha256Hex(bytes)
    expect(ref.sha256).toBe(sha)
    expect(
      Object.fromEntries([...r.headers].filter(([k]) => !['date', 'content-length'].includes(k))),
    ).toMatchObject({
      'content-type': 'text/plain; charset=windows-1251',
      'content-disposition': `attachment; filename="evidence-a_evidence-${sha.slice(0, 12)}.txt"`,
      'content-security-policy': "sandbox; default-src 'none'",
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
      etag: `"${sha}"`,
      'x-evidence-sha256': sha,
      'x-captured-at': '2026-11-02T03:04:05.000Z',
      'x-final-url': 'http://clone.test/final?x=1',
      'x-original-content-type': 'text/html; charset=windows-1251',
      'x-evidence-truncated': 'false',
    })
    // The stored value is compressed: what is served is the decompressed capture, not the KV bytes.
    const stored = new Uint8Array((await env.WATCH.get(keys.evidence(sha), 'arrayBuffer'))!)
    expect(stored[0]).toBe(0x1f)
    expect(stored[1]).toBe(0x8b)
  })

  it('labels a capture without a charset as plain text without one', async () => {
    const ref = await addEvidence(
      new TextEncoder().encode('<p>no charset</p>'),
      'text/html',
      'http://clone.test/',
    )
    const a = await addAlert({ evidence: ref })
    const r = await api(`/api/alerts/${a.id}/evidence`, { headers: READ })
    expect(r.headers.get('content-type')).toBe('text/plain')
    expect(await r.text()).toBe('<p>no charset</p>')
  })

  it('404 for an alert without a captured page, or whose page is gone', async () => {
    const none = await addAlert({ evidence: null })
    const r1 = await api(`/api/alerts/${none.id}/evidence`, { headers: READ })
    expect(r1.status).toBe(404)
    expect(((await r1.json()) as ErrorJson).error).toEqual({
      code: 'not_found',
      message: `alert ${none.id} has no captured page`,
    })

    const ref = await addEvidence(
      new TextEncoder().encode('gone'),
      'text/html',
      'http://clone.test/',
    )
    await env.WATCH.delete(ref.key)
    const lost = await addAlert({ evidence: ref })
    const r2 = await api(`/api/alerts/${lost.id}/evidence`, { headers: READ })
    expect(r2.status).toBe(404)

    const r3 = await api('/api/alerts/a_unknown/evidence', { headers: READ })
    expect(r3.status).toBe(404)
    expect(((await r3.json()) as ErrorJson).error.message).toBe('no alert a_unknown')
  })

  it('refuses to vouch for a capture whose bytes no longer match its hash', async () => {
    const ref = await addEvidence(
      new TextEncoder().encode('original'),
      'text/html',
      'http://clone.test/',
    )
    const a = await addAlert({
      evidence: { ...ref, sha256: '0'.repeat(64), key: keys.evidence('0'.repeat(64)) },
    })
    // Store other bytes under the claimed hash, as a corrupted value would look.
    const other = await addEvidence(
      new TextEncoder().encode('tampered'),
      'text/html',
      'http://clone.test/',
    )
    await env.WATCH.put(
      keys.evidence('0'.repeat(64)),
      (await env.WATCH.get(other.key, 'arrayBuffer'))!,
    )
    const r = await api(`/api/alerts/${a.id}/evidence`, { headers: READ })
    expect(r.status).toBe(500)
    expect(await r.json()).toEqual({
      error: {
        code: 'evidence_mismatch',
        message: 'the stored page does not match its SHA-256, so it is not served',
      },
    })
  })
})
