import { atLeast } from '../score/severity.ts'
import type { Assessment, Severity } from '../score/types.ts'
import type { AlertKind } from '../store/alerts.ts'
import { HISTORY_POINTS, type SiteState } from '../store/states.ts'

/** What one scan saw, reduced to what change detection needs. */
export type Observation =
  | { kind: 'judged'; assessment: Assessment; fingerprint: string; outcome: string }
  /** The site answered but there was nothing to judge (challenge, not HTML). */
  | { kind: 'unjudged'; outcome: string }
  | { kind: 'failed'; outcome: string }

export interface AlertDraft {
  kind: AlertKind
  fingerprint: string
  title: string
  movedTo: string | null
}

export interface ChangePolicy {
  alertAt: Severity
  /** Consecutive failed scans before a site is declared dark. */
  darkAfter: number
  intervalMinutes: number
  /** A median price must fall by at least this fraction to raise a price-drop alert. */
  priceDropFraction: number
}

export interface Decision {
  /** The state to write, or null when nothing changed (and so nothing is written). */
  state: SiteState | null
  alerts: AlertDraft[]
}

const hostOf = (url: string) => new URL(url).hostname.toLowerCase()

function dropped(before: number | null | undefined, after: number | null, fraction: number) {
  return before != null && after !== null && after <= before * (1 - fraction)
}

/**
 * Compares what a scan saw with the site's last state. Pure, so the alert rules can be tested
 * without KV: the caller writes the returned state and alerts.
 */
export function decide(
  prev: SiteState,
  obs: Observation,
  siteHost: string,
  now: Date,
  policy: ChangePolicy,
): Decision {
  const at = now.toISOString()
  const next: SiteState = { ...prev, lastOutcome: obs.outcome, updatedAt: at }
  const alerts: AlertDraft[] = []
  let changed = false

  if (obs.kind === 'failed') {
    if (!prev.failingSince)
      return { state: { ...next, failingSince: at, version: prev.version + 1 }, alerts }
    // Counting failures would cost a KV write per failed scan; the time since the first failure,
    // in scan intervals, gives the same count for free.
    const scans =
      Math.floor(
        (now.getTime() - Date.parse(prev.failingSince)) / (policy.intervalMinutes * 60_000),
      ) + 1
    if (prev.dark || scans < policy.darkAfter) return { state: null, alerts }
    alerts.push({
      kind: 'went-dark',
      fingerprint: `dark:${prev.failingSince}`,
      title: `${siteHost} went dark: ${scans} failed scans since ${prev.failingSince} (last: ${obs.outcome})`,
      movedTo: null,
    })
    return { state: { ...next, dark: true, version: prev.version + 1 }, alerts }
  }

  if (prev.failingSince || prev.dark) {
    if (prev.dark) {
      alerts.push({
        kind: 'back-online',
        fingerprint: `online:${prev.failingSince}`,
        title: `${siteHost} is back online after failing since ${prev.failingSince}`,
        movedTo: null,
      })
    }
    next.failingSince = null
    next.dark = false
    changed = true
  }

  if (obs.kind === 'judged') {
    const a = obs.assessment
    next.lastOkAt = at
    if (obs.fingerprint !== prev.fingerprint) {
      const wasAlert = atLeast(prev.severity, policy.alertAt) && prev.fingerprint !== null
      const finalHost = hostOf(a.finalUrl)
      // Moved: served from a new host (a redirect), or a notice on the page names one. Reported
      // once per new host, and only for a site that matches or matched.
      const redirected = finalHost !== siteHost ? finalHost : null
      const target = redirected ?? (a.movedTo !== siteHost ? a.movedTo : null)
      if (target && target !== prev.finalHost && target !== prev.movedTo && (a.alert || wasAlert)) {
        alerts.push({
          kind: 'moved',
          fingerprint: obs.fingerprint,
          title: redirected
            ? `${siteHost} moved to ${target}`
            : `${siteHost} says it moved to ${target}`,
          movedTo: target,
        })
      }
      if (a.alert && !wasAlert) {
        alerts.push({
          kind: 'new-match',
          fingerprint: obs.fingerprint,
          title: `${finalHost} matches the profile (${a.severity}, score ${a.score})`,
          movedTo: null,
        })
      } else if (a.alert && !atLeast(prev.severity, a.severity)) {
        alerts.push({
          kind: 'severity-up',
          fingerprint: obs.fingerprint,
          title: `${finalHost} rose from ${prev.severity} to ${a.severity} (score ${a.score})`,
          movedTo: null,
        })
      } else if (
        a.alert &&
        (dropped(prev.summary?.trackUsd, a.summary.trackUsd, policy.priceDropFraction) ||
          dropped(prev.summary?.albumUsd, a.summary.albumUsd, policy.priceDropFraction) ||
          dropped(prev.summary?.perMbUsd, a.summary.perMbUsd, policy.priceDropFraction))
      ) {
        alerts.push({
          kind: 'price-drop',
          fingerprint: obs.fingerprint,
          title: `${finalHost} cut its prices (track ${prev.summary?.trackUsd ?? '-'} → ${a.summary.trackUsd ?? '-'} USD, album ${prev.summary?.albumUsd ?? '-'} → ${a.summary.albumUsd ?? '-'} USD)`,
          movedTo: null,
        })
      }
      next.fingerprint = obs.fingerprint
      next.severity = a.severity
      next.score = a.score
      next.finalHost = finalHost
      next.movedTo = a.movedTo ?? prev.movedTo
      next.summary = a.summary
      next.rules = a.signals.map((g) => g.id)
      next.history = [...prev.history, { at, score: a.score, severity: a.severity }].slice(
        -HISTORY_POINTS,
      )
      changed = true
    }
  }

  if (!changed) return { state: null, alerts }
  return { state: { ...next, version: prev.version + 1 }, alerts }
}
