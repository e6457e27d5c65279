import type { Assessment, Severity } from '../score/types.ts'
import type { EvidenceRef } from './evidence.ts'
import { filteredList, STOP, type FilteredPage } from './filtered-list.ts'
import { keys } from './keys.ts'

export const ALERT_KINDS = [
  'new-match',
  'severity-up',
  'price-drop',
  'moved',
  'went-dark',
  'back-online',
] as const
export type AlertKind = (typeof ALERT_KINDS)[number]

export const ALERT_STATUSES = ['new', 'acknowledged', 'confirmed', 'dismissed'] as const
export type AlertStatus = (typeof ALERT_STATUSES)[number]

export interface TriageEntry {
  status: AlertStatus
  at: string
  by: string
  note: string
}

export interface Alert {
  /** Derived from site, kind, fingerprint and state version: a retried run recreates the same id. */
  id: string
  siteId: string
  kind: AlertKind
  createdAt: string
  url: string
  host: string
  severity: Severity
  score: number
  fingerprint: string
  /** One sentence for people: what happened. */
  title: string
  previous: { severity: Severity; score: number; host: string | null } | null
  /** Where a moved site went. */
  movedTo: string | null
  status: AlertStatus
  triage: TriageEntry[]
  assessment: Assessment | null
  evidence: EvidenceRef | null
}

/** The listing view of an alert, kept in the index key's metadata (under KV's 1 KiB). */
export interface AlertMeta {
  siteId: string
  kind: AlertKind
  host: string
  severity: Severity
  score: number
  status: AlertStatus
  createdAt: string
  title: string
}

function metaOf(a: Alert): AlertMeta {
  return {
    siteId: a.siteId,
    kind: a.kind,
    host: a.host.slice(0, 253),
    severity: a.severity,
    score: a.score,
    status: a.status,
    createdAt: a.createdAt,
    title: a.title.slice(0, 300),
  }
}

/** Alerts in KV: the record under `alert:<id>`, and a newest-first index under `alerts:`. */
export class AlertStore {
  constructor(private readonly kv: KVNamespace) {}

  async get(id: string): Promise<Alert | null> {
    return this.kv.get<Alert>(keys.alert(id), 'json')
  }

  /**
   * Stores a new alert unless one with its id exists. Returns false when it already did, which
   * is how a retried run learns it has nothing to add.
   */
  async create(alert: Alert): Promise<boolean> {
    if (await this.kv.get(keys.alert(alert.id), 'text')) return false
    await this.write(alert)
    return true
  }

  /** Rewrites an alert and its index entry (triage). */
  async write(alert: Alert): Promise<void> {
    await this.kv.put(keys.alert(alert.id), JSON.stringify(alert))
    await this.kv.put(keys.alertIndex(Date.parse(alert.createdAt), alert.id), '', {
      metadata: metaOf(alert),
    })
  }

  /**
   * One page of the newest-first index. Two runs racing on the same alert may leave two index
   * entries for one id; the listing shows it once.
   */
  async list(opts: { cursor?: string; limit?: number } = {}) {
    const page = await this.kv.list<AlertMeta>({
      prefix: keys.alertIndexPrefix,
      cursor: opts.cursor,
      limit: opts.limit ?? 1000,
    })
    const seen = new Set<string>()
    const alerts: (AlertMeta & { id: string })[] = []
    for (const k of page.keys) {
      const id = k.name.slice(k.name.lastIndexOf(':') + 1)
      if (seen.has(id) || !k.metadata) continue
      seen.add(id)
      alerts.push({ id, ...k.metadata })
    }
    return { alerts, cursor: page.list_complete ? null : page.cursor }
  }

  /**
   * One page of alerts whose listing view passes `match`, newest first, from list() metadata alone
   * (no get per key). `since` (ISO time) ends the listing at the first older alert: the index is
   * ordered by time. At most `maxListCalls` list() calls; a short page with a cursor means the
   * bound was reached, not the end.
   */
  async query(opts: {
    match?: (a: AlertListing) => boolean
    since?: string
    cursor?: string
    limit: number
    maxListCalls: number
  }): Promise<FilteredPage<AlertListing>> {
    const since = opts.since ? Date.parse(opts.since) : null
    const seen = new Set<string>()
    return filteredList<AlertMeta, AlertListing>(this.kv, {
      prefix: keys.alertIndexPrefix,
      cursor: opts.cursor,
      limit: opts.limit,
      maxCalls: opts.maxListCalls,
      pick: (k) => {
        const id = k.name.slice(k.name.lastIndexOf(':') + 1)
        if (!k.metadata || seen.has(id)) return null
        if (since !== null && Date.parse(k.metadata.createdAt) < since) return STOP
        seen.add(id)
        const a = { id, ...k.metadata }
        return !opts.match || opts.match(a) ? a : null
      },
    })
  }
}

/** An alert's listing view with its id. */
export type AlertListing = AlertMeta & { id: string }
