/**
 * `npm run bench:scan [-- --sites N]`: the real Worker (bundled by wrangler, run by Miniflare in
 * workerd, with its KV namespace and scan queue) scans N generated sites served on loopback:
 * clones, legitimate stores, news pages and 5% faults. It runs once until every site is scanned,
 * then again a day later with nothing changed, and prints one JSON line last.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { Miniflare } from 'miniflare'
import { startFixtureWeb } from '../fixtures/web/server.ts'

const ROOT = resolve(import.meta.dirname, '..')
const WORK = join(ROOT, '.bench')
const SITES_DIR = join(WORK, 'sites')
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? Number(process.argv[i + 1]) : fallback
}
const N = arg('sites', 1000)
const DAY = 24 * 60 * 60_000

type Kv = Awaited<ReturnType<Miniflare['getKVNamespace']>>
/** The part of a run record's list metadata the bench reads (src/store/runs.ts, RunMeta). */
interface RunMeta {
  plannedAt: number
  scanned: number
  sitesDue: number
  invocations: number
  subrequests: number
  kvWrites: number
}

// Faults that end quickly; slow ones (hang, drip) run into the scan timeout, set short here.
const FAULTS = [
  '500',
  '503',
  '404',
  'reset',
  'loop',
  'binary',
  'image.png',
  'huge',
  'gzip-bomb',
  'malformed',
  'wrong-charset',
  'challenge',
  'hang',
  'drip',
  'redirect-chain?n=12',
]

type Kind = 'clone' | 'legit' | 'news' | 'fault'

/** A small deterministic PRNG, so every run of the bench generates the same sites. */
function rng(seed: number) {
  let s = seed >>> 0
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

const template = (host: string, file = 'index.html') =>
  readFileSync(join(ROOT, 'fixtures/sites', host, file), 'utf8')

function generate(n: number) {
  rmSync(SITES_DIR, { recursive: true, force: true })
  const rand = rng(42)
  const clone = template('mp3fiesta.test')
  const legit = template('harbour-records.test')
  const news = template('musicnews.test', 'allofmp3-successor.html')
  const sites: { url: string; kind: Kind }[] = []
  for (let i = 0; i < n; i++) {
    const r = rand()
    const kind: Kind = i % 20 === 19 ? 'fault' : r < 0.25 ? 'clone' : r < 0.65 ? 'legit' : 'news'
    if (kind === 'fault') {
      const f = FAULTS[((i / 20) % FAULTS.length) | 0]!
      sites.push({ url: `http://faults.test/${f}${f.includes('?') ? '&' : '?'}site=${i}`, kind })
      continue
    }
    const host = `${kind}-${String(i).padStart(5, '0')}.test`
    // Each site differs in name and a few prices, as the family's look-alikes do.
    const cents = 9 + Math.floor(rand() * 8)
    const body = (kind === 'clone' ? clone : kind === 'legit' ? legit : news)
      .replaceAll('mp3fiesta', host.replace('.test', ''))
      .replaceAll('Harbour Records', `Harbour Records ${i}`)
      .replace(/\$0\.12\b/g, `$0.${String(cents).padStart(2, '0')}`)
    mkdirSync(join(SITES_DIR, host), { recursive: true })
    writeFileSync(join(SITES_DIR, host, 'index.html'), body)
    sites.push({ url: `http://${host}/`, kind })
  }
  return sites
}

async function waitForRuns(kv: Kv, count: number, seconds: number) {
  const deadline = Date.now() + seconds * 1000
  while (Date.now() < deadline) {
    const runs = await kv.list({ prefix: 'run:' })
    if (runs.keys.length >= count) return
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`no run record after ${seconds} s`)
}

async function dump(kv: Kv): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  let cursor: string | undefined
  do {
    const page = await kv.list({ cursor })
    for (const k of page.keys) {
      const { value, metadata } = await kv.getWithMetadata(k.name, 'text')
      out.set(k.name, `${value}\u0000${JSON.stringify(metadata)}`)
    }
    cursor = page.list_complete ? undefined : page.cursor
  } while (cursor)
  return out
}

async function main() {
  const sites = generate(N)
  const web = await startFixtureWeb({ sitesDir: SITES_DIR })
  console.error(`generated ${N} sites; fixture web on ${web.origin}; bundling the Worker…`)
  execFileSync('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', join(WORK, 'dist')], {
    cwd: ROOT,
    stdio: 'ignore',
    env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
  })
  const mf = new Miniflare({
    modules: true,
    scriptPath: join(WORK, 'dist/index.js'),
    compatibilityDate: '2026-04-26',
    kvNamespaces: ['WATCH'],
    queueProducers: { SCAN_QUEUE: 'successor-watch-scan' },
    queueConsumers: {
      'successor-watch-scan': {
        maxBatchSize: 1,
        maxBatchTimeout: 0,
        maxRetries: 3,
        deadLetterQueue: 'successor-watch-scan-dlq',
      },
      'successor-watch-scan-dlq': { maxBatchSize: 1, maxBatchTimeout: 0 },
    },
    bindings: {
      ENVIRONMENT: 'development',
      HOST_OVERRIDE: web.origin,
      ADMIN_TOKEN: 'bench',
      READ_TOKEN: 'bench-read',
      SEED_SITES: JSON.stringify(
        sites.map((s, i) => ({ url: s.url, label: `site ${i}`, tags: [s.kind] })),
      ),
      // Slow faults run into this deadline; 3 s keeps the bench short without hiding them.
      SCAN_TIMEOUT_MS: '3000',
    },
  })
  const kv = await mf.getKVNamespace('WATCH')
  const worker = await mf.getWorker()
  const t0 = Date.parse('2026-11-29T06:00:00Z')

  const started = performance.now()
  await worker.scheduled({ scheduledTime: new Date(t0), cron: '*/30 * * * *' })
  await waitForRuns(kv, 1, 900)
  const seconds = (performance.now() - started) / 1000
  const first = (await kv.list({ prefix: 'run:' })).keys[0]!.metadata as RunMeta
  const before = await dump(kv)

  await worker.scheduled({ scheduledTime: new Date(t0 + DAY), cron: '*/30 * * * *' })
  await waitForRuns(kv, 2, 900)
  const after = await dump(kv)
  const runs = (await kv.list({ prefix: 'run:' })).keys.map((k) => k.metadata as RunMeta)
  const second = runs.find((r) => r.plannedAt === t0 + DAY)!
  let kvWritesSecond = 0
  for (const [k, v] of after) if (before.get(k) !== v) kvWritesSecond++

  // Alerts: the index names each; a duplicate is a second alert for one site, kind and fingerprint.
  const index = [...after.keys()].filter((k) => k.startsWith('alerts:'))
  const records = await Promise.all(
    index.map(async (k) => JSON.parse((await kv.get(`alert:${k.split(':')[2]}`, 'text'))!)),
  )
  const seen = new Map<string, number>()
  for (const a of records)
    seen.set(
      `${a.siteId}|${a.kind}|${a.fingerprint}`,
      (seen.get(`${a.siteId}|${a.kind}|${a.fingerprint}`) ?? 0) + 1,
    )
  const duplicates = [...seen.values()].reduce((s, n) => s + n - 1, 0)
  const matched = new Set(records.filter((a) => a.kind === 'new-match').map((a) => a.url))
  const expected = sites.filter((s) => s.kind === 'clone')
  const lost = expected.filter((s) => !matched.has(s.url)).length
  const unexpected = [...matched].filter((u) => !expected.some((s) => s.url === u)).length

  await mf.dispose()
  await web.close()
  const result = {
    sites: N,
    seconds: Math.round(seconds * 10) / 10,
    sitesPerSecond: Math.round((first.scanned / seconds) * 10) / 10,
    scannedFirst: first.scanned,
    scannedSecond: second.scanned,
    invocationsFirst: first.invocations,
    maxSubrequestsPerInvocation: Math.max(...runs.map((r) => r.subrequests)),
    kvWritesFirst: first.kvWrites,
    kvWritesSecond,
    alertsExpected: expected.length,
    alertsRaised: matched.size,
    unexpectedAlerts: unexpected,
    duplicates,
    lost,
  }
  console.log(JSON.stringify(result))
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
