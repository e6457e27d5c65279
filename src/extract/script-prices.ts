/**
 * Prices assigned in inline scripts and embedded JSON: `"price": 1.29`, `var track_price = 9.00`.
 * One pass over the script text, then each object is judged with its keys, currency and unit.
 */
import { currencyIso } from './currencies.ts'
import { MAX_MENTIONS, excerpt } from './price-context.ts'
import { parsePrice } from './price.ts'
import type { PriceMention, PriceUnit } from './types.ts'

/** Longest script scanned (inline JSON of a big catalogue page is ~0.5 MB). */
const MAX_SCRIPT = 1_000_000

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
