import { describe, expect, it } from 'vitest'
import { decide, type ChangePolicy, type Observation } from '../../src/scan/changes.ts'
import type { Assessment, Severity } from '../../src/score/types.ts'
import { emptyState, type SiteState } from '../../src/store/states.ts'

const policy: ChangePolicy = {
  alertAt: 'medium',
  darkAfter: 3,
  intervalMinutes: 60,
  priceDropFraction: 0.1,
}
const T = Date.parse('2026-11-29T00:00:00Z')
const at = (hours: number) => new Date(T + hours * 3600_000)

function assessment(
  severity: Severity,
  score: number,
  track: number | null,
  finalUrl = 'http://clone.test/',
): Assessment {
  return {
    url: 'http://clone.test/',
    finalUrl,
    blocked: false,
    language: 'en',
    score,
    severity,
    alert: severity === 'medium' || severity === 'high' || severity === 'critical',
    signals: [{ id: 'drm-free', label: 'DRM-free', weight: 0.12, evidence: [] }],
    prices: [],
    summary: {
      trackUsd: track,
      albumUsd: null,
      perMbUsd: null,
      ratioToReference: track ? track / 0.99 : null,
    },
    store: true,
    reasons: [],
    profile: { id: 'allofmp3', version: 'test' },
    movedTo: null,
  }
}
const judged = (a: Assessment, fp: string): Observation => ({
  kind: 'judged',
  assessment: a,
  fingerprint: fp,
  outcome: 'ok',
})
const failed: Observation = { kind: 'failed', outcome: 'timeout' }

function after(state: SiteState, obs: Observation, hours: number) {
  return decide(state, obs, 'clone.test', at(hours), policy)
}

describe('change detection', () => {
  it('raises new-match once, then nothing for the same fingerprint', () => {
    const first = after(emptyState('s'), judged(assessment('high', 0.7, 0.12), 'f1'), 0)
    expect(first.alerts.map((a) => a.kind)).toEqual(['new-match'])
    expect(first.state?.version).toBe(1)
    const again = after(first.state!, judged(assessment('high', 0.7, 0.12), 'f1'), 1)
    expect(again).toEqual({ state: null, alerts: [] })
  })

  it('raises nothing for a page below the alert threshold, but remembers it', () => {
    const d = after(emptyState('s'), judged(assessment('low', 0.3, 0.9), 'f0'), 0)
    expect(d.alerts).toEqual([])
    expect(d.state?.severity).toBe('low')
  })

  it('raises severity-up when a match gets worse, and price-drop when it gets cheaper', () => {
    const s1 = after(emptyState('s'), judged(assessment('medium', 0.5, 0.2), 'f1'), 0).state!
    const up = after(s1, judged(assessment('critical', 0.9, 0.2), 'f2'), 1)
    expect(up.alerts.map((a) => a.kind)).toEqual(['severity-up'])
    const cheaper = after(up.state!, judged(assessment('critical', 0.9, 0.1), 'f3'), 2)
    expect(cheaper.alerts.map((a) => a.kind)).toEqual(['price-drop'])
    expect(cheaper.alerts[0]!.title).toContain('0.2 → 0.1')
    // A 5% cut is under the 10% threshold: the state changes, no alert.
    const small = after(cheaper.state!, judged(assessment('critical', 0.9, 0.095), 'f4'), 3)
    expect(small.alerts).toEqual([])
    expect(small.state).not.toBeNull()
  })

  it('raises moved when a matching site is served from a new host', () => {
    const s1 = after(emptyState('s'), judged(assessment('high', 0.7, 0.12), 'f1'), 0).state!
    const d = after(s1, judged(assessment('high', 0.7, 0.12, 'https://clone-new.test/'), 'f2'), 1)
    expect(d.alerts.map((a) => [a.kind, a.movedTo])).toEqual([['moved', 'clone-new.test']])
    expect(d.state?.finalHost).toBe('clone-new.test')
  })

  it('counts failures by time, writing only the first, and goes dark after three', () => {
    const s1 = after(emptyState('s'), judged(assessment('high', 0.7, 0.12), 'f1'), 0).state!
    const f1 = after(s1, failed, 1)
    expect(f1.alerts).toEqual([])
    expect(f1.state?.failingSince).toBe(at(1).toISOString())
    expect(after(f1.state!, failed, 2)).toEqual({ state: null, alerts: [] })
    const dark = after(f1.state!, failed, 3)
    expect(dark.alerts.map((a) => a.kind)).toEqual(['went-dark'])
    expect(dark.state?.dark).toBe(true)
    expect(after(dark.state!, failed, 4)).toEqual({ state: null, alerts: [] })
    const back = after(dark.state!, judged(assessment('high', 0.7, 0.12), 'f1'), 5)
    expect(back.alerts.map((a) => a.kind)).toEqual(['back-online'])
    expect(back.state?.dark).toBe(false)
    expect(back.state?.failingSince).toBeNull()
  })

  it('clears a failure run without an alert when the site answers before going dark', () => {
    const s1 = after(emptyState('s'), judged(assessment('high', 0.7, 0.12), 'f1'), 0).state!
    const f1 = after(s1, failed, 1).state!
    const ok = after(f1, judged(assessment('high', 0.7, 0.12), 'f1'), 2)
    expect(ok.alerts).toEqual([])
    expect(ok.state?.failingSince).toBeNull()
  })

  it('leaves the state alone when a page could not be judged', () => {
    const s1 = after(emptyState('s'), judged(assessment('high', 0.7, 0.12), 'f1'), 0).state!
    expect(after(s1, { kind: 'unjudged', outcome: 'blocked' }, 1)).toEqual({
      state: null,
      alerts: [],
    })
  })
})
