import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import type { Alert, AlertMeta } from '../../src/store/alerts.ts'
import { createStores } from '../../src/store/index.ts'
import { dumpKv, spyKv } from '../helpers/kv.ts'
import { DEMO_SITES, fireCron } from '../helpers/worker.ts'

const SEED = JSON.stringify(DEMO_SITES)
// These runs use the KV cursor; tests/scan/queue.test.ts covers the queue relay.
const NO_QUEUE = { SCAN_QUEUE: undefined } as unknown as Partial<Env>
const DAY = 24 * 60 * 60_000

describe('scheduled scan over the fixture web', () => {
  const t0 = Date.parse('2026-11-29T06:00:00Z')

  it('seeds the watch list and alerts on the two clones only', async () => {
    await fireCron({ ...NO_QUEUE, SEED_SITES: SEED } as Partial<Env>, t0)
    const stores = createStores(env.WATCH)
    const sites = await stores.sites.listAll()
    expect(sites.map((s) => s.host).sort()).toEqual([
      'harbour-records.test',
      'mp3fiesta.test',
      'musicmp3-store.test',
      'musicnews.test',
    ])
    const { alerts } = await stores.alerts.list()
    expect(alerts.map((a: AlertMeta) => `${a.host} ${a.kind}`).sort()).toEqual([
      'mp3fiesta.test new-match',
      'musicmp3-store.test new-match',
    ])
    const full = (await stores.alerts.get(alerts[0]!.id)) as Alert
    expect(full.assessment?.alert).toBe(true)
    expect(full.assessment?.signals.length).toBeGreaterThan(2)
    expect(full.evidence?.sha256).toMatch(/^[0-9a-f]{64}$/)
    const runs = await stores.runs.list()
    expect(runs.runs).toHaveLength(1)
    expect(runs.runs[0]!.scanned).toBe(4)
    expect(runs.runs[0]!.alertsRaised).toBe(2)
  })

  it('a second scan with nothing changed writes nothing but its run record', async () => {
    const before = await dumpKv(env.WATCH)
    const spy = spyKv(env.WATCH)
    await fireCron({ ...NO_QUEUE, SEED_SITES: SEED, WATCH: spy.kv } as Partial<Env>, t0 + DAY)
    expect(spy.writes).toHaveLength(1)
    expect(spy.writes[0]).toMatch(/^run:/)
    const after = await dumpKv(env.WATCH)
    after.delete(spy.writes[0]!)
    expect(after).toEqual(before)
    const { runs } = await createStores(env.WATCH).runs.list()
    expect(runs[0]!.scanned).toBe(4)
    expect(runs[0]!.alertsRaised).toBe(0)
  })

  it('a site not yet due is not fetched, and the run writes only its record', async () => {
    const spy = spyKv(env.WATCH)
    // One minute after the previous run: no daily slot falls in between.
    await fireCron(
      { ...NO_QUEUE, SEED_SITES: SEED, WATCH: spy.kv } as Partial<Env>,
      t0 + DAY + 60_000,
    )
    expect(spy.writes).toHaveLength(1)
    const { runs } = await createStores(env.WATCH).runs.list()
    expect(runs[0]!.sitesDue).toBe(0)
  })
})
