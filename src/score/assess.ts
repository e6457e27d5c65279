import type { Evidence, Extraction, Fact, FactKind } from '../extract/types.ts'
import type { Profile, ProfileRule } from '../profile/index.ts'
import { judgePrices, type PriceJudgement, type PricedMention } from './prices.ts'
import { atLeast } from './severity.ts'
import type { Assessment, Severity, Signal } from './types.ts'

/** At most this many evidence excerpts per signal: enough to convince, short enough to read. */
const MAX_EVIDENCE = 3

const BLOCKING: FactKind[] = ['challenge', 'parked', 'empty-shell', 'login-wall']
// What a selling page offers a visitor to act on.
const SELLING: FactKind[] = ['buy-button', 'cart', 'format-choice']

/**
 * The first few excerpts that say something different: one phrase often matches several patterns,
 * and an analyst reading the same sentence three times learns nothing.
 */
function distinctEvidence(all: Evidence[]): Evidence[] {
  const out: Evidence[] = []
  for (const e of all) {
    const core = e.text.slice(Math.floor(e.text.length / 4), Math.ceil((e.text.length * 3) / 4))
    if (out.some((o) => o.text === e.text || o.text.includes(core))) continue
    out.push(e)
    if (out.length === MAX_EVIDENCE) break
  }
  return out
}

function priceEvidence(ps: PricedMention[]): Evidence[] {
  return distinctEvidence(ps.map((p) => ({ text: p.context, where: p.source })))
}

function ruleEvidence(
  rule: ProfileRule,
  byKind: Map<FactKind, Fact[]>,
  judged: PriceJudgement,
  profile: Profile,
): Evidence[] | null {
  const when = rule.when
  if ('facts' in when) {
    const values = when.values ? new Set(when.values) : null
    const facts = when.facts
      .flatMap((k) => byKind.get(k) ?? [])
      .filter((f) => !values || (f.value !== undefined && values.has(f.value)))
    // `min` counts distinct values (two payment brands), not repeats of one phrase.
    const distinct = new Set(facts.map((f) => f.value ?? f.evidence.text.toLowerCase()))
    if (facts.length === 0 || distinct.size < when.min) return null
    return distinctEvidence(facts.map((f) => f.evidence))
  }
  const { summary: s, used } = judged
  const { reference: ref, ratios } = profile
  switch (when.price) {
    case 'per-volume':
      return used.volume.length > 0 ? priceEvidence(used.volume) : null
    case 'cheap-track':
      return s.trackUsd !== null && s.trackUsd / ref.trackUsd <= ratios.cheap
        ? priceEvidence(used.track)
        : null
    case 'cheap-album':
      return s.albumUsd !== null && s.albumUsd / ref.albumUsd <= ratios.cheap
        ? priceEvidence(used.album)
        : null
    case 'full-price':
      return s.ratioToReference !== null && s.ratioToReference >= ratios.full
        ? priceEvidence([...used.track, ...used.album])
        : null
  }
}

function severityOf(score: number, profile: Profile): Severity {
  let out: Severity = 'none'
  for (const s of ['low', 'medium', 'high', 'critical'] as const) {
    if (score >= profile.severities[s]) out = s
  }
  return out
}

const fmtUsd = (x: number | null) => (x === null ? 'unknown' : `$${x.toFixed(2)}`)

/**
 * Scores one extracted page against a profile. Pure: the same extraction and profile always give
 * the same Assessment. The profile's gate encodes the facts' demand that cheap, DRM-free and one
 * corroborating sign appear together; any one alone is held below the alert threshold.
 */
export function assess(x: Extraction, profile: Profile): Assessment {
  const judged = judgePrices(x.prices, profile)
  const base = {
    url: x.url,
    finalUrl: x.finalUrl,
    language: x.language,
    prices: judged.prices,
    summary: judged.summary,
    profile: { id: profile.id, version: profile.version },
    movedTo: x.facts.find((f) => f.kind === 'moved-notice')?.value ?? null,
  }
  const byKind = new Map<FactKind, Fact[]>()
  for (const f of x.facts) byKind.set(f.kind, [...(byKind.get(f.kind) ?? []), f])
  const has = (k: FactKind) => (byKind.get(k)?.length ?? 0) > 0

  const blockedBy = x.kind === 'not-html' ? 'not-html' : BLOCKING.find(has)
  if (blockedBy) {
    return {
      ...base,
      blocked: true,
      score: 0,
      severity: 'none',
      alert: false,
      signals: [],
      store: false,
      reasons: [
        `Nothing to judge: the page is ${blockedBy === 'not-html' ? 'not HTML' : `a ${blockedBy} page`}.`,
      ],
    }
  }

  const signals: Signal[] = []
  const groups = new Set<string>()
  for (const rule of profile.rules) {
    const evidence = ruleEvidence(rule, byKind, judged, profile)
    if (!evidence) continue
    signals.push({ id: rule.id, label: rule.label, weight: rule.weight, evidence })
    if (rule.weight > 0) groups.add(rule.group)
  }
  const raw = signals.reduce((sum, s) => sum + s.weight, 0)
  let score = Math.min(1, Math.max(0, raw))
  const reasons: string[] = []

  const { gate } = profile
  const knownPrice = judged.summary.ratioToReference !== null
  const standIn = gate.priceStandIn.groups.filter((g) => groups.has(g)).length
  const missingAll = gate.all.filter((g) => {
    if (groups.has(g)) return false
    // A page with no price at all may stand on enough other evidence; a page with dear prices may not.
    return !(g === 'price' && !knownPrice && standIn >= gate.priceStandIn.min)
  })
  const hasAny = gate.anyOf.some((g) => groups.has(g))
  if (missingAll.length > 0 || !hasAny) {
    score = Math.min(score, gate.capBelowAlert)
    const missing = [...missingAll, ...(hasAny ? [] : [`one of ${gate.anyOf.join('/')}`])]
    reasons.push(`Not the profile: no ${missing.join(', no ')} evidence.`)
  }

  // A store offers something to act on: buy buttons, a cart, a format to pick, a balance to top
  // up, or offers marked up for search engines. Priced items alone are not enough: comparison
  // tables, forums and reviews quote many prices and sell nothing.
  const balanceControl = (byKind.get('prepaid-balance') ?? []).some((f) => f.value === 'control')
  const offers = x.prices.some((p) => p.source === 'json-ld' || p.source === 'microdata')
  const selling = SELLING.some(has) || balanceControl || offers
  const talking = has('about-topic') && !has('buy-button') && !has('cart')
  const store = selling && !talking
  if (!store) {
    // Pages about AllofMP3 carry every keyword; only a page that sells can be a successor.
    score = Math.min(score, profile.severities.low - 0.01)
    reasons.unshift(
      talking
        ? 'Talks about the topic (news, reference or forum) and sells nothing.'
        : 'Does not sell: no buy buttons, cart, format choice, balance to top up or marked-up offers.',
    )
  }
  score = Math.round(score * 1000) / 1000
  const severity = severityOf(score, profile)
  const alert = atLeast(severity, profile.alertAt)
  const s = judged.summary
  if (alert) {
    reasons.unshift(
      `Matches the ${profile.name} profile: ${signals
        .filter((g) => g.weight > 0)
        .map((g) => g.label.toLowerCase())
        .join('; ')}.`,
    )
  }
  if (s.ratioToReference !== null) {
    reasons.push(
      `Prices: track ${fmtUsd(s.trackUsd)}, album ${fmtUsd(s.albumUsd)}, per MB ${fmtUsd(s.perMbUsd)}; ${Math.round(s.ratioToReference * 100)}% of the reference.`,
    )
  }
  return { ...base, blocked: false, score, severity, alert, signals, store, reasons }
}
