import { createScheduledController, env } from 'cloudflare:test'
import worker from '../../src/index.ts'

/** The demo watch list, as `npm start` seeds it. */
export const DEMO_SITES = [
  { url: 'http://mp3fiesta.test/', label: 'mp3fiesta', tags: ['clone'] },
  { url: 'http://musicmp3-store.test/', label: 'musicmp3-store', tags: ['clone'] },
  { url: 'http://harbour-records.test/', label: 'Harbour Records', tags: ['legit'] },
  { url: 'http://musicnews.test/allofmp3-successor.html', label: 'news', tags: ['news'] },
]

/**
 * Fires the Worker's scheduled handler the way the runtime does (SELF.scheduled() fails with a
 * DataCloneError in pool 0.15.1), with bindings overridden as a test needs.
 */
export async function fireCron(overrides: Partial<Env> = {}, scheduledTime = Date.now()) {
  await worker.scheduled(createScheduledController({ cron: '*/30 * * * *', scheduledTime }), {
    ...env,
    ...overrides,
  } as Env)
}
