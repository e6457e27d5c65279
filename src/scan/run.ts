import type { Config } from '../env.ts'
import type { HostOverride } from '../fetch/outcome.ts'
import type { Profile } from '../profile/index.ts'
import { CountingKV } from '../store/counting-kv.ts'
import { createStores, type Stores } from '../store/index.ts'
import { keys } from '../store/keys.ts'
import { newRunId, type RunRecord } from '../store/runs.ts'
import { SubrequestBudget } from './budget.ts'
import { dueSites, inIdOrderAfter } from './plan.ts'
import { pool } from './pool.ts'
import { scanSite, type SiteScanResult } from './scan-site.ts'

/**
 * Where a run stands between invocations. It travels in a queue message, or in the KV cursor
 * when there is no queue, so a run larger than one invocation's budget is still one run.
 */
export interface RunCursor {
  runId: string
  trigger: RunRecord['trigger']
  startedAt: string
  /** The run's clock: sites whose slot falls in (prevAt, plannedAt] are due. */
  plannedAt: number
  prevAt: number | null
  /** Explicit site ids (POST /api/scans with ids); otherwise the due list. */
  siteIds: string[] | null
  /** The last site id taken; the next slice starts after it. */
  after: string | null
  /** Sites taken but not fetched because the budget ran out mid-slice; next slice starts with them. */
  retry: string[]
  sitesDue: number
  scanned: number
  outcomes: Record<string, number>
  alertsRaised: number
  kvWrites: number
  /** The most subrequests any one invocation of this run spent. */
  maxSubrequests: number
  invocations: number
  errors: string[]
}

export interface RunDeps {
  kv: KVNamespace
  profile: Profile
  config: Config
  override: HostOverride | null
  now: () => Date
}

/** Most errors kept on a run record: enough to diagnose, small enough for one KV value. */
const MAX_ERRORS = 50

/** Seeds the watch list from SEED_SITES once, on the first run of a fresh namespace. */
export async function seedOnce(stores: Stores, config: Config, now: Date): Promise<number> {
  if (config.seedSites.length === 0 || (await stores.kv.get(keys.seeded))) return 0
  let added = 0
  for (const s of config.seedSites) {
    if ((await stores.sites.add({ ...s, source: 'seed' }, now)).created) added++
  }
  await stores.kv.put(keys.seeded, now.toISOString())
  return added
}

/** Opens a run: decides its clock from the previous run's. */
export async function openRun(
  stores: Stores,
  trigger: RunRecord['trigger'],
  plannedAt: number,
  siteIds: string[] | null = null,
): Promise<RunCursor> {
  // Only scheduled runs move the clock; an API scan of a few sites must not make others skip a slot.
  const recent = siteIds ? [] : (await stores.runs.list({ limit: 20 })).runs
  const last = recent.find((r) => r.trigger !== 'api')
  return {
    runId: newRunId(plannedAt),
    trigger,
    startedAt: new Date(plannedAt).toISOString(),
    plannedAt,
    prevAt: siteIds ? null : (last?.plannedAt ?? null),
    siteIds,
    after: null,
    retry: [],
    sitesDue: 0,
    scanned: 0,
    outcomes: {},
    alertsRaised: 0,
    kvWrites: 0,
    maxSubrequests: 0,
    invocations: 0,
    errors: [],
  }
}

/**
 * Scans as many due sites as one invocation's subrequest budget allows, in id order, and returns
 * the cursor moved past them. `done` when nothing due is left.
 */
export async function runSlice(
  cursor: RunCursor,
  deps: RunDeps,
  /** Subrequests the caller spends besides fetches (a queue send), counted against the cap. */
  overhead = 0,
): Promise<{ cursor: RunCursor; done: boolean }> {
  const counting = new CountingKV(deps.kv)
  const stores = createStores(counting.asNamespace())
  const budget = new SubrequestBudget(deps.config.scan.maxSubrequests - overhead)
  const all = await stores.sites.listAll()
  const wanted = cursor.siteIds ? new Set(cursor.siteIds) : null
  const listed = wanted ? all.filter((s) => wanted.has(s.id)) : all
  // Sites asked for by id are taken whatever their slot; otherwise only those due.
  const ordered = wanted
    ? inIdOrderAfter(listed, cursor.after)
    : dueSites(listed, cursor.prevAt, cursor.plannedAt, cursor.after)
  const retry = new Set(cursor.retry)
  const due = [...listed.filter((s) => retry.has(s.id)), ...ordered]
  const c: RunCursor = {
    ...cursor,
    invocations: cursor.invocations + 1,
    outcomes: { ...cursor.outcomes },
  }
  if (cursor.after === null && cursor.retry.length === 0) c.sitesDue = due.length

  // Take no more sites than the budget could fetch once each; redirects may still carry some over.
  const batch = due.slice(0, Math.max(0, budget.remaining))
  let parsed = 0
  const results = await pool(
    batch,
    deps.config.scan.concurrency,
    async (meta): Promise<SiteScanResult> => {
      // The CPU budget: once this invocation has parsed its share of page bytes, the rest waits.
      if (parsed >= deps.config.scan.maxParseBytes) {
        return { siteId: meta.id, outcome: 'carried-over', alerts: [], assessment: null }
      }
      try {
        const site = await stores.sites.get(meta.id)
        if (!site)
          return { siteId: meta.id, outcome: 'network-error', alerts: [], assessment: null }
        const r = await scanSite(site, {
          stores,
          profile: deps.profile,
          config: deps.config.scan,
          override: deps.override,
          budget,
          // A run's clock is its planned time: every slice of a relayed run stamps the same time,
          // and failure runs are counted in the intervals the schedule really had.
          now: () => new Date(cursor.plannedAt),
        })
        parsed += r.parsedBytes ?? 0
        return r
      } catch (e) {
        if (c.errors.length < MAX_ERRORS)
          c.errors.push(`${meta.id}: ${(e as Error).message}`.slice(0, 300))
        return { siteId: meta.id, outcome: 'network-error', alerts: [], assessment: null }
      }
    },
  )
  c.retry = []
  for (const r of results) {
    if (r.outcome === 'carried-over') {
      c.retry.push(r.siteId)
      continue
    }
    c.scanned++
    c.outcomes[r.outcome] = (c.outcomes[r.outcome] ?? 0) + 1
    c.alertsRaised += r.alerts.length
  }
  const lastOrdered = batch.filter((s) => !retry.has(s.id)).at(-1)
  if (lastOrdered) c.after = lastOrdered.id
  c.kvWrites += counting.writes
  c.maxSubrequests = Math.max(c.maxSubrequests, budget.used + overhead)
  const done = batch.length === due.length && c.retry.length === 0
  return { cursor: c, done }
}

/** Turns a finished cursor into its run record and writes it (the run's one KV write). */
export async function closeRun(
  kv: KVNamespace,
  c: RunCursor,
  finishedAt: Date,
): Promise<RunRecord> {
  const run: RunRecord = {
    id: c.runId,
    trigger: c.trigger,
    startedAt: c.startedAt,
    finishedAt: finishedAt.toISOString(),
    plannedAt: c.plannedAt,
    sitesDue: c.sitesDue,
    scanned: c.scanned,
    outcomes: c.outcomes,
    alertsRaised: c.alertsRaised,
    // The record's own write is part of what the run spent.
    kvWrites: c.kvWrites + 1,
    subrequests: c.maxSubrequests,
    invocations: c.invocations,
    carriedOver: c.sitesDue - c.scanned,
    errors: c.errors,
  }
  await createStores(kv).runs.put(run)
  return run
}
