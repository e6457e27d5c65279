import { env } from 'cloudflare:test'
import { afterAll, describe, expect, it } from 'vitest'
import { createStores } from '../../src/store/index.ts'
import { setVariant } from '../helpers/fixture-web.ts'
import { fireCron } from '../helpers/worker.ts'

const DAY = 24 * 60 * 60_000
const t0 = Date.parse('2026-12-20T06:00:00Z')
const SEED = JSON.stringify([{ url: 'http://relocating.test/', label: 'Relocating', tags: [] }])
const NO_QUEUE = { SCAN_QUEUE: undefined, SEED_SITES: SEED } as unknown as Partial<Env>

describe('a move announced on the page rather than by a redirect', () => {
  afterAll(() => setVariant('relocating.test', ''))

  it('raises moved with the named host, and watches that host', async () => {
    const stores = createStores(env.WATCH)
    await setVariant('relocating.test', '')
    await fireCron(NO_QUEUE, t0)
    expect((await stores.alerts.list()).alerts.map((a) => a.kind)).toEqual(['new-match'])

    await setVariant('relocating.test', 'notice')
    await fireCron(NO_QUEUE, t0 + DAY)
    const alerts = (await stores.alerts.list()).alerts
    expect(alerts.map((a) => a.kind)).toEqual(['moved', 'new-match'])
    const moved = (await stores.alerts.get(alerts[0]!.id))!
    expect(moved.movedTo).toBe('relocated-records.test')
    expect(moved.title).toBe('relocating.test says it moved to relocated-records.test')
    const hosts = (await stores.sites.listAll()).map((s) => s.host).sort()
    expect(hosts).toEqual(['relocated-records.test', 'relocating.test'])

    // The same notice a day later is not news.
    await fireCron(NO_QUEUE, t0 + 2 * DAY)
    const again = (await stores.alerts.list()).alerts.filter((a) => a.host === 'relocating.test')
    expect(again.map((a) => a.kind)).toEqual(['moved', 'new-match'])
  })
})
