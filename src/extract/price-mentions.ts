/**
 * Price mentions on a page: every amount written next to a currency in visible text, and the
 * prices assigned in inline scripts and embedded JSON (script-prices.ts). Each mention says what
 * it prices (track, album, megabyte...; price-units.ts), whether it is a lower bound, and whether
 * it sells a physical good.
 *
 * Cost: a catalogue page has hundreds of prices, so the work per price reads index windows of
 * the text (no substring per window) and only a few short regexes run per price.
 */
import { isSpaceCode } from './char-class.ts'
import { DOLLAR_CODES, currencyIso, findCurrencies, isLetter } from './currencies.ts'
import type { CurrencyHit } from './currencies.ts'
import { MAX_MENTIONS, excerpter } from './price-context.ts'
import { firstSentenceEnd, lastSentenceStart, unitAround } from './price-units.ts'
import { scanNumbers } from './price.ts'
import type { NumberToken } from './price.ts'
import type { PriceMention, PriceSource } from './types.ts'

export { findScriptPrices } from './script-prices.ts'

/** Longest text scanned: the extractor caps visible text at 200,000 chars; this protects CPU. */
const MAX_TEXT = 200_000
/** How far around a price its label may be: ~60 chars before, ~40 after. */
const BEFORE_CHARS = 60
const AFTER_CHARS = 40
/** Most spaces between a number and its currency ("100 руб", "€ 3"). */
const MAX_GAP = 2
/** Longest text between the two ends of a range ("$1–2", "5 to 10 USD", "10 - 20"). */
const MAX_RANGE_GAP = 6
/** How far after a price a physical label may be: "€28 (vinyl)", not the next item's title. */
const PHYSICAL_AFTER = 14

/** The amount of a hundredth (cents, pence): '99' → '0.99', '150' → '1.50', '7.5' → '0.075'. */
function hundredth(amount: string): string {
  const [int = '0', frac = ''] = amount.split('.')
  const padded = int.padStart(3, '0')
  const head = padded.slice(0, -2).replace(/^0+(?=\d)/, '')
  return `${head}.${padded.slice(-2)}${frac}`
}

// ---------------------------------------------------------------------------------------------
// Lower bounds and physical goods

const W0 = '(?<![\\p{L}\\p{N}])'
const W1 = '(?![\\p{L}])'

/** A regex matching any of `words` as a whole word ('\\p{L}*' in a word allows endings). */
function words(list: string[], flags: string): RegExp {
  return new RegExp(`${W0}(?:${list.join('|')})${W1}`, flags)
}

const PHYSICAL = words(
  [
    'vinyl',
    'vinyle',
    'винил\\p{L}*',
    'CD',
    'compact disc',
    'компакт-диск\\p{L}*',
    'cassettes?',
  ].concat(
    ['кассет\\p{L}*', 'LP record', 'record/vinyl', 'merch', 'merchandise', 't-shirts?', 'tee'],
    ['shirts?', 'hoodies?', 'posters?', 'shipping', 'ships out', 'доставк\\p{L}*', 'livraison'],
  ),
  'iu',
)

/** Lower bounds written before the amount: "from $1", "от 10 руб.", "à partir de 2 €". */
const MIN_BEFORE = new RegExp(
  `${W0}(?:from|starting at|starts at|as low as|at least|min\\.?|minimum|от|начиная с|не менее|` +
    `минимум|à partir de|a partir de|dès|ab|desde|vanaf|a partire da)\\s*:?\\s*$`,
  'iu',
)
/** Lower bounds written after: "$9 CAD or more", "10 € ou plus", "$49+". */
const MIN_AFTER =
  /^\s*(?:\+|or more|or higher|and up|ou plus|и больше|или больше|и более|или более)(?![\p{L}])/iu

/**
 * MIN_AFTER on text[from, to), tried only when the first character after the spaces can start
 * one of its phrases ('+', 'or', 'and', 'ou', 'и'): most prices are followed by something else.
 */
function minimumAfter(text: string, from: number, to: number): boolean {
  let i = from
  while (i < to && isSpaceCode(text.charCodeAt(i))) i++
  if (i >= to) return false
  const c = text.charCodeAt(i)
  // '+', 'o' or 'O', 'a' or 'A', 'и' or 'И'.
  if (c !== 43 && (c | 32) !== 111 && (c | 32) !== 97 && c !== 0x438 && c !== 0x418) return false
  return MIN_AFTER.test(text.slice(from, to))
}

// ---------------------------------------------------------------------------------------------
// Visible text

/** Signs usually written before the amount; used to break ties when a sign sits between two. */
const PREFIX_SIGNS = /\$|£|¥|₹|₩|₱|₪|฿|₦|₡|₺|R\$|Rs|Rp|RM/

/** What may stand between the two ends of a range. */
const RANGE_DASH = /^\s*(?:[-–—]|to|à|до|bis)\s*$/iu
/** Spaces then a capital: a new sentence. */
const CAPITAL_NEXT = /^\s+\p{Lu}/u

/** The signs a number has been given: one on each side at most. */
interface Slot {
  before: CurrencyHit | undefined
  after: CurrencyHit | undefined
}

function signCount(slot: Slot): number {
  return (slot.before ? 1 : 0) + (slot.after ? 1 : 0)
}

interface Mention {
  start: number
  end: number
  amount: string
  hit: CurrencyHit
  rangeLow: boolean
}

/** The spaces that may stand between an amount and its currency. */
function isGapSpace(c: number): boolean {
  return c === 32 || c === 0xa0 || c === 0x202f || c === 0x2009 || c === 0x2007
}

function gapOk(text: string, from: number, to: number): boolean {
  if (to < from || to - from > MAX_GAP) return false
  for (let i = from; i < to; i++) if (!isGapSpace(text.charCodeAt(i))) return false
  return true
}

function isDigitAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i)
  return c >= 48 && c <= 57
}

/** "20%", "20 %": a percentage within the three characters after `end`. */
function percentAfter(text: string, end: number): boolean {
  const to = Math.min(end + 3, text.length)
  for (let i = end; i < to; i++) {
    const c = text.charCodeAt(i)
    if (c === 37) return true
    if (!isSpaceCode(c)) return false
  }
  return false
}

function pickHit(a: CurrencyHit | undefined, b: CurrencyHit | undefined): CurrencyHit {
  if (a && b) {
    // "$9 CAD": the code says which dollar.
    if (a.text.includes('$') && b.code && b.iso && DOLLAR_CODES.has(b.iso)) return b
    if (b.text.includes('$') && a.code && a.iso && DOLLAR_CODES.has(a.iso)) return a
    return a
  }
  return (a ?? b)!
}

/** Year abbreviations that look like roubles: "2007 р." is a year in Ukrainian. */
function looksLikeYear(n: NumberToken, hit: CurrencyHit): boolean {
  return /^(?:19|20)\d\d$/.test(n.amount) && /^[рР]\.?$/.test(hit.text)
}

/**
 * Every price written in free text: an amount next to a currency ("1 299 руб.", "$0.99",
 * "9,99 €", "EUR 3"). Bare numbers, years, phone numbers and percentages are not prices.
 * `where` names the part of the page scanned, for the caller's evidence; mentions do not carry it.
 */
export function findPriceMentions(
  text: string,
  source: PriceSource,
  where?: string,
): PriceMention[] {
  void where
  const src = text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text
  const numbers = scanNumbers(src)
  const hits = findCurrencies(src).filter((h) => h.mention)
  const sorted = hits.length
  // Pence: "79p" (only small whole numbers glued to the p: '720p' and '1080p' are video sizes).
  for (const n of numbers) {
    if (src.charCodeAt(n.end) === 112 && !isLetter(src[n.end + 1]) && /^[1-9]\d?$/.test(n.amount)) {
      const p: CurrencyHit = {
        start: n.end,
        end: n.end + 1,
        text: 'p',
        iso: 'GBP',
        weak: false,
        mention: true,
        subunit: true,
        code: false,
      }
      hits.push(p)
    }
  }
  // findCurrencies gives its hits in order; only added pence need sorting in.
  if (hits.length > sorted) hits.sort((a, b) => a.start - b.start)
  // Asked only about numbers glued to letters, so built on the first such question.
  let hitStarts: Set<number> | undefined
  let hitEnds: Set<number> | undefined

  const eligible = numbers.filter((n) => {
    if (n.date) return false
    const before = src[n.start - 1]
    const after = src[n.end]
    if (isLetter(before) && !(hitEnds ??= new Set(hits.map((h) => h.end))).has(n.start)) {
      return false
    }
    if (isLetter(after) && !(hitStarts ??= new Set(hits.map((h) => h.start))).has(n.end)) {
      return false
    }
    if (percentAfter(src, n.end)) return false
    if (before === '#' || before === '№') return false
    // Dates and times: '12/05', '12:30'.
    if ((before === '/' || before === ':') && isDigitAt(src, n.start - 2)) return false
    if ((after === '/' || after === ':') && isDigitAt(src, n.end + 1)) return false
    return true
  })

  // Each sign goes to the number on its left or right; a sign between two numbers goes to the
  // one that has none yet, then the nearer, then the side the page uses elsewhere.
  const slots = eligible.map((): Slot => ({ before: undefined, after: undefined }))
  const pending: { hit: CurrencyHit; l: number; r: number }[] = []
  let prefixVotes = 0
  let suffixVotes = 0
  let k = 0
  for (const hit of hits) {
    while (k < eligible.length && eligible[k]!.end <= hit.start) k++
    const l = k - 1 >= 0 && gapOk(src, eligible[k - 1]!.end, hit.start) ? k - 1 : -1
    const r =
      k < eligible.length && gapOk(src, hit.end, eligible[k]!.start) && !hit.subunit ? k : -1
    if (l >= 0 && r >= 0) pending.push({ hit, l, r })
    else if (l >= 0) {
      if (!slots[l]!.after) {
        slots[l]!.after = hit
        suffixVotes++
      }
    } else if (r >= 0) {
      if (!slots[r]!.before) {
        slots[r]!.before = hit
        prefixVotes++
      }
    }
  }
  for (const { hit, l, r } of pending) {
    const gapL = hit.start - eligible[l]!.end
    const gapR = eligible[r]!.start - hit.end
    let toRight: boolean
    const countL = signCount(slots[l]!)
    const countR = signCount(slots[r]!)
    if (countL === 0 && countR > 0) toRight = false
    else if (countR === 0 && countL > 0) toRight = true
    else if (gapL !== gapR) toRight = gapR < gapL
    else if (prefixVotes !== suffixVotes) toRight = prefixVotes > suffixVotes
    else toRight = PREFIX_SIGNS.test(hit.text)
    if (toRight && !slots[r]!.before) slots[r]!.before = hit
    else if (!toRight && !slots[l]!.after) slots[l]!.after = hit
  }

  const found: (Mention | null)[] = eligible.map((n, i) => {
    const { before, after } = slots[i]!
    if (!before && !after) return null
    const hit = pickHit(before, after)
    if (looksLikeYear(n, hit)) return null
    const start = Math.min(n.start, before?.start ?? n.start)
    const end = Math.max(n.end, after?.end ?? n.end)
    const amount = hit.subunit ? hundredth(n.amount) : n.amount
    return { start, end, amount, hit, rangeLow: false }
  })

  // Ranges: "$1–2", "10–20 €", "5 to 10 USD": the bare end takes the other end's currency.
  for (let i = 0; i + 1 < eligible.length; i++) {
    const a = found[i]
    const b = found[i + 1]
    if (!a && !b) continue
    const aEnd = a?.end ?? eligible[i]!.end
    const bStart = b?.start ?? eligible[i + 1]!.start
    if (bStart - aEnd > MAX_RANGE_GAP) continue
    if (!RANGE_DASH.test(src.slice(aEnd, bStart))) continue
    if (a && b) {
      // "$5–25 CAD": the code names the dollar of both ends.
      if (a.hit.text.includes('$') && b.hit.code && b.hit.iso && DOLLAR_CODES.has(b.hit.iso))
        a.hit = b.hit
    } else if (a && !b) {
      const n = eligible[i + 1]!
      const amount = a.hit.subunit ? hundredth(n.amount) : n.amount
      found[i + 1] = { start: n.start, end: n.end, amount, hit: a.hit, rangeLow: false }
    } else if (b && !a) {
      const n = eligible[i]!
      const amount = b.hit.subunit ? hundredth(n.amount) : n.amount
      found[i] = { start: n.start, end: n.end, amount, hit: b.hit, rangeLow: true }
    }
    found[i]!.rangeLow = true
  }

  const mentions = found.filter((m): m is Mention => m !== null).slice(0, MAX_MENTIONS)
  const contextOf = excerpter(src, mentions.length)
  return mentions.map((m, i) => {
    const prevEnd = i > 0 ? mentions[i - 1]!.end : 0
    const nextStart = i + 1 < mentions.length ? mentions[i + 1]!.start : src.length
    // The label windows, as index ranges: the last sentence before the price and the first
    // after it, neither reaching into the next or previous price.
    const beforeTo = m.start
    const beforeFrom = lastSentenceStart(
      src,
      Math.min(Math.max(prevEnd, m.start - BEFORE_CHARS), beforeTo),
      beforeTo,
    )
    const afterFrom = m.end
    const afterRawTo = Math.max(afterFrom, Math.min(nextStart, m.end + AFTER_CHARS))
    // "2 руб. Альбом ...": the abbreviation's dot also ends the sentence.
    const closed = m.hit.text.endsWith('.') && CAPITAL_NEXT.test(src.slice(afterFrom, afterRawTo))
    const afterTo = closed ? afterFrom : firstSentenceEnd(src, afterFrom, afterRawTo)
    // On a catalogue page the label before a price is often cut to nothing by a separator.
    const before = beforeFrom < beforeTo ? src.slice(beforeFrom, beforeTo) : ''
    // A label after the price counts for "physical" only when no other price follows closely.
    const alone = nextStart >= m.end + AFTER_CHARS
    const physicalTo = Math.min(afterTo, afterFrom + PHYSICAL_AFTER)
    return {
      amount: m.amount,
      currency: m.hit.iso ?? currencyIso(m.hit.text),
      currencyText: m.hit.text,
      unit: unitAround(src, beforeFrom, beforeTo, afterFrom, afterTo),
      source,
      context: contextOf(m.start, m.end),
      physical:
        (before !== '' && PHYSICAL.test(before)) ||
        (alone && PHYSICAL.test(src.slice(afterFrom, physicalTo))),
      minimum:
        m.rangeLow ||
        (before !== '' && MIN_BEFORE.test(before)) ||
        minimumAfter(src, afterFrom, afterRawTo),
    }
  })
}

/**
 * The amount in US dollars, given `rates` as US dollars per one unit of each currency;
 * null when the currency is unknown or has no rate.
 */
export function usdValue(
  amount: string,
  currency: string | null,
  rates: Record<string, number>,
): number | null {
  const value = Number(amount)
  if (!Number.isFinite(value) || currency === null) return null
  if (currency === 'USD') return value
  const rate = rates[currency]
  return rate !== undefined && Number.isFinite(rate) ? value * rate : null
}
