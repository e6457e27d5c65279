import { closeRun, openRun, runSlice, seedOnce, type RunCursor, type RunDeps } from './run.ts'
import { createStores } from '../store/index.ts'
import type { RunRecord } from '../store/runs.ts'

/** The queue that carries a run from one invocation to the next (wrangler.toml). */
export const SCAN_QUEUE_NAME = 'successor-watch-scan'
export const SCAN_DLQ_NAME = 'successor-watch-scan-dlq'

/** A run's relay message: the cursor itself (well under the 128 KB message limit). */
export interface ScanMessage {
  cursor: RunCursor
}

/**
 * The cron tick with a queue: open the run and hand it to the queue. Consumers scan one budget's
 * worth each and pass the cursor on, so the whole run writes KV only for what changed plus its one
 * run record, however many invocations it takes.
 */
export async function enqueueRun(
  deps: RunDeps,
  queue: Queue<ScanMessage>,
  scheduledTime: number,
  trigger: RunRecord['trigger'] = 'cron',
  siteIds: string[] | null = null,
): Promise<RunCursor> {
  const stores = createStores(deps.kv)
  await seedOnce(stores, deps.config, deps.now())
  const cursor = await openRun(stores, trigger, scheduledTime, siteIds)
  await queue.send({ cursor })
  return cursor
}

/**
 * One queue delivery: scan the next slice of a run, then pass the moved cursor on, or close the
 * run. Sending is the last step, so a failure before it leaves the message to be retried (the
 * slice is idempotent: alert ids and state versions repeat) rather than forking the run.
 */
export async function consumeScan(
  batch: MessageBatch<ScanMessage>,
  deps: RunDeps,
  queue: Queue<ScanMessage>,
): Promise<void> {
  for (const msg of batch.messages) {
    const { cursor: start } = msg.body
    if (batch.queue === SCAN_DLQ_NAME) {
      // Retries ran out: record the run as far as it got rather than lose it silently.
      const failed = {
        ...start,
        errors: [...start.errors, `dead-lettered after ${msg.attempts} attempts`],
      }
      await closeRun(deps.kv, failed, deps.now())
      msg.ack()
      continue
    }
    // One subrequest is kept for passing the cursor on.
    const { cursor, done } = await runSlice(start, deps, 1)
    if (done) await closeRun(deps.kv, cursor, deps.now())
    else await queue.send({ cursor })
    msg.ack()
  }
}
