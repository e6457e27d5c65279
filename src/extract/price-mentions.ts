/**
 * Price mentions on a page: every amount written next to a currency in visible text, and the
 * prices assigned in inline scripts and embedded JSON. Each mention says what it prices (track,
 * album, megabyte...), whether it is a lower bound, and whether it sells a physical good.
 */
import { DOLLAR_CODES, currencyIso, findCurrencies, isLetter } from './currencies.ts'
import type { CurrencyHit } from './currencies.ts'
import { parsePrice, scanNumbers } from './price.ts'
import type { NumberToken } from './price.ts'
import type { PriceMention, PriceSource, PriceUnit } from './types.ts'

/** Longest text scanned: the extractor caps visible text at 200,000 chars; this protects CPU. */
const MAX_TEXT = 200_000
/** Most mentions kept per call: a catalogue page lists a few hundred prices; bounds memory. */
const MAX_MENTIONS = 5_000
/** Longest script scanned (inline JSON of a big catalogue page is ~0.5 MB). */
const MAX_SCRIPT = 1_000_000
/** Context excerpt length, as the contract says. */
const CONTEXT_CHARS = 120
/** How far around a price its label may be: ~60 chars before, ~40 after. */
const BEFORE_CHARS = 60
const AFTER_CHARS = 40
/** How far after a price a label without "per" may be: "$0.99 track", not the next heading. */
const LOOSE_AFTER = 12
/** Most spaces between a number and its currency ("100 руб", "€ 3"). */
const MAX_GAP = 2

/** How far after a price a physical label may be: "€28 (vinyl)", not the next item's title. */
const PHYSICAL_AFTER = 14

const SPACES = /^[ \u00a0\u202f\u2009\u2007]*$/

function foldSpace(s: string): string {
  return s.replace(/\s+/g, ' ').trim()
}

function excerpt(text: string, start: number, end: number): string {
  const room = Math.max(0, CONTEXT_CHARS - (end - start))
  const from = Math.max(0, start - Math.ceil(room / 2))
  const to = Math.min(text.length, end + Math.floor(room / 2))
  const folded = foldSpace(text.slice(from, to))
  return folded.length > CONTEXT_CHARS ? folded.slice(0, CONTEXT_CHARS) : folded
}

/** The amount of a hundredth (cents, pence): '99' → '0.99', '150' → '1.50', '7.5' → '0.075'. */
function hundredth(amount: string): string {
  const [int = '0', frac = ''] = amount.split('.')
  const padded = int.padStart(3, '0')
  const head = padded.slice(0, -2).replace(/^0+(?=\d)/, '')
  return `${head}.${padded.slice(-2)}${frac}`
}

// ---------------------------------------------------------------------------------------------
// Labels around a price

interface UnitRule {
  unit: Exclude<PriceUnit, 'unknown'>
  re: RegExp
  /** Counts only after "per", "за", "/", "le"...: '120 MB' is a size, 'per MB' a price unit. */
  needsPer?: boolean
}

const W0 = '(?<![\\p{L}\\p{N}])'
const W1 = '(?![\\p{L}])'

/** A regex matching any of `words` as a whole word ('\\p{L}*' in a word allows endings). */
function words(list: string[], flags: string): RegExp {
  return new RegExp(`${W0}(?:${list.join('|')})${W1}`, flags)
}

const UNIT_RULES: UnitRule[] = [
  {
    unit: 'track',
    re: words(
      ['tracks?', 'songs?', 'singles?', 'трек\\p{L}*', 'песн\\p{L}*', 'композици\\p{L}*'].concat([
        'titres?',
        'morceaux?',
        'chansons?',
      ]),
      'giu',
    ),
  },
  { unit: 'album', re: words(['albums?', 'альбом\\p{L}*', 'releases?', 'релиз\\p{L}*'], 'giu') },
  { unit: 'album', re: words(['LP', 'EP'], 'gu') },
  {
    unit: 'megabyte',
    re: words(
      ['MB', 'Mb', 'mb', 'МБ', 'Мб', 'мб', 'Mo', 'megabytes?', 'мегабайт\\p{L}*', 'mégaoctets?'],
      'gu',
    ),
    needsPer: true,
  },
  {
    unit: 'gigabyte',
    re: words(
      ['GB', 'Gb', 'gb', 'ГБ', 'Гб', 'гб', 'Go', 'gigabytes?', 'гигабайт\\p{L}*', 'gigaoctets?'],
      'gu',
    ),
    needsPer: true,
  },
  {
    unit: 'month',
    re: words(
      ['months?', 'monthly', 'месяц\\p{L}*', 'мес\\.?', 'mois', 'mensuel\\p{L}*'].concat([
        'subscriptions?',
        'подписк\\p{L}*',
        'abonnements?',
      ]),
      'giu',
    ),
  },
  { unit: 'month', re: /\/\s?mo(?![\p{L}])/gu },
]

/** Words that make the following unit the thing priced: "per MB", "за трек", "/mo", "le Mo". */
const PER = /(?:(?<![\p{L}])(?:per|each|a|an|par|le|la|pour|за|в|по)\s*|\/\s?|(?<![\p{L}])l['’])$/iu
/** "1 MB", "1 Мб": a unit quantity, as in "1 Мб — 2 руб." or "за 1 Мб". */
const ONE = /(?<![\d.,])1\s*$/u

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

/** Where a sentence ends: labels do not cross it. */
const SENTENCE_END = /[.!?;|•·]\s/g

function cutBefore(window: string): string {
  let at = 0
  for (const m of window.matchAll(SENTENCE_END)) at = m.index + m[0].length
  return window.slice(at)
}

function cutAfter(window: string): string {
  SENTENCE_END.lastIndex = 0
  const m = SENTENCE_END.exec(window)
  SENTENCE_END.lastIndex = 0
  return m ? window.slice(0, m.index + 1) : window
}

function unitOf(before: string, after: string): PriceUnit {
  let best: PriceUnit = 'unknown'
  let bestScore = Infinity
  for (const rule of UNIT_RULES) {
    for (const [side, text] of [
      ['before', before],
      ['after', after],
    ] as const) {
      for (const m of text.matchAll(rule.re)) {
        const lead = text.slice(Math.max(0, m.index - 8), m.index)
        const per = PER.test(lead)
        if (rule.needsPer && !per && !ONE.test(lead)) continue
        let score: number
        if (side === 'before') {
          // A label right before the price names it; "per track, $9" belongs to the price before.
          score = text.length - (m.index + m[0].length) + (per ? 40 : 0)
        } else if (per) score = m.index
        else if (m.index <= LOOSE_AFTER) score = m.index + 20
        else continue
        if (score < bestScore) {
          bestScore = score
          best = rule.unit
        }
      }
    }
  }
  return best
}

// ---------------------------------------------------------------------------------------------
// Visible text

/** Signs usually written before the amount; used to break ties when a sign sits between two. */
const PREFIX_SIGNS = /\$|£|¥|₹|₩|₱|₪|฿|₦|₡|₺|R\$|Rs|Rp|RM/

interface Mention {
  start: number
  end: number
  amount: string
  hit: CurrencyHit
  rangeLow: boolean
}

function gapOk(text: string, from: number, to: number): boolean {
  return to >= from && to - from <= MAX_GAP && SPACES.test(text.slice(from, to))
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
  // Pence: "79p" (only small whole numbers glued to the p: '720p' and '1080p' are video sizes).
  for (const n of numbers) {
    if (src[n.end] === 'p' && !isLetter(src[n.end + 1]) && /^[1-9]\d?$/.test(n.amount)) {
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
  hits.sort((a, b) => a.start - b.start)
  const hitStarts = new Set(hits.map((h) => h.start))
  const hitEnds = new Set(hits.map((h) => h.end))

  const eligible = numbers.filter((n) => {
    if (n.date) return false
    const before = src[n.start - 1]
    const after = src[n.end]
    if (isLetter(before) && !hitEnds.has(n.start)) return false
    if (isLetter(after) && !hitStarts.has(n.end)) return false
    if (/^\s*%/.test(src.slice(n.end, n.end + 3))) return false
    if (before === '#' || before === '№') return false
    // Dates and times: '12/05', '12:30'.
    if ((before === '/' || before === ':') && /\d/.test(src[n.start - 2] ?? '')) return false
    if ((after === '/' || after === ':') && /\d/.test(src[n.end + 1] ?? '')) return false
    return true
  })

  // Each sign goes to the number on its left or right; a sign between two numbers goes to the
  // one that has none yet, then the nearer, then the side the page uses elsewhere.
  const slots = eligible.map(() => ({
    before: undefined as CurrencyHit | undefined,
    after: undefined as CurrencyHit | undefined,
  }))
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
    const count = (i: number) => (slots[i]!.before ? 1 : 0) + (slots[i]!.after ? 1 : 0)
    const gapL = hit.start - eligible[l]!.end
    const gapR = eligible[r]!.start - hit.end
    let toRight: boolean
    if (count(l) === 0 && count(r) > 0) toRight = false
    else if (count(r) === 0 && count(l) > 0) toRight = true
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
    const between = src.slice(aEnd, bStart)
    if (between.length > 6 || !/^\s*(?:[-–—]|to|à|до|bis)\s*$/iu.test(between)) continue
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
  return mentions.map((m, i) => {
    const prevEnd = i > 0 ? mentions[i - 1]!.end : 0
    const nextStart = i + 1 < mentions.length ? mentions[i + 1]!.start : src.length
    const before = cutBefore(src.slice(Math.max(prevEnd, m.start - BEFORE_CHARS), m.start))
    const afterRaw = src.slice(m.end, Math.min(nextStart, m.end + AFTER_CHARS))
    // "2 руб. Альбом ...": the abbreviation's dot also ends the sentence.
    const closed = m.hit.text.endsWith('.') && /^\s+\p{Lu}/u.test(afterRaw)
    const after = closed ? '' : cutAfter(afterRaw)
    // A label after the price counts for "physical" only when no other price follows closely.
    const alone = nextStart >= m.end + AFTER_CHARS
    return {
      amount: m.amount,
      currency: m.hit.iso ?? currencyIso(m.hit.text),
      currencyText: m.hit.text,
      unit: unitOf(before, after),
      source,
      context: excerpt(src, m.start, m.end),
      physical: PHYSICAL.test(before) || (alone && PHYSICAL.test(after.slice(0, PHYSICAL_AFTER))),
      minimum: m.rangeLow || MIN_BEFORE.test(before) || MIN_AFTER.test(afterRaw),
    }
  })
}

// ---------------------------------------------------------------------------------------------
// Scripts and embedded JSON

interface Entry {
  key: string
  keyStart: number
  end: number
  kind: 'number' | 'string' | 'other'
  value: string
}

interface Frame {
  key: string | null
  parent: Frame | null
  entries: Entry[]
  /** Under a currency table, exchange rates or settings: nothing inside is a price. */
  skip: boolean
}

/** Keys whose number is a price: 'price', 'track_price', 'minimum_price', 'amount', 'cost'. */
const PRICE_KEY = /price|amount|cost/i
/** ...but not with these words: ids, counts, flags, rates, taxes, display strings, bounds. */
const NOT_PRICE_WORDS = new Set(
  (
    'id ids count qty quantity type index idx currency code percent pct rate rates tax discount ' +
    'is has enabled visible label text format formatted html display small medium max default ' +
    'num number str string'
  ).split(' '),
)

/** 'is_set_price' and 'isSetPrice' → ['is', 'set', 'price']. */
function keyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
}

/** Keys holding the currency of the prices beside them. */
const CURRENCY_KEY =
  /^(?:currency|currencycode|currency_code|pricecurrency|price_currency|curr|cur)$/i
/** Keys of subtrees that are currency tables or exchange rates, never prices. */
const TABLE_KEY = /currenc|rates?$|exchange|conversion|^fx/i
/** Keys of a displayed price string: "€1.29". */
const DISPLAY_KEY = /display|formatted|text|label|string/i

function isIsoKey(key: string | null): boolean {
  return key !== null && /^[A-Z]{3}$/.test(key) && currencyIso(key) !== null
}

function pathKeys(frame: Frame): string[] {
  const keys: string[] = []
  for (let f: Frame | null = frame; f; f = f.parent) if (f.key) keys.push(f.key)
  return keys
}

interface Currency {
  text: string
  iso: string | null
}

function frameCurrency(frame: Frame): Currency | null {
  for (const e of frame.entries) {
    if (e.kind !== 'string') continue
    if (CURRENCY_KEY.test(e.key) || (e.key === 'code' && /^[A-Z]{3}$/.test(e.value))) {
      const iso = currencyIso(e.value)
      if (iso || /^[A-Z]{3}$/.test(e.value)) return { text: e.value, iso: iso ?? e.value }
    }
  }
  for (const e of frame.entries) {
    if (e.kind !== 'string' || e.value.length > 40) continue
    if (DISPLAY_KEY.test(e.key) || e.key === 'symbol') {
      const p = parsePrice(e.value)
      if (p.currencyText) return { text: p.currencyText, iso: p.currency }
    }
  }
  return null
}

function nearbyCurrency(frame: Frame): Currency | null {
  const own = frameCurrency(frame)
  if (own) return own
  // The enclosing objects, a few levels up: Bandcamp's TralbumData keeps `currency` beside
  // `current`, whose prices it governs.
  let depth = 0
  for (let f = frame.parent; f && depth < 3; f = f.parent, depth++) {
    for (const e of f.entries) {
      if (e.kind === 'string' && CURRENCY_KEY.test(e.key)) {
        return {
          text: e.value,
          iso: currencyIso(e.value) ?? (/^[A-Z]{3}$/.test(e.value) ? e.value : null),
        }
      }
    }
  }
  return null
}

function scriptUnit(key: string, frame: Frame, physical: boolean): PriceUnit {
  const fromName = (name: string): PriceUnit | null => {
    if (/track|song/i.test(name)) return 'track'
    if (/album|release/i.test(name)) return 'album'
    if (/(?:^|_|per)mb|megabyte/i.test(name)) return 'megabyte'
    if (/month/i.test(name)) return 'month'
    return null
  }
  const own = fromName(key)
  if (own) return own
  // A physical package takes no unit from the release page it sits in.
  for (let f: Frame | null = frame; f && (f === frame || !physical); f = f.parent) {
    for (const e of f.entries) {
      if (e.kind === 'string' && /^(?:type|item_type|itemtype|kind)$/i.test(e.key)) {
        if (/^(?:t|track|song)$/i.test(e.value)) return 'track'
        if (/^(?:a|album|release|ep|lp)$/i.test(e.value)) return 'album'
      }
    }
    if (f.key) {
      const named = fromName(f.key)
      if (named) return named
    }
  }
  return 'unknown'
}

function scriptPhysical(frame: Frame): boolean {
  if (frame.entries.some((e) => /^shipping/i.test(e.key))) return true
  return pathKeys(frame).some((k) => /package|merch|vinyl|physical/i.test(k))
}

function isPriceKey(key: string): boolean {
  return PRICE_KEY.test(key) && !keyWords(key).some((w) => NOT_PRICE_WORDS.has(w))
}

/** The amount an entry holds (a number, '0.15', '€ 3,50') and any currency its string names. */
function entryAmount(e: Entry): { amount: string; currency: Currency | null } | null {
  let amount: string | null = null
  let currency: Currency | null = null
  if (e.kind === 'number') amount = e.value.startsWith('-') ? null : e.value
  else if (e.kind === 'string' && e.value.length <= 40) {
    const p = parsePrice(e.value)
    amount = p.amount
    if (p.currencyText) currency = { text: p.currencyText, iso: p.currency }
  }
  if (amount === null || !/^\d*\.?\d+$/.test(amount) || Number(amount) === 0) return null
  return { amount: amount.startsWith('.') ? `0${amount}` : amount, currency }
}

function frameMentions(script: string, frame: Frame, out: PriceMention[]): void {
  if (frame.skip) return
  const parentIsPrice = frame.key !== null && isPriceKey(frame.key)
  // A bare "value" is a price inside a price object ("price": {"value": 1.29}) or in a lone
  // {"currency", "value"} object; not in Beatport's format surcharges ("aiff": {"value": 0.5}).
  const valueIsPrice = () =>
    parentIsPrice || (frameCurrency(frame) !== null && pathKeys(frame).length === 0)
  const candidates = frame.entries.filter(
    (e) => isPriceKey(e.key) || (/^value$/i.test(e.key) && valueIsPrice()),
  )
  if (candidates.length === 0) return
  const currency = nearbyCurrency(frame)
  const physical = scriptPhysical(frame)
  // Bandcamp marks fixed prices with is_set_price; then its minimum_price is no lower bound.
  const fixed = frame.entries.some(
    (e) => /^is_?set_?price$/i.test(e.key) && (e.value === 'true' || e.value === '1'),
  )
  const seen = new Map<string, PriceMention>()
  for (const e of candidates) {
    const found = entryAmount(e)
    if (!found) continue
    const minimum = /min/i.test(e.key) && !fixed
    // 'set_price', 'minimum_price' and 'price' of one object are one price.
    const prior = seen.get(found.amount)
    if (prior) {
      prior.minimum ||= minimum
      continue
    }
    const cur = found.currency ?? currency
    const key = isPriceKey(e.key) || !frame.key ? e.key : frame.key
    const mention: PriceMention = {
      amount: found.amount,
      currency: cur?.iso ?? null,
      currencyText: cur?.text ?? null,
      unit: scriptUnit(key, frame, physical),
      source: 'script',
      context: excerpt(script, e.keyStart, e.end),
      physical,
      minimum,
    }
    seen.set(found.amount, mention)
    if (out.length < MAX_MENTIONS) out.push(mention)
  }
}

function readString(s: string, i: number): { value: string; end: number } {
  const quote = s[i]
  let j = i + 1
  let value = ''
  while (j < s.length && s[j] !== quote) {
    if (s[j] === '\\' && j + 1 < s.length) {
      const c = s[j + 1]!
      if (c === 'u' && /^[0-9a-fA-F]{4}$/.test(s.slice(j + 2, j + 6))) {
        value += String.fromCharCode(parseInt(s.slice(j + 2, j + 6), 16))
        j += 6
        continue
      }
      value += c === 'n' ? '\n' : c === 't' ? '\t' : c
      j += 2
      continue
    }
    // A string longer than any key or price is skipped without copying it.
    if (value.length < 200) value += s[j]
    j++
  }
  return { value, end: j + 1 }
}

function nextNonSpace(s: string, i: number): number {
  while (i < s.length && /\s/.test(s[i]!)) i++
  return i
}

/**
 * Prices assigned in a script or JSON text: `"price": 1.29`, `var track_price = 9.00`,
 * `price: "0.15"`, `"price": {"code": "EUR", "display": "€1.29", "value": 1.29}`. The currency
 * comes from a currency key in the same object (or a few objects up) or from a display string.
 * Currency tables and exchange rates (`{"USD": 1.0, "EUR": 0.89}`, `rates: {...}`) give nothing:
 * only keys that name a price count, and never under a currency or rates key. One pass, no
 * backtracking.
 */
export function findScriptPrices(script: string): PriceMention[] {
  const s = script.length > MAX_SCRIPT ? script.slice(0, MAX_SCRIPT) : script
  const out: PriceMention[] = []
  const top: Frame = { key: null, parent: null, entries: [], skip: false }
  let frame = top
  let pendingKey: string | null = null
  let keyStart = 0
  let i = 0
  const open = (key: string | null) => {
    const skip = frame.skip || (key !== null && (TABLE_KEY.test(key) || isIsoKey(key)))
    frame = { key, parent: frame, entries: [], skip }
  }
  // Objects are judged once the whole script is read: a currency key may come after the prices.
  const closed: Frame[] = []
  const close = () => {
    if (frame.entries.length > 0) closed.push(frame)
    if (frame.parent) frame = frame.parent
  }
  const record = (kind: Entry['kind'], value: string, end: number) => {
    if (pendingKey !== null) frame.entries.push({ key: pendingKey, keyStart, end, kind, value })
    pendingKey = null
  }
  while (i < s.length) {
    const c = s[i]!
    if (c === '/' && s[i + 1] === '/') {
      const nl = s.indexOf('\n', i)
      i = nl < 0 ? s.length : nl + 1
      continue
    }
    if (c === '/' && s[i + 1] === '*') {
      const endComment = s.indexOf('*/', i + 2)
      i = endComment < 0 ? s.length : endComment + 2
      continue
    }
    if (c === '"' || c === "'" || c === '`') {
      const str = readString(s, i)
      const after = nextNonSpace(s, str.end)
      if (s[after] === ':') {
        pendingKey = str.value
        keyStart = i
        i = after + 1
      } else {
        record('string', str.value, str.end)
        i = str.end
      }
      continue
    }
    if (/[A-Za-z_$]/.test(c)) {
      let j = i + 1
      while (j < s.length && /[\w$.]/.test(s[j]!)) j++
      const word = s.slice(i, j)
      const after = nextNonSpace(s, j)
      const next = s[after]
      if (next === ':' || (next === '=' && s[after + 1] !== '=' && s[after + 1] !== '>')) {
        pendingKey = word.slice(word.lastIndexOf('.') + 1)
        keyStart = i
        i = after + 1
      } else {
        if (word === 'true' || word === 'false' || word === 'null' || word === 'undefined') {
          record('other', word, j)
        } else if (word !== 'var' && word !== 'let' && word !== 'const') pendingKey = null
        i = j
      }
      continue
    }
    const startsNumber = /\d/.test(c) || ((c === '-' || c === '.') && /[\d.]/.test(s[i + 1] ?? ''))
    if (startsNumber) {
      const m = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(s.slice(i, i + 40))
      if (m) {
        const num = /e/i.test(m[0]) ? String(Number(m[0])) : m[0]
        record('number', num, i + m[0].length)
        i += m[0].length
        continue
      }
    }
    if (c === '{' || c === '[') {
      const key = pendingKey
      pendingKey = null
      open(key)
    } else if (c === '}' || c === ']') {
      close()
      pendingKey = null
    } else if (!/\s/.test(c) && c !== '(') pendingKey = null
    i++
  }
  while (frame !== top) close()
  closed.push(top)
  for (const f of closed) frameMentions(s, f, out)
  return out
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
