/**
 * Catalogue-size facts: "over 1,000,000 tracks", "500 000 альбомов", "plus de 2 millions de titres".
 */
import type { DocView } from '../document.ts'
import type { Fact } from '../types.ts'
import { FactSink, RuleSet, evidenceOf } from './match.ts'

/** Smaller numbers are track counts of one album or list, not catalogue claims. */
const MIN_CLAIM = 1000

const CLAIM_SRC =
  String.raw`(\d{1,3}(?:[ \u00a0\u202f.,]\d{3})+|\d+(?:[.,]\d{1,2})?)\s?\+?\s?` +
  String.raw`(millions?|mln|mio|m|млн\.?|миллион[а-яё]*|тыс\.?|тысяч[а-яё]*|thousands?|k)?\s?\+?\s` +
  String.raw`(?:(?:mp3|music|digital|high[\s-]quality|legal|audio|музыкальн[а-яё]*|de|d['’])\s?)?` +
  String.raw`(?:tracks|songs|albums|releases|titles|artists|треков|трека|песен|композици[а-яё]*|альбом[а-яё]*|релиз[а-яё]*|исполнител[а-яё]*|titres|morceaux|chansons|artistes)`
const CLAIM = new RegExp(CLAIM_SRC, 'iu')

const THOUSAND = /^(?:k|thousands?|тыс\.?|тысяч[а-яё]*)$/i

/** Parses "1,000,000", "1.000.000", "1 000 000", or "1.5" before a multiplier word. */
export function claimedCount(match: string): number | null {
  const m = CLAIM.exec(match)
  if (!m) return null
  const num = m[1]!
  const word = m[2]
  const mult = !word ? 1 : THOUSAND.test(word) ? 1e3 : 1e6
  const grouped = /^\d{1,3}(?:[ \u00a0\u202f.,]\d{3})+$/.test(num)
  const n = grouped
    ? Number(num.replace(/[ \u00a0\u202f.,]/g, '')) * mult
    : Number(num.replace(',', '.')) * mult
  return Number.isFinite(n) ? Math.round(n) : null
}

const SET = new RuleSet([
  {
    kind: 'catalogue-size',
    keys: ['#a', '#n', '#k'],
    src: CLAIM_SRC,
    value: (m) => String(claimedCount(m)),
    accept: (m) => (claimedCount(m) ?? 0) >= MIN_CLAIM,
  },
])

/** catalogue-size facts with the claimed count as value. */
export function catalogueFacts(doc: DocView): Fact[] {
  const sink = new FactSink()
  for (const hit of SET.scan(doc.segments))
    sink.add('catalogue-size', String(claimedCount(hit.match)), () => evidenceOf(hit))
  return sink.facts
}
