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
      'wrangler', 'dev', '--local', '--ip', '127.0.0.1', '--port', String(WORKER_PORT),
      '--test-scheduled', '--persist-to', '.wrangler/state', '--show-interactive-dev-session=false',
      '--var', `SEED_SITES:${seeds}`,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false' }, detached: true },
  )
  const log: string[] = []
  wrangler.stdout!.on('data', (d) => log.push(String(d)))
  wrangler.stderr!.on('data', (d) => log.push(String(d)))

  let stopping = false
  const stop = async (code: number) => {
    if (stopping) return
    stopping = true
    // The whole process group: wrangler starts workerd as a child of its own.
    if (wrangler.exitCode === null && wrangler.pid) process.kill(-wrangler.pid, 'SIGTERM')
    await web.close()
    process.exit(code)
  }
  process.on('SIGINT', () => void stop(0))
  process.on('SIGTERM', () => void stop(0))

  try {
    await waitFor(`${origin}/health`, wrangler)
  } catch (e) {
    console.error(log.join(''))
    console.error(String(e))
    return stop(1)
  }
  console.log(`worker on ${origin}`)

  const auth = { authorization: `Bearer ${vars.ADMIN_TOKEN}` }
  const before = (await (await fetch(`${origin}/api/alerts?limit=200`, { headers: auth })).json()) as { alerts: unknown[] }
  const tick = await fetch(`${origin}/__scheduled?cron=${encodeURIComponent('*/30 * * * *')}`)
  if (!tick.ok) console.error(`scheduled handler answered ${tick.status}`)
  const sites = (await (await fetch(`${origin}/api/sites?limit=200`, { headers: auth })).json()) as { sites: { host: string }[] }
  const after = (await (await fetch(`${origin}/api/alerts?limit=200`, { headers: auth })).json()) as {
    alerts: { id: string; kind: string; host: string; severity: string; score: number }[]
  }
  const fresh = after.alerts.slice(0, after.alerts.length - before.alerts.length)
  const runs = await fetch(`${origin}/api/scans?limit=1`, { headers: auth })
  const run = runs.ok ? ((await runs.json()) as { runs: { scanned: number; sitesDue: number; outcomes: Record<string, number> }[] }).runs[0] : null

  console.log('')
  console.log(`scan: ${run ? `${run.scanned} of ${run.sitesDue} due sites scanned` : `${sites.sites.length} sites on the watch list`}`)
  if (run) console.log(`  outcomes: ${Object.entries(run.outcomes).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}`)
  console.log(`alerts raised: ${fresh.length} (${after.alerts.length} in all)`)
  for (const a of fresh) console.log(`  ${a.severity.padEnd(8)} ${a.kind.padEnd(11)} ${a.host}  score ${a.score}  id ${a.id}`)
  console.log('')
  console.log(`open: ${origin}/api/alerts   (header: Authorization: Bearer ${vars.ADMIN_TOKEN})`)
  console.log(`  curl -H 'Authorization: Bearer ${vars.ADMIN_TOKEN}' ${origin}/api/alerts`)
  console.log(`fire another scan: curl '${origin}/__scheduled?cron=*/30+*+*+*+*'`)
  console.log('Ctrl-C stops the worker and the fixture web.')
}

void main()
