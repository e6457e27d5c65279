import type { Alert, AlertKind, AlertStatus, TriageEntry } from '../store/alerts.ts'
import type { Suppression } from '../store/suppressions.ts'

/**
 * The triage workflow. An analyst may acknowledge a new alert first or decide it at once
 * (confirmed or dismissed): a clone seen in the morning review needs no second call. Confirmed and
 * dismissed are final; a dismissed site alerts again only when its severity rises.
 */
export const TRANSITIONS: Record<AlertStatus, readonly AlertStatus[]> = {
  new: ['acknowledged', 'confirmed', 'dismissed'],
  acknowledged: ['confirmed', 'dismissed'],
  confirmed: [],
  dismissed: [],
}

export function canMove(from: AlertStatus, to: AlertStatus): boolean {
  return TRANSITIONS[from].includes(to)
}

/**
 * Kinds whose dismissal suppresses re-alerts: the judged ones, the only ones the scanner checks
 * suppressions for. Dismissing "went dark" must not silence a later match of the same site.
 */
const SUPPRESSING: ReadonlySet<AlertKind> = new Set(['new-match', 'severity-up', 'price-drop'])

/** The alert after a triage step (status and history), and the suppression a dismissal leaves. */
export function applyTriage(
  alert: Alert,
  step: { status: AlertStatus; by: string; note: string },
  at: Date,
): { alert: Alert; suppression: Suppression | null } {
  const entry: TriageEntry = {
    status: step.status,
    at: at.toISOString(),
    by: step.by,
    note: step.note,
  }
  const next: Alert = { ...alert, status: step.status, triage: [...alert.triage, entry] }
  const suppression =
    step.status === 'dismissed' && SUPPRESSING.has(alert.kind)
      ? {
          alertId: alert.id,
          severity: alert.severity,
          fingerprint: alert.fingerprint,
          at: entry.at,
          by: step.by,
        }
      : null
  return { alert: next, suppression }
}
