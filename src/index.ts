import { createApp } from './api/app.ts'
import { activeProfile } from './profile/index.ts'
import { runDeps } from './scan/deps.ts'
import { consumeScan, enqueueRun, type ScanMessage } from './scan/queue.ts'
import { scanTick } from './scan/scheduled.ts'

// A malformed profile must stop the Worker at start, naming the field, not mid-scan.
activeProfile()

const app = createApp()

/** The scan queue when the deployment binds one (wrangler.toml); tests may run without it. */
function scanQueue(env: Env): Queue<ScanMessage> | null {
  return ((env as Partial<Env>).SCAN_QUEUE as Queue<ScanMessage> | undefined) ?? null
}

export default {
  fetch: app.fetch,

  /** One cron tick: hand the run to the queue, or scan one budget's worth here (scan/scheduled.ts). */
  async scheduled(controller, env) {
    const deps = runDeps(env)
    const queue = scanQueue(env)
    if (queue) {
      const cursor = await enqueueRun(deps, queue, controller.scheduledTime)
      console.log(`scan ${cursor.runId}: queued`)
      return
    }
    const { run, cursor } = await scanTick(deps, controller.scheduledTime)
    console.log(
      run
        ? `scan ${run.id}: ${run.scanned}/${run.sitesDue} sites, ${run.alertsRaised} alerts, ${run.kvWrites} KV writes`
        : `scan ${cursor.runId}: ${cursor.scanned}/${cursor.sitesDue} sites so far, carried to the next tick`,
    )
  },

  /** Queue deliveries: one slice of a run each (scan/queue.ts). */
  async queue(batch, env) {
    const queue = scanQueue(env)
    if (!queue) throw new Error('queue delivery without a SCAN_QUEUE binding')
    await consumeScan(batch as MessageBatch<ScanMessage>, runDeps(env), queue)
  },
} satisfies ExportedHandler<Env>
