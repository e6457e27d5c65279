import type { PriceSummary, Severity } from '../score/types.ts'
import { keys } from './keys.ts'

/** One point of a site's score history. */
export interface ScorePoint {
  at: string
  score: number
  severity: Severity
}

/** What the scanner remembers of a site between runs. Written only when it changes. */
export interface SiteState {
  siteId: string
  /** Bumped on every write; alert ids include it, so two runs reading the same state agree. */
  version: number
  /** Fingerprint of the last judged page (see scan/fingerprint.ts), null before the first. */
  fingerprint: string | null
  severity: Severity
  score: number
  finalHost: string | null
  /** The last host a move notice on the page named (reported once). */
  movedTo?: string | null
  summary: PriceSummary | null
  rules: string[]
  lastOkAt: string | null
  /** When the current run of failures began; null while the site answers. */
  failingSince: string | null
  lastOutcome: string
  dark: boolean
  history: ScorePoint[]
  updatedAt: string
}

/** Most points kept per site: a month of daily scans, well under KV's value size. */
export const HISTORY_POINTS = 30

export function emptyState(siteId: string): SiteState {
  return {
    siteId,
    version: 0,
    fingerprint: null,
    severity: 'none',
    score: 0,
    finalHost: null,
    summary: null,
    rules: [],
    lastOkAt: null,
    failingSince: null,
    lastOutcome: 'never',
    dark: false,
    history: [],
    updatedAt: new Date(0).toISOString(),
  }
}

/** Per-site scan state in KV (`state:` keys). */
export class StateStore {
  constructor(private readonly kv: KVNamespace) {}

  async get(siteId: string): Promise<SiteState | null> {
    return this.kv.get<SiteState>(keys.state(siteId), 'json')
  }

  async put(state: SiteState): Promise<void> {
    await this.kv.put(keys.state(state.siteId), JSON.stringify(state))
  }

  async delete(siteId: string): Promise<void> {
    await this.kv.delete(keys.state(siteId))
  }
}
