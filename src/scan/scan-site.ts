import { fetchPage } from '../fetch/fetcher.ts'
import type { FetchOutcome, HostOverride } from '../fetch/outcome.ts'
import type { Profile } from '../profile/index.ts'
import { analyzePage } from '../score/analyze.ts'
import { atLeast } from '../score/severity.ts'
import type { Assessment } from '../score/types.ts'
import type { Alert } from '../store/alerts.ts'
import { sha256Hex } from '../store/keys.ts'
import type { Site } from '../store/sites.ts'
import { emptyState } from '../store/states.ts'
import type { Stores } from '../store/index.ts'
import type { ScanConfig } from '../env.ts'
import { decide, type AlertDraft, type Observation } from './changes.ts'
import { fingerprint } from './fingerprint.ts'
import type { SubrequestBudget } from './budget.ts'

export interface ScanDeps {
  stores: Stores
  profile: Profile
  config: ScanConfig
  override: HostOverride | null
  budget: SubrequestBudget
  now: () => Date
}

export interface SiteScanResult {
  siteId: string
  /** The fetch outcome, or 'carried-over' when the run's subrequest budget ran out first. */
  outcome: FetchOutcome['outcome'] | 'carried-over'
  alerts: Alert[]
  assessment: Assessment | null
  /** Page bytes parsed (counted against the invocation's CPU budget). */
  parsedBytes?: number
}

const FAILED = new Set(['http-error', 'timeout', 'network-error', 'redirect-loop'])

/** Judges a fetched page; exported for POST /api/analyze and the CLI, which skip the stores. */
export function judge(page: FetchOutcome, url: string, profile: Profile): Assessment | null {
  if (page.outcome !== 'ok' && page.outcome !== 'too-large') return null
  return analyzePage(
    { url, finalUrl: page.finalUrl, headers: page.headers, body: page.body },
    profile,
  )
}

function observe(page: FetchOutcome, a: Assessment | null, fp: string | null): Observation {
  if (FAILED.has(page.outcome)) return { kind: 'failed', outcome: page.outcome }
  if (!a || a.blocked || !fp) return { kind: 'unjudged', outcome: page.outcome }
  return { kind: 'judged', assessment: a, fingerprint: fp, outcome: page.outcome }
}

/** Alert ids repeat for the same site, kind, fingerprint and prior state: retries find them. */
async function alertId(siteId: string, d: AlertDraft, version: number) {
  return 'a_' + (await sha256Hex(`${siteId}|${d.kind}|${d.fingerprint}|${version}`)).slice(0, 20)
}

/**
 * Scans one site: fetch, extract, score, compare with its last state, then write alerts first and
 * state last, so a run that dies between the two is repaired by its retry instead of losing an
 * alert. Never throws for anything a page can do.
 */
export async function scanSite(site: Site, deps: ScanDeps): Promise<SiteScanResult> {
  const { stores, profile, config, budget } = deps
  const guard = budget.guard()
  const page = await fetchPage(site.url, {
    timeoutMs: config.timeoutMs,
    maxBytes: config.maxBytes,
    override: deps.override,
    fetchImpl: guard.fetch,
  })
  if (guard.exhausted)
    return { siteId: site.id, outcome: 'carried-over', alerts: [], assessment: null }

  const now = deps.now()
  const a = judge(page, site.url, profile)
  const fp = a && !a.blocked ? await fingerprint(a) : null
  const prev = (await stores.states.get(site.id)) ?? emptyState(site.id)
  const decision = decide(prev, observe(page, a, fp), site.host, now, {
    alertAt: profile.alertAt,
    darkAfter: config.darkAfter,
    intervalMinutes: site.intervalMinutes,
    priceDropFraction: config.priceDropFraction,
  })

  const raised: Alert[] = []
  if (decision.alerts.length > 0) {
    const suppression = await stores.suppressions.get(site.id)
    const evidence = page.body?.length
      ? await stores.evidence.put({
          body: page.body,
          headers: page.headers,
          finalUrl: page.finalUrl,
          fetchedAt: page.fetchedAt,
        })
      : null
    for (const draft of decision.alerts) {
      const judged =
        draft.kind === 'new-match' || draft.kind === 'severity-up' || draft.kind === 'price-drop'
      // A dismissed site stays quiet until it gets worse than it was when dismissed.
      if (judged && suppression && a && atLeast(suppression.severity, a.severity)) continue
      const alert: Alert = {
        id: await alertId(site.id, draft, prev.version),
        siteId: site.id,
        kind: draft.kind,
        createdAt: now.toISOString(),
        url: site.url,
        host: site.host,
        severity: a?.severity ?? prev.severity,
        score: a?.score ?? prev.score,
        fingerprint: draft.fingerprint,
        title: draft.title,
        previous: prev.fingerprint
          ? { severity: prev.severity, score: prev.score, host: prev.finalHost }
          : null,
        movedTo: draft.movedTo,
        status: 'new',
        triage: [],
        assessment: a,
        evidence,
      }
      if (await stores.alerts.create(alert)) raised.push(alert)
      if (draft.movedTo) {
        // A redirect gives the new address itself; a notice only its host.
        const served = new URL(page.finalUrl)
        const target =
          served.hostname === draft.movedTo
            ? served
            : new URL(`${served.protocol}//${draft.movedTo}/`)
        await stores.sites.add(
          {
            url: target.toString(),
            label: `${draft.movedTo} (moved from ${site.host})`,
            tags: site.tags,
            source: `moved:${site.id}`,
          },
          now,
        )
      }
    }
  }
  if (decision.state) await stores.states.put(decision.state)
  return {
    siteId: site.id,
    outcome: page.outcome,
    alerts: raised,
    assessment: a,
    parsedBytes: a ? (page.body?.length ?? 0) : 0,
  }
}
