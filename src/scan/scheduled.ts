import { createStores } from '../store/index.ts'
import { keys } from '../store/keys.ts'
import type { RunRecord } from '../store/runs.ts'
import { closeRun, openRun, runSlice, seedOnce, type RunCursor, type RunDeps } from './run.ts'

export interface TickResult {
  /** The finished run, or null when the run was carried to the next tick. */
  run: RunRecord | null
  cursor: RunCursor
}

/**
 * One cron tick without a queue: continue the run a previous tick carried over, or open a new
 * one, scan one budget's worth, then either close the run or leave the KV cursor for the next tick.
 */
export async function scanTick(
  deps: RunDeps,
  scheduledTime: number,
  trigger: RunRecord['trigger'] = 'cron',
): Promise<TickResult> {
  const stores = createStores(deps.kv)
  await seedOnce(stores, deps.config, deps.now())
  const carried = await deps.kv.get<RunCursor>(keys.cursor, 'json')
  const start = carried ?? (await openRun(stores, trigger, scheduledTime))
  const { cursor, done } = await runSlice(start, deps)
  if (!done) {
    await deps.kv.put(keys.cursor, JSON.stringify({ ...cursor, kvWrites: cursor.kvWrites + 1 }))
    return { run: null, cursor }
  }
  if (carried) await deps.kv.delete(keys.cursor)
  return { run: await closeRun(deps.kv, cursor, deps.now()), cursor }
}

export interface ApiScanResult {
  runId: string
  /** 'finished' when one invocation's budget covered it; otherwise the unscanned rest is counted. */
  status: 'finished' | 'partial'
  run: RunRecord
}

/**
 * A scan asked for through the API: all due sites, or the given ids. It runs inside the request's
 * invocation and budget (the same 50-subrequest cap); what does not fit is left to the cron runs
 * and reported as carriedOver on the run record.
 */
export async function apiScan(deps: RunDeps, siteIds: string[] | null): Promise<ApiScanResult> {
  const stores = createStores(deps.kv)
  const start = await openRun(stores, 'api', deps.now().getTime(), siteIds)
  const { cursor, done } = await runSlice(start, deps)
  const run = await closeRun(deps.kv, cursor, deps.now())
  return { runId: run.id, status: done ? 'finished' : 'partial', run }
}
