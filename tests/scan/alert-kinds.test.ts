import { env } from 'cloudflare:test'
import { afterAll, describe, expect, it } from 'vitest'
import type { Alert } from '../../src/store/alerts.ts'
import { createStores } from '../../src/store/index.ts'
import { setVariant } from '../helpers/fixture-web.ts'
import { spyKv } from '../helpers/kv.ts'
import { fireCron } from '../helpers/worker.ts'

const DAY = 24 * 60 * 60_000
const t0 = Date.parse('2026-12-01T06:00:00Z')
const SEED = JSON.stringify([
  { url: 'http://tunevault.test/', label: 'TuneVault', tags: ['evolving'] },
])
const NO_QUEUE = { SCAN_QUEUE: undefined, SEED_SITES: SEED } as unknown as Partial<Env>

let day = 0
/** One daily cron tick (the site's interval is a day), returning the alerts it raised. */
async function nextDay(): Promise<Alert[]> {
  const stores = createStores(env.WATCH)
  const before = new Set((await stores.alerts.list()).alerts.map((a) => a.id))
  await fireCron(NO_QUEUE, t0 + day++ * DAY)
  const after = (await stores.alerts.list()).alerts.filter((a) => !before.has(a.id))
  return Promise.all(after.map(async (a) => (await stores.alerts.get(a.id))!))
}
const kinds = (alerts: Alert[]) => alerts.map((a) => `${a.kind} ${a.severity}`)

describe('alert kinds over one site’s history', () => {
  afterAll(() => setVariant('tunevault.test', ''))

  it('new-match when a cheap DRM-free store with a balance appears (medium)', async () => {
    await setVariant('tunevault.test', '')
    const raised = await nextDay()
    expect(kinds(raised)).toEqual(['new-match medium'])
    expect(raised[0]!.assessment!.summary.trackUsd).toBe(0.14)
    expect(raised[0]!.evidence!.sha256).toMatch(/^[0-9a-f]{64}$/)
  })

  it('nothing, and no KV write but the run record, when it has not changed', async () => {
    const spy = spyKv(env.WATCH)
    await fireCron({ ...NO_QUEUE, WATCH: spy.kv } as Partial<Env>, t0 + day++ * DAY)
    expect(spy.writes.map((k) => k.split(':')[0])).toEqual(['run'])
  })

  it('severity-up when it adds a ROMS licence claim and a bitrate choice', async () => {
    await setVariant('tunevault.test', 'v2')
    const raised = await nextDay()
    expect(kinds(raised)).toEqual(['severity-up critical'])
    expect(raised[0]!.previous).toEqual({ severity: 'medium', score: 0.49, host: 'tunevault.test' })
    const ids = raised[0]!.assessment!.signals.map((s) => s.id)
    expect(ids).toEqual(
      expect.arrayContaining(['licence-roms', 'licence-russian-law', 'format-choice']),
    )
  })

  it('price-drop when its track price falls from $0.14 to $0.09', async () => {
    await setVariant('tunevault.test', 'v3')
    const raised = await nextDay()
    expect(kinds(raised)).toEqual(['price-drop critical'])
    expect(raised[0]!.title).toContain('0.14 → 0.09')
  })

  it('moved when it redirects to a new host, which joins the watch list', async () => {
    await setVariant('tunevault.test', 'moved')
    const raised = await nextDay()
    expect(kinds(raised)).toEqual(['moved critical'])
    expect(raised[0]!.movedTo).toBe('tunevault-new.test')
    const sites = await createStores(env.WATCH).sites.listAll()
    const added = sites.find((s) => s.host === 'tunevault-new.test')
    expect(added?.label).toBe('tunevault-new.test (moved from tunevault.test)')
  })

  it('went-dark after three failed daily scans, and only then', async () => {
    await setVariant('tunevault.test', 'down')
    // The new host is on the list now and scanned too; only tunevault.test's alerts matter here.
    const own = (a: Alert[]) => a.filter((x) => x.host === 'tunevault.test')
    expect(kinds(own(await nextDay()))).toEqual([])
    expect(kinds(own(await nextDay()))).toEqual([])
    const dark = own(await nextDay())
    expect(kinds(dark)).toEqual(['went-dark critical'])
    expect(dark[0]!.title).toMatch(/3 failed scans/)
    expect(kinds(own(await nextDay()))).toEqual([])
  })

  it('back-online when it answers again', async () => {
    await setVariant('tunevault.test', 'moved')
    const raised = (await nextDay()).filter((x) => x.host === 'tunevault.test')
    expect(kinds(raised)).toEqual(['back-online critical'])
  })
})
