import { createApp } from './api/app.ts'
import { runDeps } from './scan/deps.ts'
import { scanTick } from './scan/scheduled.ts'

const app = createApp()

export default {
  fetch: app.fetch,

  /** One cron tick: scan what is due within this invocation's budget (see scan/scheduled.ts). */
  async scheduled(controller, env) {
    const { run, cursor } = await scanTick(runDeps(env), controller.scheduledTime)
    console.log(
      run
        ? `scan ${run.id}: ${run.scanned}/${run.sitesDue} sites, ${run.alertsRaised} alerts, ${run.kvWrites} KV writes`
        : `scan ${cursor.runId}: ${cursor.scanned}/${cursor.sitesDue} sites so far, carried to the next tick`,
    )
  },
} satisfies ExportedHandler<Env>
