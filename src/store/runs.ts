import { filteredList, type FilteredPage } from './filtered-list.ts'
import { keys, newestFirst } from './keys.ts'

/** The summary of one scan run, written once when it ends. */
export interface RunRecord {
  id: string
  trigger: 'cron' | 'api' | 'queue'
  startedAt: string
  finishedAt: string
  /** The run's clock (ms): the next run scans sites whose slot falls after it. */
  plannedAt: number
  sitesDue: number
  scanned: number
  /** How many scans ended in each fetch outcome: ok, timeout, http-error, ... */
  outcomes: Record<string, number>
  alertsRaised: number
  kvWrites: number
  /** The most subrequests one invocation of the run spent (Free plan: 50). */
  subrequests: number
  /** Worker invocations the run took (one per cron tick or queue batch). */
  invocations: number
  /** Sites left for the next run because this one ran out of budget. */
  carriedOver: number
  errors: string[]
}

/** The listing view of a run: everything but the error list, which can outgrow 1 KiB. */
export type RunMeta = Omit<RunRecord, 'id' | 'errors'> & { errorCount: number }

function metaOf({ id: _id, errors, ...rest }: RunRecord): RunMeta {
  return { ...rest, errorCount: errors.length }
}

/** A run id sorts newest first, so listing needs no index of its own. */
export function newRunId(startedAt: number): string {
  return `${newestFirst(startedAt)}-${crypto.randomUUID().slice(0, 8)}`
}

/** Scan run summaries in KV (`run:` keys). */
export class RunStore {
  constructor(private readonly kv: KVNamespace) {}

  async put(run: RunRecord): Promise<void> {
    await this.kv.put(keys.run(run.id), JSON.stringify(run), { metadata: metaOf(run) })
  }

  async get(id: string): Promise<RunRecord | null> {
    return this.kv.get<RunRecord>(keys.run(id), 'json')
  }

  /** One page of run summaries, newest first, from list() metadata alone. */
  async list(opts: { cursor?: string; limit?: number } = {}) {
    const page = await this.kv.list<RunMeta>({
      prefix: keys.runPrefix,
      cursor: opts.cursor,
      limit: opts.limit ?? 20,
    })
    const runs = page.keys.flatMap((k) =>
      k.metadata ? [{ id: k.name.slice(keys.runPrefix.length), ...k.metadata }] : [],
    )
    return { runs, cursor: page.list_complete ? null : page.cursor }
  }

  /**
   * One page of run summaries, newest first, with the resumable cursor of filtered listings (the
   * same cursor format as alerts and sites, so the API validates all of them alike).
   */
  async query(opts: {
    cursor?: string
    limit: number
  }): Promise<FilteredPage<RunMeta & { id: string }>> {
    return filteredList<RunMeta, RunMeta & { id: string }>(this.kv, {
      prefix: keys.runPrefix,
      cursor: opts.cursor,
      limit: opts.limit,
      // Every key is kept, so one call fills any page up to KV's 1,000 keys.
      maxCalls: 1,
      pick: (k) => (k.metadata ? { id: k.name.slice(keys.runPrefix.length), ...k.metadata } : null),
    })
  }
}
