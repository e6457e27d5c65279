import { env } from 'cloudflare:test'
import { beforeEach, describe, expect, it } from 'vitest'
import { runDeps } from '../../src/scan/deps.ts'
import { closeRun, openRun, runSlice, seedOnce } from '../../src/scan/run.ts'
import { createStores } from '../../src/store/index.ts'
import { dumpKv } from '../helpers/kv.ts'
import { DEMO_SITES } from '../helpers/worker.ts'

const t0 = Date.parse('2026-12-10T06:00:00Z')

function deps(kv: KVNamespace = env.WATCH) {
  return runDeps({ ...env, WATCH: kv, SEED_SITES: JSON.stringify(DEMO_SITES) } as Env)
}

/** Every alert record and index entry, by alert id. */
async function alertKeys() {
  const all = [...(await dumpKv(env.WATCH)).keys()]
  return {
    records: all.filter((k) => k.startsWith('alert:')),
    index: all.filter((k) => k.startsWith('alerts:')),
  }
}

/** A namespace that fails every `state:` write, like a run that dies after writing its alerts. */
function failingStateWrites(inner: KVNamespace): KVNamespace {
  return new Proxy(inner, {
    get(target, prop) {
      if (prop === 'put') {
        return (key: string, ...rest: unknown[]) => {
          if (key.startsWith('state:')) return Promise.reject(new Error('injected: worker died'))
          return (target.put as (...a: unknown[]) => unknown).call(target, key, ...rest)
        }
      }
      const v = Reflect.get(target, prop)
      return typeof v === 'function' ? v.bind(target) : v
    },
  })
}

describe('no alert is lost or duplicated', () => {
  beforeEach(async () => {
    // Each test starts from an empty namespace with the demo watch list.
    for (const k of (await dumpKv(env.WATCH)).keys()) await env.WATCH.delete(k)
    const d = deps()
    await seedOnce(createStores(env.WATCH), d.config, new Date(t0))
  })

  it('a retried run that died after writing alerts adds none and repairs the state', async () => {
    const stores = createStores(env.WATCH)
    const cursor = await openRun(stores, 'cron', t0)
    // First attempt: alerts are written, every state write fails (the run is "killed").
    const broken = await runSlice(cursor, deps(failingStateWrites(env.WATCH)))
    expect(broken.cursor.errors.length).toBe(4)
    const first = await alertKeys()
    expect(first.records).toHaveLength(2)
    // The queue redelivers the same cursor.
    const retry = await runSlice(cursor, deps())
    expect(retry.done).toBe(true)
    expect(retry.cursor.alertsRaised).toBe(0)
    expect(await alertKeys()).toEqual(first)
    const states = [...(await dumpKv(env.WATCH)).keys()].filter((k) => k.startsWith('state:'))
    expect(states).toHaveLength(4)
  })

  it('a retried run that had finished raises nothing and writes nothing but its record', async () => {
    const stores = createStores(env.WATCH)
    const cursor = await openRun(stores, 'cron', t0)
    const once = await runSlice(cursor, deps())
    expect(once.cursor.alertsRaised).toBe(2)
    const before = await dumpKv(env.WATCH)
    const again = await runSlice(cursor, deps())
    expect(again.cursor.alertsRaised).toBe(0)
    expect(again.cursor.kvWrites).toBe(0)
    expect(await dumpKv(env.WATCH)).toEqual(before)
  })

  it('two overlapping runs raise each alert once', async () => {
    const stores = createStores(env.WATCH)
    const a = await openRun(stores, 'cron', t0)
    const b = await openRun(stores, 'api', t0 + 1000)
    const [ra, rb] = await Promise.all([runSlice(a, deps()), runSlice(b, deps())])
    await Promise.all([
      closeRun(env.WATCH, ra.cursor, new Date(t0)),
      closeRun(env.WATCH, rb.cursor, new Date(t0)),
    ])
    const { records } = await alertKeys()
    expect(records).toHaveLength(2)
    const listed = (await stores.alerts.list()).alerts
    expect(listed.map((x) => `${x.host} ${x.kind}`).sort()).toEqual([
      'mp3fiesta.test new-match',
      'musicmp3-store.test new-match',
    ])
  })
})

describe('the per-invocation CPU budget', () => {
  it('carries the rest of a run over once its share of page bytes is parsed', async () => {
    for (const k of (await dumpKv(env.WATCH)).keys()) await env.WATCH.delete(k)
    // A budget of 1 KiB: the first pages scanned use it up, the others wait for the next slice.
    const d = runDeps({
      ...env,
      SEED_SITES: JSON.stringify(DEMO_SITES),
      SCAN_MAX_PARSE_BYTES: '1024',
      SCAN_CONCURRENCY: '1',
    } as unknown as Env)
    const stores = createStores(env.WATCH)
    await seedOnce(stores, d.config, new Date(t0))
    const first = await runSlice(await openRun(stores, 'cron', t0), d)
    expect(first.done).toBe(false)
    expect(first.cursor.scanned).toBe(1)
    expect(first.cursor.retry).toHaveLength(3)
    let c = first.cursor
    for (let i = 0; i < 3; i++) c = (await runSlice(c, d)).cursor
    expect(c.scanned).toBe(4)
    expect(c.alertsRaised).toBe(2)
    expect(c.retry).toEqual([])
  })
})
