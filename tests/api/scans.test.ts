import { describe, expect, it } from 'vitest'
import type { RunRecord } from '../../src/store/runs.ts'
import { addSite, api, badFields, READ, send, stores } from './fixtures.ts'

interface ScanResult {
  runId: string
  status: string
  run: RunRecord
}

describe('scans', () => {
  it('POST /api/scans with site ids scans them now and returns the finished run', async () => {
    const site = await addSite({ url: 'http://fetch-ok.test/', label: 'fixture' })
    const r = await send('POST', '/api/scans', { siteIds: [site.id] })
    expect(r.status).toBe(200)
    const body = (await r.json()) as ScanResult
    expect(body.status).toBe('finished')
    expect(body.runId).toBe(body.run.id)
    expect(body.runId).toMatch(/^\d{13}-[0-9a-f]{8}$/)
    expect(body.run).toMatchObject({
      trigger: 'api',
      sitesDue: 1,
      scanned: 1,
      carriedOver: 0,
      invocations: 1,
    })
    expect(Object.values(body.run.outcomes).reduce((a, b) => a + b, 0)).toBe(1)
    expect(await stores().runs.get(body.runId)).toEqual(body.run)

    const one = await api(`/api/scans/${body.runId}`, { headers: READ })
    expect(one.status).toBe(200)
    expect(await one.json()).toEqual(body.run)
  })

  it('POST /api/scans without a body scans what is due', async () => {
    const r = await api('/api/scans', {
      method: 'POST',
      headers: { authorization: 'Bearer test-admin-token' },
    })
    expect(r.status).toBe(200)
    const body = (await r.json()) as ScanResult
    expect(body.run.trigger).toBe('api')
    expect(body.status).toBe('finished')
  })

  it('GET /api/scans lists runs newest first from metadata, with pagination', async () => {
    // Two more runs of no sites: nothing is fetched, each writes its record.
    for (let i = 0; i < 2; i++) expect((await send('POST', '/api/scans', {})).status).toBe(200)
    const all = (await (await api('/api/scans?limit=200', { headers: READ })).json()) as {
      runs: (Omit<RunRecord, 'errors'> & { errorCount: number })[]
      cursor: string | null
    }
    expect(all.runs).toHaveLength(4)
    expect(all.cursor).toBeNull()
    const started = all.runs.map((r) => r.startedAt)
    expect([...started].sort().reverse()).toEqual(started)
    expect(all.runs[3]).toMatchObject({ trigger: 'api', scanned: 1, errorCount: 0 })
    expect(all.runs[3]).not.toHaveProperty('errors')

    const first = (await (await api('/api/scans?limit=3', { headers: READ })).json()) as {
      runs: { id: string }[]
      cursor: string
    }
    expect(first.runs).toHaveLength(3)
    const second = (await (
      await api(`/api/scans?limit=3&cursor=${encodeURIComponent(first.cursor)}`, { headers: READ })
    ).json()) as {
      runs: { id: string }[]
      cursor: string | null
    }
    expect([...first.runs, ...second.runs].map((r) => r.id)).toEqual(all.runs.map((r) => r.id))
    expect(second.cursor).toBeNull()
  })

  it.each([
    [{ siteIds: [] }, ['siteIds']],
    [{ siteIds: 's_1' }, ['siteIds']],
    [{ siteIds: ['s:1'] }, ['siteIds.0']],
    [{ siteIds: Array.from({ length: 101 }, (_, i) => `s_${i}`) }, ['siteIds']],
    [{ sites: ['s_1'] }, ['sites']],
  ])('400 for %j naming %j', async (body, fields) => {
    const r = await send('POST', '/api/scans', body)
    expect(r.status).toBe(400)
    expect(await badFields(r)).toEqual(fields)
  })

  it('400 naming each unknown site id, and nothing is run', async () => {
    const before = (await stores().runs.list()).runs.length
    const site = await addSite({ url: 'http://fetch-ok.test/other' })
    const r = await send('POST', '/api/scans', {
      siteIds: [site.id, 's_00000000000000aa', 's_00000000000000bb'],
    })
    expect(r.status).toBe(400)
    expect(await r.json()).toEqual({
      error: {
        code: 'invalid_request',
        message: 'invalid body',
        details: [
          { field: 'siteIds.1', message: 'no site s_00000000000000aa' },
          { field: 'siteIds.2', message: 'no site s_00000000000000bb' },
        ],
      },
    })
    expect((await stores().runs.list()).runs.length).toBe(before)
  })

  it('404 for an unknown run, 400 for a bad cursor', async () => {
    const r = await api('/api/scans/0000000000000-00000000', { headers: READ })
    expect(r.status).toBe(404)
    expect(await r.json()).toEqual({
      error: { code: 'not_found', message: 'no scan run 0000000000000-00000000' },
    })
    const bad = await api('/api/scans?cursor=nonsense', { headers: READ })
    expect(bad.status).toBe(400)
    expect(await badFields(bad)).toEqual(['cursor'])
  })
})
