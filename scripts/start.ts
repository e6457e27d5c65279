/**
 * `npm start`: the whole product on this machine, offline. Starts the fixture web and
 * `wrangler dev` (local KV persisted under .wrangler/state), fires the cron handler once, prints
 * what it found, and keeps serving until Ctrl-C, which stops everything it started.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { copyFileSync, existsSync, readFileSync } from 'node:fs'
import { startFixtureWeb } from '../fixtures/web/server.ts'

const WORKER_PORT = Number(process.env.PORT ?? 8787)
const origin = `http://127.0.0.1:${WORKER_PORT}`

function devVars(): Record<string, string> {
  if (!existsSync('.dev.vars')) {
    copyFileSync('.dev.vars.example', '.dev.vars')
    console.log('created .dev.vars from .dev.vars.example')
  }
  const vars: Record<string, string> = {}
  for (const line of readFileSync('.dev.vars', 'utf8').split('\n')) {
    const m = /^\s*([A-Z_][A-Z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line)
    if (m) vars[m[1]!] = m[2]!.replace(/^"(.*)"$/, '$1')
  }
  return vars
}

async function waitFor(url: string, child: ChildProcess, seconds = 60) {
  for (let i = 0; i < seconds * 4; i++) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with code ${child.exitCode}`)
    try {
      if ((await fetch(url)).ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`${url} did not answer within ${seconds} s`)
}

async function main() {
  const vars = devVars()
  const fixturePort = Number(new URL(vars.HOST_OVERRIDE ?? 'http://127.0.0.1:8790').port)
  const web = await startFixtureWeb({ port: fixturePort })
  console.log(`fixture web on ${web.origin}`)

  const seeds = readFileSync('fixtures/web/watchlist.json', 'utf8').replace(/\s+/g, ' ')
  const wrangler = spawn(
    'npx',
    [
      'wrangler',
      'dev',
      '--local',
      '--ip',
      '127.0.0.1',
      '--port',
      String(WORKER_PORT),
      '--test-scheduled',
      '--persist-to',
      '.wrangler/state',
      '--show-interactive-dev-session=false',
      '--var',
      `SEED_SITES:${seeds}`,
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
      detached: true,
    },
  )
  const log: string[] = []
  wrangler.stdout!.on('data', (d) => log.push(String(d)))
  wrangler.stderr!.on('data', (d) => log.push(String(d)))

  let stopping = false
  /** Stops wrangler's whole process group (it starts workerd beneath it) and the fixture web. */
  const stop = (code: number) => {
    if (stopping) return
    stopping = true
    const group = wrangler.pid
    const signal = (sig: NodeJS.Signals) => {
      try {
        if (group) process.kill(-group, sig)
      } catch {
        // already gone
      }
    }
    signal('SIGINT')
    // wrangler normally exits within a second; whatever is left after 3 s is killed.
    setTimeout(() => {
      signal('SIGKILL')
      process.exit(code)
    }, 3000)
    wrangler.once('exit', () => {
      signal('SIGKILL')
      void web.close().finally(() => process.exit(code))
    })
  }
  process.on('SIGINT', () => stop(0))
  process.on('SIGTERM', () => stop(0))

  try {
    await waitFor(`${origin}/health`, wrangler)
  } catch (e) {
    console.error(log.join(''))
    console.error(String(e))
    stop(1)
    return
  }
  console.log(`worker on ${origin}`)

  const auth = { authorization: `Bearer ${vars.ADMIN_TOKEN}` }
  const get = async <T>(path: string): Promise<T> => {
    const r = await fetch(`${origin}${path}`, { headers: auth })
    if (!r.ok) throw new Error(`GET ${path}: ${r.status} ${await r.text()}`)
    return (await r.json()) as T
  }
  type Run = {
    id: string
    scanned: number
    sitesDue: number
    alertsRaised: number
    outcomes: Record<string, number>
  }
  type AlertRow = { id: string; kind: string; host: string; severity: string; score: number }
  const runsBefore = new Set(
    (await get<{ runs: Run[] }>('/api/scans?limit=50')).runs.map((r) => r.id),
  )
  const alertsBefore = new Set(
    (await get<{ alerts: AlertRow[] }>('/api/alerts?limit=200')).alerts.map((a) => a.id),
  )
  const tick = await fetch(`${origin}/__scheduled?cron=${encodeURIComponent('*/30 * * * *')}`)
  if (!tick.ok) console.error(`scheduled handler answered ${tick.status}`)
  // With the scan queue the tick only opens the run; consumers finish it. Wait for its record.
  let run: Run | undefined
  for (let i = 0; i < 240 && !run; i++) {
    run = (await get<{ runs: Run[] }>('/api/scans?limit=50')).runs.find(
      (r) => !runsBefore.has(r.id),
    )
    if (!run) await new Promise((r) => setTimeout(r, 250))
  }
  const sites = await get<{ sites: unknown[] }>('/api/sites?limit=200')
  const fresh = (await get<{ alerts: AlertRow[] }>('/api/alerts?limit=200')).alerts.filter(
    (a) => !alertsBefore.has(a.id),
  )
  const after = { alerts: [...alertsBefore, ...fresh] }
  console.log('')
  console.log(
    run
      ? `scan ${run.id}: ${run.scanned} of ${run.sitesDue} due sites scanned (${sites.sites.length} on the watch list)`
      : `scan: no run finished within 60 s (${sites.sites.length} sites on the watch list)`,
  )
  if (run)
    console.log(
      `  outcomes: ${
        Object.entries(run.outcomes)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ') || 'none'
      }`,
    )
  console.log(`alerts raised: ${fresh.length} (${after.alerts.length} in all)`)
  for (const a of fresh)
    console.log(
      `  ${a.severity.padEnd(8)} ${a.kind.padEnd(11)} ${a.host}  score ${a.score}  id ${a.id}`,
    )
  await replayHistory(web, get, auth)
  console.log('')
  console.log(`open: ${origin}/api/alerts   (header: Authorization: Bearer ${vars.ADMIN_TOKEN})`)
  console.log(`  curl -H 'Authorization: Bearer ${vars.ADMIN_TOKEN}' ${origin}/api/alerts`)
  console.log(`fire another scan: curl '${origin}/__scheduled?cron=*/30+*+*+*+*'`)
  console.log('Ctrl-C stops the worker and the fixture web.')
}

/**
 * Shows the other alert kinds: adds a site that changes over time (fixtures/sites/tunevault.test
 * and its @variants) and scans it after each change, through the API as an analyst would.
 */
async function replayHistory(
  web: Awaited<ReturnType<typeof startFixtureWeb>>,
  get: <T>(path: string) => Promise<T>,
  auth: Record<string, string>,
) {
  const json = { ...auth, 'content-type': 'application/json' }
  const add = await fetch(`${origin}/api/sites`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({
      url: 'http://tunevault.test/',
      label: 'TuneVault (demo history)',
      tags: ['demo'],
    }),
  })
  const site = (await add.json()) as {
    id?: string
    site?: { id: string }
    error?: { message: string }
  }
  let id = site.id ?? site.site?.id
  if (add.status === 409) {
    // A persisted namespace from an earlier `npm start` has it already.
    const all = await get<{ sites: { id: string; host: string }[] }>('/api/sites?limit=200')
    id = all.sites.find((s) => s.host === 'tunevault.test')?.id
  }
  if (!id) {
    console.log(`\n(history replay skipped: ${site.error?.message ?? add.status})`)
    return
  }
  console.log("\nReplaying one site's history to show the other alert kinds (tunevault.test):")
  const steps: [string, string][] = [
    ['', 'appears: cheap, DRM-free, prepaid balance'],
    ['v2', 'adds a ROMS licence claim and a bitrate choice'],
    ['v3', 'cuts its track price from $0.14 to $0.09'],
    ['moved', 'redirects to tunevault-new.test'],
  ]
  for (const [variant, what] of steps) {
    web.setVariant('tunevault.test', variant)
    const r = await fetch(`${origin}/api/scans`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ siteIds: [id] }),
    })
    const body = (await r.json()) as { run?: { alertsRaised: number } }
    const latest = (
      await get<{ alerts: { kind: string; severity: string; host: string; title: string }[] }>(
        '/api/alerts?limit=1',
      )
    ).alerts[0]
    const shown = body.run?.alertsRaised
      ? `${latest?.kind} (${latest?.severity}): ${latest?.title}`
      : 'no alert'
    console.log(`  ${what.padEnd(48)} -> ${shown}`)
  }
  web.setVariant('tunevault.test', '')
}

void main()
