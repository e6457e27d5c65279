/**
 * What the Atom feed and the CSV export say about each alert: the alert, its site, and the facts a
 * case file needs (host history, first and last seen, licensing claims, payment methods).
 */
import { pool } from '../scan/pool.ts'
import type { Alert } from '../store/alerts.ts'
import type { Stores } from '../store/index.ts'
import type { Site } from '../store/sites.ts'
import type { SiteState } from '../store/states.ts'
import { alertMatcher, MAX_LIST_CALLS, type AlertFilter } from './alerts.ts'
import { parseUrl } from './schemas.ts'

/**
 * List calls spent reading the whole alert index for first and last seen: 10,000 alerts, enough for
 * years of a watch list at the Free plan's write budget; past it the dates are of the newest 10,000.
 */
const HISTORY_LIST_CALLS = 10

/** Gets in flight at once while reading full records (Workers keep 6 connections open at most). */
const CONCURRENCY = 6

/** Rules whose evidence is a payment method (profile rule ids). */
const PAYMENT_RULES = new Set(['e-wallets', 'prepaid-balance'])

export interface ExportedAlert {
  alert: Alert
  site: Site | null
  /** Hosts the site was seen on, in order: where it was added, where it served pages, where it moved. */
  hosts: string[]
  /** The site's first alert. */
  firstSeen: string
  /** The later of the site's last successful scan and its latest alert. */
  lastSeen: string
  /** The text of every licensing claim that fired (signals `licence-*`). */
  licensing: string[]
  /** The text of every payment method that fired (signals e-wallets, prepaid-balance). */
  payments: string[]
}

function evidenceOf(alert: Alert, match: (ruleId: string) => boolean): string[] {
  const texts = (alert.assessment?.signals ?? [])
    .filter((s) => match(s.id))
    .flatMap((s) => s.evidence.map((e) => e.text.trim()))
  return [...new Set(texts.filter(Boolean))]
}

function hostOf(url: string | null | undefined): string | null {
  return parseUrl(url)?.hostname.toLowerCase() ?? null
}

/** One page of alerts for an export, with everything the feed and CSV print. */
export async function exportAlerts(
  stores: Stores,
  filter: AlertFilter,
): Promise<{ items: ExportedAlert[]; cursor: string | null }> {
  const page = await stores.alerts.query({
    match: alertMatcher(filter),
    since: filter.since,
    cursor: filter.cursor,
    limit: filter.limit,
    maxListCalls: MAX_LIST_CALLS,
  })
  const alerts = (await pool(page.items, CONCURRENCY, (a) => stores.alerts.get(a.id))).filter(
    (a): a is Alert => a !== null,
  )
  const siteIds = [...new Set(alerts.map((a) => a.siteId))]
  const records = await pool(siteIds, CONCURRENCY, async (id) => {
    const [site, state] = await Promise.all([stores.sites.get(id), stores.states.get(id)])
    // A site found by move detection remembers where it came from: its old host leads the history.
    const origin = site?.source.startsWith('moved:')
      ? await stores.sites.get(site.source.slice(6))
      : null
    return { id, site, state, origin }
  })
  const bySite = new Map(records.map((r) => [r.id, r]))

  // First and last alert per site from the index metadata alone (no get per key).
  const seen = new Map<string, { first: string; last: string }>()
  const wanted = new Set(siteIds)
  await stores.alerts.query({
    limit: Number.MAX_SAFE_INTEGER,
    maxListCalls: HISTORY_LIST_CALLS,
    match: (a) => {
      if (!wanted.has(a.siteId)) return false
      const s = seen.get(a.siteId)
      if (!s) seen.set(a.siteId, { first: a.createdAt, last: a.createdAt })
      else {
        if (a.createdAt < s.first) s.first = a.createdAt
        if (a.createdAt > s.last) s.last = a.createdAt
      }
      return false
    },
  })

  const oldestFirst = [...alerts].sort((a, b) => a.createdAt.localeCompare(b.createdAt))
  const items = alerts.map((alert): ExportedAlert => {
    const r = bySite.get(alert.siteId)!
    const hosts: (string | null)[] = [hostOf(r.origin?.url), r.site?.host ?? null, alert.host]
    for (const a of oldestFirst) {
      if (a.siteId !== alert.siteId) continue
      hosts.push(hostOf(a.assessment?.finalUrl), hostOf(a.evidence?.finalUrl), a.movedTo)
    }
    hosts.push(r.state?.finalHost ?? null)
    const s = seen.get(alert.siteId) ?? { first: alert.createdAt, last: alert.createdAt }
    return {
      alert,
      site: r.site,
      hosts: [...new Set(hosts.filter((h): h is string => !!h))],
      firstSeen: s.first,
      lastSeen: lastSeen(r.state, s.last),
      licensing: evidenceOf(alert, (id) => id.startsWith('licence-')),
      payments: evidenceOf(alert, (id) => PAYMENT_RULES.has(id)),
    }
  })
  return { items, cursor: page.cursor }
}

function lastSeen(state: SiteState | null, lastAlert: string): string {
  const ok = state?.lastOkAt
  return ok && ok > lastAlert ? ok : lastAlert
}
