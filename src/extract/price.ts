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

/** The spaces that group thousands: ' ', no-break, narrow no-break, thin, figure. */
function isGroupSpace(c: number): boolean {
  return c === 32 || c === 0xa0 || c === 0x202f || c === 0x2009 || c === 0x2007
}

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9'
}

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57
}

/** '.', ',' or the known decimal separator (`sepCode`, -1 when none). */
function isMark(c: number, sepCode: number): boolean {
  return c === 46 || c === 44 || c === sepCode
}

/** Exactly `count` digits at `i`. */
function digitsAt(text: string, i: number, count: number): boolean {
  for (let k = 0; k < count; k++) if (!isDigitCode(text.charCodeAt(i + k))) return false
  return !isDigitCode(text.charCodeAt(i + count))
}

/**
 * Reads the number starting at `start` (a digit, or separators followed by a digit). Returns the
 * raw text kept for normalising, where it ends, and the decimal separator when the notation
 * itself fixes it ('35€99', '36. 24'). `sepCode` is the code of `sep` (-1 when none).
 */
function scanNumberAt(
  text: string,
  start: number,
  sep: string | null,
  sepCode: number,
  loose: boolean,
): { end: number; raw: string; decimal: string | null } {
  let j = start
  let decimal: string | null = null
  // Leading separators: '.99', '$..75'.
  while (isMark(text.charCodeAt(j), sepCode)) j++
  let raw = text.slice(start, j)
  let marked = raw.length > 0
  let firstGroup = -1
  let spaced = false
  for (;;) {
    const from = j
    while (isDigitCode(text.charCodeAt(j))) j++
    raw += text.slice(from, j)
    if (firstGroup < 0) firstGroup = j - from
    if (j >= text.length) break
    const c = text.charCodeAt(j)
    if (isMark(c, sepCode)) {
      if (isDigitCode(text.charCodeAt(j + 1))) {
        raw += text[j]
        marked = true
        j++
        continue
      }
      // '36. 24', '1.837, 32': a stray space after the decimal separator of a price label.
      if (loose && isGroupSpace(text.charCodeAt(j + 1)) && digitsAt(text, j + 2, 2)) {
        decimal = text[j]!
        raw += decimal + text.slice(j + 2, j + 4)
        j += 4
      }
      break
    }
    if ((c === 39 || c === 0x2019) && digitsAt(text, j + 1, 3)) {
      raw += "'"
      j++
      continue
    }
    // '1 299', '120 000 000': spaces group thousands when every group after the first has 3 digits.
    if (isGroupSpace(c) && digitsAt(text, j + 1, 3) && (spaced || firstGroup <= 3) && !marked) {
      spaced = true
      raw += ' '
      j++
      continue
    }
    // '35€99', '35€ 99': French labels put the euro sign where the decimal separator goes.
    if (loose && sep === null && c === 0x20ac) {
      if (digitsAt(text, j + 1, 2)) {
        raw += '€' + text.slice(j + 1, j + 3)
        decimal = '€'
        j += 3
      } else if (isGroupSpace(text.charCodeAt(j + 1)) && digitsAt(text, j + 2, 2)) {
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
  if (sep === null) {
    const simple = normaliseSimple(raw)
    if (simple !== undefined) return simple
  }
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

/** '007' → '7', '0' → '0'. */
function stripZeros(digits: string): string {
  let z = 0
  while (z < digits.length - 1 && digits.charCodeAt(z) === 48) z++
  return z === 0 ? digits : digits.slice(z)
}

/**
 * The common notations without regexes (a page has hundreds of numbers): plain digits ('2007')
 * and digits with one '.' or ',' inside ('0.99', '1,299', '130,2'), read as {@link normalise}
 * reads them without a known separator. Undefined for anything else, which takes the full path.
 */
function normaliseSimple(raw: string): string | undefined {
  let mark = -1
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i)
    if (c >= 48 && c <= 57) continue
    if ((c === 46 || c === 44) && mark < 0 && i > 0 && i < raw.length - 1) mark = i
    else return undefined
  }
  if (raw.length === 0) return undefined
  if (mark < 0) return stripZeros(raw)
  const a = raw.slice(0, mark)
  const b = raw.slice(mark + 1)
  // One mark before exactly three digits groups thousands ('1,299'), unless the integer is 0.
  if (b.length === 3 && a !== '0') return stripZeros(a + b)
  return `${stripZeros(a)}.${b}`
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
  // Character codes, not one-character strings: this loop reads every character of a page.
  const sepCode = sep !== null && sep.length === 1 ? sep.charCodeAt(0) : -1
  let i = 0
  while (i < n) {
    const c = text.charCodeAt(i)
    let start = -1
    if (c >= 48 && c <= 57) start = i
    else if (isMark(c, sepCode) && !isDigitCode(text.charCodeAt(i - 1))) {
      // '.99' and, on labels, '$..75': separators leading straight into digits.
      let k = i
      while (k < n && isMark(text.charCodeAt(k), sepCode)) k++
      if (
        isDigitCode(text.charCodeAt(k)) &&
        (loose || (k - i === 1 && c === 46)) &&
        text.charCodeAt(i - 1) !== 46
      )
        start = i
    }
    if (start < 0) {
      i++
      continue
    }
    const { end, raw, decimal } = scanNumberAt(text, start, sep, sepCode, loose)
    const amount = normalise(raw, sep ?? decimal)
    if (amount !== null) {
      // DATE matches 5 to 10 characters only.
      const date =
        sep === null && decimal === null && raw.length >= 5 && raw.length <= 10 && DATE.test(raw)
      out.push({ start, end, amount, date })
    }
    i = Math.max(end, i + 1)
  }
  return out
}

function followedByPercent(text: string, end: number): boolean {
  let k = end
  while (isGroupSpace(text.charCodeAt(k))) k++
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
