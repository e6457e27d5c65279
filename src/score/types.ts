import type { Evidence, PriceMention } from '../extract/types.ts'
import type { SeverityName } from '../profile/index.ts'

export type Severity = 'none' | SeverityName

/** A rule of the profile that fired on a page, with the text that fired it. */
export interface Signal {
  id: string
  label: string
  weight: number
  evidence: Evidence[]
}

export interface PriceSummary {
  /** Medians in US dollars over the page's per-item download prices; null where unknown. */
  trackUsd: number | null
  albumUsd: number | null
  perMbUsd: number | null
  /** The page's price level against the legitimate reference (median of the known ratios). */
  ratioToReference: number | null
}

/** The verdict on one page: DESIGN.md's contract, stored with alerts and printed by `analyze`. */
export interface Assessment {
  url: string
  finalUrl: string
  blocked: boolean
  language: string | null
  score: number
  severity: Severity
  alert: boolean
  signals: Signal[]
  prices: (PriceMention & { usd: number | null })[]
  summary: PriceSummary
  /** Whether the page sells (per-item prices, buy buttons, a cart or a balance) rather than talks. */
  store: boolean
  /** The host a move notice on the page names ("we have moved to …"), or null. */
  movedTo: string | null
  /** Why the verdict is what it is, in a few plain sentences, most important first. */
  reasons: string[]
  profile: { id: string; version: string }
}
