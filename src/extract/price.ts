/**
 * Price parsing: one piece of text ("1 299,00 руб.", "$.99", "CHF 1'049.95") in, an amount and
 * the currency as written out. Same contract as scrapinghub/price-parser's
 * `Price.fromstring(text, currency_hint, decimal_separator)`, written from its test cases.
 */
import { DOLLAR_CODES, currencyIso, findCurrencies, isIsoCode, isLetter } from './currencies.ts'
import type { CurrencyHit } from './currencies.ts'
import type { ParsedPrice } from './types.ts'

/** One number found in a text, with its amount normalised. */
export interface NumberToken {
  start: number
  end: number
  /** Digits with an optional '.' and decimal digits; no grouping. */
  amount: string
  /** Written like a date (15.08.2017): not an amount. */
  date: boolean
}

/** How to read numbers. */
export interface NumberScanOptions {
  /** The decimal separator when it is known ('.', ',' or anything else, e.g. '€'). */
  decimalSeparator?: string | null
  /**
   * Accept the sloppy notations of price labels: a space after the decimal separator
   * ('36. 24', '118, 99'), a euro sign as the separator ('35€99'), leading dots ('$..75').
   * Off for free page text, where "5, 10 tracks" must not become 5.10.
   */
  loose?: boolean
}

const SPACES = new Set([' ', '\u00a0', '\u202f', '\u2009', '\u2007'])

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9'
}

function digitsAt(text: string, i: number, count: number): boolean {
  for (let k = 0; k < count; k++) if (!isDigit(text[i + k])) return false
  return !isDigit(text[i + count])
}

/**
 * Reads the number starting at `start` (a digit, or separators followed by a digit). Returns the
 * raw text kept for normalising, where it ends, and the decimal separator when the notation
 * itself fixes it ('35€99', '36. 24').
 */
function scanNumberAt(
  text: string,
  start: number,
  sep: string | null,
  loose: boolean,
): { end: number; raw: string; decimal: string | null } {
  let j = start
  let raw = ''
  let decimal: string | null = null
  // Leading separators: '.99', '$..75'.
  while (text[j] === '.' || text[j] === ',' || (sep !== null && text[j] === sep)) raw += text[j++]
  let marked = raw.length > 0
  let firstGroup = -1
  let spaced = false
  for (;;) {
    const from = j
    while (isDigit(text[j])) j++
    raw += text.slice(from, j)
    if (firstGroup < 0) firstGroup = j - from
    const c = text[j]
    if (c === undefined) break
    const isSep = c === '.' || c === ',' || (sep !== null && c === sep)
    if (isSep) {
      if (isDigit(text[j + 1])) {
        raw += c
        marked = true
        j++
        continue
      }
      // '36. 24', '1.837, 32': a stray space after the decimal separator of a price label.
      if (loose && SPACES.has(text[j + 1] ?? '') && digitsAt(text, j + 2, 2)) {
        raw += c + text.slice(j + 2, j + 4)
        decimal = c
        j += 4
      }
      break
    }
    if ((c === "'" || c === '’') && digitsAt(text, j + 1, 3)) {
      raw += "'"
      j++
      continue
    }
    // '1 299', '120 000 000': spaces group thousands when every group after the first has 3 digits.
    if (SPACES.has(c) && digitsAt(text, j + 1, 3) && (spaced || firstGroup <= 3) && !marked) {
      spaced = true
      raw += ' '
      j++
      continue
    }
    // '35€99', '35€ 99': French labels put the euro sign where the decimal separator goes.
    if (loose && sep === null && c === '€') {
      if (digitsAt(text, j + 1, 2)) {
        raw += '€' + text.slice(j + 1, j + 3)
        decimal = '€'
        j += 3
      } else if (SPACES.has(text[j + 1] ?? '') && digitsAt(text, j + 2, 2)) {
        raw += '€' + text.slice(j + 2, j + 4)
        decimal = '€'
        j += 4
      }
    }
    break
  }
  return { end: j, raw, decimal }
}

const DATE = /^\d{1,2}[.,]\d{1,2}[.,](?:\d{2}|\d{4})$/

/**
 * Normalises a written number to digits and an optional '.' decimal part: '1.299,00' → '1299.00',
 * '1,299' → '1299', '0,4' → '0.4', '.75' → '0.75'. With a known decimal separator, that one is
 * the decimal mark (its last occurrence) and every other mark is grouping.
 */
function normalise(raw: string, sep: string | null): string | null {
  let intPart: string
  let frac = ''
  if (sep !== null) {
    let kept = ''
    for (const ch of raw) if (isDigit(ch) || ch === sep) kept += ch
    const at = kept.lastIndexOf(sep)
    if (at < 0) intPart = kept
    else {
      intPart = kept.slice(0, at).split(sep).join('')
      frac = kept.slice(at + 1)
    }
  } else {
    const grouped = /['\s\u00a0\u202f\u2009\u2007]/.test(raw)
    let s = raw.replace(/['\s\u00a0\u202f\u2009\u2007]/g, '')
    const lead = /^[.,]+/.exec(s)?.[0] ?? ''
    s = s.slice(lead.length)
    if (lead && !/[.,]/.test(s)) {
      intPart = '0'
      frac = s
    } else {
      const dot = s.lastIndexOf('.')
      const comma = s.lastIndexOf(',')
      if (dot >= 0 && comma >= 0) {
        const at = Math.max(dot, comma)
        intPart = s.slice(0, at).replace(/[.,]/g, '')
        frac = s.slice(at + 1)
      } else if (dot >= 0 || comma >= 0) {
        const mark = dot >= 0 ? '.' : ','
        const parts = s.split(mark)
        if (parts.length > 2) intPart = parts.join('')
        else {
          const [a = '', b = ''] = parts
          // One mark before exactly three digits groups thousands ('1,299', '140.000'), unless the
          // integer part is zero or spaces already group the number ('1 139,000' is rare).
          if (b.length === 3 && a !== '' && a !== '0' && !grouped) intPart = a + b
          else {
            intPart = a
            frac = b
          }
        }
      } else intPart = s
    }
  }
  intPart = intPart.replace(/^0+(?=\d)/, '')
  if (intPart === '') intPart = '0'
  if (!/^\d+$/.test(intPart) || !/^\d*$/.test(frac)) return null
  return frac ? `${intPart}.${frac}` : intPart
}

/**
 * Every number in `text`, left to right. Linear: each character is looked at a bounded number
 * of times.
 */
export function scanNumbers(text: string, options: NumberScanOptions = {}): NumberToken[] {
  const sep = options.decimalSeparator || null
  const loose = options.loose === true
  const out: NumberToken[] = []
  const n = text.length
  let i = 0
  while (i < n) {
    const ch = text[i]!
    let start = -1
    if (isDigit(ch)) start = i
    else if ((ch === '.' || ch === ',' || ch === sep) && !isDigit(text[i - 1])) {
      // '.99' and, on labels, '$..75': separators leading straight into digits.
      let k = i
      while (k < n && (text[k] === '.' || text[k] === ',' || text[k] === sep)) k++
      if (isDigit(text[k]) && (loose || (k - i === 1 && ch === '.')) && text[i - 1] !== '.')
        start = i
    }
    if (start < 0) {
      i++
      continue
    }
    const { end, raw, decimal } = scanNumberAt(text, start, sep, loose)
    const amount = normalise(raw, sep ?? decimal)
    if (amount !== null) {
      const date = sep === null && decimal === null && DATE.test(raw)
      out.push({ start, end, amount, date })
    }
    i = Math.max(end, i + 1)
  }
  return out
}

function followedByPercent(text: string, end: number): boolean {
  let k = end
  while (SPACES.has(text[k] ?? '')) k++
  return text[k] === '%'
}

/** Words that stand for a zero price when a label has no number at all. */
const FREE = /(?:^|[^\p{L}])(?:free|gratis|gratuit|kostenlos|бесплатно)(?![\p{L}])/iu

function pickAmount(text: string, sep: string | null, hits: CurrencyHit[]): string | null {
  const tokens = scanNumbers(text, { decimalSeparator: sep, loose: true }).filter(
    (t) => !t.date && !followedByPercent(text, t.end),
  )
  // A number glued to letters ('MP3', 'X5') is a name, unless those letters are a currency
  // ('RM50', 'EUR29.66', 'र24,401').
  const clean = tokens.find((t) => {
    const before = text[t.start - 1]
    return !isLetter(before) || hits.some((h) => h.end === t.start)
  })
  const chosen = clean ?? tokens[0]
  if (chosen) return chosen.amount
  return FREE.test(text) ? '0' : null
}

function dollarCode(hits: CurrencyHit[]): CurrencyHit | undefined {
  return hits.find((h) => h.code && h.iso !== null && DOLLAR_CODES.has(h.iso))
}

/**
 * Chooses the currency: a dollar code next to a '$' ('SGD$4.90' → SGD), then the first strong
 * form in the text, then in the hint, then weak forms ('R', 'yen') the same way.
 */
function pickCurrency(
  text: string,
  hint: string | null,
): { text: string; iso: string | null } | null {
  const inText = findCurrencies(text).filter((h) => !h.subunit)
  const inHint = hint ? findCurrencies(hint).filter((h) => !h.subunit) : []
  if (text.includes('$')) {
    const code = dollarCode(inText)
    if (code) return code
  }
  if (hint?.includes('$')) {
    const code = dollarCode(inHint)
    if (code) return code
  }
  const strong = inText.find((h) => !h.weak) ?? inHint.find((h) => !h.weak)
  if (strong) return strong
  const weak = inText[0] ?? inHint[0]
  if (weak) return weak
  // A hint that is itself a code in any case ('eur', 'Usd'): the caller knows the currency.
  const bare = hint?.trim() ?? ''
  if (/^[A-Za-z]{3}$/.test(bare) && isIsoCode(bare.toUpperCase())) {
    return { text: bare, iso: bare.toUpperCase() }
  }
  return null
}

/**
 * Parses one price label. `currencyHint` is nearby text (or a currency code from markup) searched
 * for a currency when the text has none; `decimalSeparator` fixes the decimal mark when known.
 *
 * @example
 *   parsePrice('1 299,00 руб.') // { amount: '1299.00', currency: 'RUB', currencyText: 'руб.' }
 */
export function parsePrice(
  text: string | null | undefined,
  currencyHint?: string | null,
  decimalSeparator?: string | null,
): ParsedPrice {
  const src = text ?? ''
  const hits = findCurrencies(src)
  const amount = pickAmount(src, decimalSeparator || null, hits)
  const currency = pickCurrency(src, currencyHint ?? null)
  if (!currency) return { amount, currency: null, currencyText: null }
  return {
    amount,
    currency: currency.iso ?? currencyIso(currency.text),
    currencyText: currency.text,
  }
}

/**
 * The amount of the first number in `raw`, normalised ('1.299,00' → '1299.00'), or null.
 * Currency signs and words around it are ignored.
 */
export function parseAmount(raw: string, decimalSeparator?: string | null): string | null {
  return pickAmount(raw, decimalSeparator || null, findCurrencies(raw))
}
