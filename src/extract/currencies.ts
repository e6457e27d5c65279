/**
 * Currencies as people write them: symbols, abbreviations, words and ISO 4217 codes, with the
 * ISO code each stands for (null where one form serves several currencies, like 'kr' or '¥').
 * Used by the price parser (which must report the currency exactly as written) and by the
 * scanner of price mentions in page text (which needs forms that are safe next to a number).
 */
import { LETTER, MARK, classOf } from './char-class.ts'

/** One written form of a currency. */
export interface CurrencyForm {
  /** The form as written, e.g. '$', 'руб.', 'Kč'. */
  text: string
  /** ISO 4217 code, or null when the form is ambiguous. */
  iso: string | null
  /**
   * Weak forms (single letters, words that are also common words) are taken only when a text has
   * no strong form at all, and never when scanning free page text.
   */
  weak?: boolean
  /** Safe to treat as a currency when scanning free page text next to a number. */
  mention?: boolean
  /** May be followed by letters: 'руб' also stands at the start of 'рублей', 'рубля'. */
  open?: boolean
  /** Matched whatever the case. */
  anyCase?: boolean
  /** A hundredth of the currency (cents, pence, kopecks): the amount is divided by 100. */
  subunit?: boolean
}

/** Written forms other than plain ISO codes. Strong and safe in page text unless marked. */
const FORMS: CurrencyForm[] = [
  // Dollars and their local prefixes.
  { text: '$', iso: 'USD' },
  { text: 'US$', iso: 'USD' },
  { text: 'U$S', iso: 'USD' },
  { text: 'US $', iso: 'USD' },
  { text: 'AU $', iso: 'AUD' },
  { text: 'CA $', iso: 'CAD' },
  { text: 'NZ $', iso: 'NZD' },
  { text: 'HK $', iso: 'HKD' },
  { text: '$US', iso: 'USD' },
  { text: 'dollars', iso: 'USD', anyCase: true },
  { text: 'dollar', iso: 'USD', anyCase: true },
  { text: 'долл.', iso: 'USD' },
  { text: 'доллар', iso: 'USD', open: true },
  { text: 'C$', iso: 'CAD' },
  { text: 'CA$', iso: 'CAD' },
  { text: 'CAN$', iso: 'CAD' },
  { text: '$CA', iso: 'CAD' },
  { text: 'A$', iso: 'AUD' },
  { text: 'AU$', iso: 'AUD' },
  { text: '$AU', iso: 'AUD' },
  { text: 'NZ$', iso: 'NZD' },
  { text: 'HK$', iso: 'HKD' },
  { text: 'S$', iso: 'SGD' },
  { text: 'SG$', iso: 'SGD' },
  { text: 'NT$', iso: 'TWD' },
  { text: 'MX$', iso: 'MXN' },
  { text: 'R$', iso: 'BRL' },
  { text: 'RD$', iso: 'DOP' },
  { text: 'J$', iso: 'JMD' },
  { text: 'BZ$', iso: 'BZD' },
  { text: 'CUC$', iso: 'CUC' },
  { text: 'MOP$', iso: 'MOP' },
  { text: 'T$', iso: 'TOP' },
  { text: 'TT$', iso: 'TTD' },
  { text: 'Z$', iso: 'ZWL' },
  { text: '$U', iso: 'UYU' },
  { text: 'EC$', iso: 'XCD' },
  { text: 'FJ$', iso: 'FJD' },
  { text: 'GY$', iso: 'GYD' },
  { text: 'G$', iso: 'GYD' },
  { text: 'N$', iso: 'NAD' },
  { text: 'B$', iso: 'BSD' },
  { text: 'Bds$', iso: 'BBD' },
  { text: 'CI$', iso: 'KYD' },
  { text: 'L$', iso: 'LRD' },
  { text: 'WS$', iso: 'WST' },
  { text: 'SI$', iso: 'SBD' },
  // Euro and the European currencies.
  { text: '€', iso: 'EUR' },
  { text: 'euro', iso: 'EUR', anyCase: true },
  { text: 'euros', iso: 'EUR', anyCase: true },
  { text: 'евро', iso: 'EUR', anyCase: true },
  { text: '£', iso: 'GBP' },
  { text: '￡', iso: 'GBP' },
  { text: '₤', iso: null },
  { text: 'pounds', iso: 'GBP', weak: true },
  { text: 'pound', iso: 'GBP', weak: true },
  { text: 'stg', iso: 'GBP', weak: true },
  { text: 'zł', iso: 'PLN' },
  { text: 'Zł', iso: 'PLN' },
  { text: 'ZŁ', iso: 'PLN' },
  { text: 'zl', iso: 'PLN', weak: true },
  { text: 'Kč', iso: 'CZK' },
  { text: 'kč', iso: 'CZK' },
  { text: 'Ft', iso: 'HUF', mention: false },
  { text: 'lei', iso: 'RON' },
  { text: 'Lei', iso: 'RON' },
  { text: 'LEI', iso: 'RON' },
  { text: 'Lek', iso: 'ALL' },
  { text: 'лв', iso: 'BGN' },
  { text: 'лв.', iso: 'BGN' },
  { text: 'kr', iso: null },
  { text: 'Kr', iso: null },
  { text: 'kn', iso: 'HRK', mention: false },
  { text: 'Fr.', iso: 'CHF' },
  { text: 'SFr.', iso: 'CHF' },
  { text: 'SFr', iso: 'CHF' },
  { text: 'francs', iso: null, weak: true },
  { text: 'franc', iso: null, weak: true },
  { text: 'din', iso: 'RSD', weak: true },
  { text: 'дин', iso: 'RSD', weak: true },
  { text: 'Дин', iso: 'RSD', weak: true },
  { text: 'Dinara', iso: 'RSD' },
  { text: 'ден', iso: 'MKD', weak: true },
  { text: 'ДЕН', iso: 'MKD', weak: true },
  { text: 'KM', iso: 'BAM', mention: false },
  { text: 'км', iso: 'BAM', weak: true },
  { text: 'TL', iso: 'TRY' },
  { text: '₺', iso: 'TRY' },
  { text: '₾', iso: 'GEL' },
  { text: 'lari', iso: 'GEL', weak: true },
  { text: 'ლ', iso: 'GEL', weak: true },
  { text: 'ლარი', iso: 'GEL' },
  { text: '֏', iso: 'AMD' },
  { text: '₼', iso: 'AZN' },
  { text: 'Br', iso: 'BYN', mention: false },
  // Rouble, hryvnia and the other post-Soviet currencies.
  { text: '₽', iso: 'RUB' },
  { text: 'руб', iso: 'RUB', open: true },
  { text: 'руб.', iso: 'RUB' },
  { text: 'Руб', iso: 'RUB', open: true },
  { text: 'Руб.', iso: 'RUB' },
  { text: 'РУБ', iso: 'RUB', open: true },
  { text: 'р.', iso: 'RUB' },
  { text: 'Р', iso: 'RUB' },
  { text: 'р', iso: 'RUB', weak: true },
  { text: 'Rbl', iso: 'RUB', weak: true },
  { text: 'коп.', iso: 'RUB', subunit: true },
  { text: 'коп', iso: 'RUB', subunit: true, open: true },
  { text: 'грн', iso: 'UAH' },
  { text: 'грн.', iso: 'UAH' },
  { text: 'Грн', iso: 'UAH' },
  { text: 'Грн.', iso: 'UAH' },
  { text: 'гривен', iso: 'UAH', open: true },
  { text: 'гривн', iso: 'UAH', open: true },
  { text: 'hrn', iso: 'UAH', weak: true },
  { text: '₴', iso: 'UAH' },
  { text: '₸', iso: 'KZT' },
  { text: 'тг', iso: 'KZT' },
  { text: 'тенге', iso: 'KZT' },
  { text: 'сом', iso: 'KGS', weak: true },
  { text: 'som', iso: 'KGS', weak: true },
  { text: "so'm", iso: 'UZS' },
  { text: 'сум', iso: 'UZS', weak: true },
  { text: '₮', iso: 'MNT' },
  // Asia and Oceania.
  { text: '¥', iso: null },
  { text: '￥', iso: null },
  { text: '円', iso: 'JPY' },
  { text: 'yen', iso: 'JPY', weak: true },
  { text: '元', iso: 'CNY' },
  { text: '人民币', iso: 'CNY' },
  { text: 'yuan', iso: 'CNY', weak: true },
  { text: '₩', iso: 'KRW' },
  { text: '원', iso: 'KRW' },
  { text: '₹', iso: 'INR' },
  { text: 'Rs', iso: 'INR' },
  { text: 'Rs.', iso: 'INR' },
  { text: '₨', iso: null },
  { text: 'रु', iso: 'NPR' },
  { text: 'र', iso: null, mention: false },
  { text: 'ரூ', iso: 'LKR' },
  { text: 'රු', iso: 'LKR' },
  { text: '৳', iso: 'BDT' },
  { text: '฿', iso: 'THB' },
  { text: 'บาท', iso: 'THB' },
  { text: '₫', iso: 'VND' },
  { text: 'đ', iso: 'VND' },
  { text: 'VNĐ', iso: 'VND' },
  { text: 'RM', iso: 'MYR' },
  { text: '₱', iso: 'PHP' },
  { text: 'Rp', iso: 'IDR' },
  { text: '៛', iso: 'KHR' },
  { text: '₭', iso: 'LAK' },
  { text: 'Rf', iso: 'MVR', mention: false },
  { text: 'Nu.', iso: 'BTN' },
  { text: 'VT', iso: 'VUV', mention: false },
  { text: '؋', iso: 'AFN' },
  // Middle East and Africa.
  { text: '₪', iso: 'ILS' },
  { text: 'ש"ח', iso: 'ILS' },
  { text: 'ש״ח', iso: 'ILS' },
  { text: 'nis', iso: 'ILS', weak: true },
  { text: 'د.إ', iso: 'AED' },
  { text: 'درهم', iso: null },
  { text: 'ر.س', iso: 'SAR' },
  { text: 'ر.ق', iso: 'QAR' },
  { text: 'ر.ع', iso: 'OMR' },
  { text: 'د.ك', iso: 'KWD' },
  { text: 'د.م', iso: 'MAD' },
  { text: 'د.ج', iso: 'DZD' },
  { text: 'دج', iso: 'DZD' },
  { text: 'د.ت', iso: 'TND' },
  { text: 'ج.م', iso: 'EGP' },
  { text: 'جنيه', iso: 'EGP' },
  { text: 'دينار', iso: null },
  { text: 'ريال', iso: null },
  { text: 'ریال', iso: 'IRR' },
  { text: 'تومان', iso: null },
  { text: '﷼', iso: null },
  { text: 'KD', iso: 'KWD', mention: false },
  { text: 'BD', iso: 'BHD', mention: false },
  { text: 'DT', iso: 'TND', mention: false },
  { text: 'LD', iso: 'LYD', mention: false },
  { text: 'E£', iso: 'EGP' },
  { text: '₦', iso: 'NGN' },
  { text: 'GH₵', iso: 'GHS' },
  { text: '₵', iso: 'GHS' },
  { text: 'KSh', iso: 'KES' },
  { text: 'KShs', iso: 'KES' },
  { text: 'TSh', iso: 'TZS' },
  { text: 'USh', iso: 'UGX' },
  { text: 'FBu', iso: 'BIF' },
  { text: 'Fdj', iso: 'DJF' },
  { text: 'Nfk', iso: 'ERN' },
  { text: 'FCFA', iso: null },
  { text: 'CFA', iso: null },
  { text: 'KMF', iso: 'KMF' },
  { text: 'FG', iso: 'GNF', mention: false },
  { text: 'FRw', iso: 'RWF' },
  { text: 'MK', iso: 'MWK', mention: false },
  { text: 'ZK', iso: 'ZMW', mention: false },
  { text: 'UM', iso: 'MRU', mention: false },
  { text: 'Db', iso: 'STN', mention: false },
  { text: 'R', iso: 'ZAR', weak: true },
  // The Americas.
  { text: 'B/.', iso: 'PAB' },
  { text: 'S/.', iso: 'PEN' },
  { text: 'S/', iso: 'PEN' },
  { text: '₡', iso: 'CRC' },
  { text: 'Bs', iso: null, mention: false },
  { text: 'Bs.', iso: null, mention: false },
  { text: 'ƒ', iso: null },
  { text: '₣', iso: null },
  { text: '₶', iso: null },
  // Cryptocurrency (no ISO code).
  { text: '₿', iso: null },
  { text: 'Ƀ', iso: null },
  { text: 'BTC', iso: null },
  // Hundredths, only in page text: "99 cents", "99¢", "79p".
  { text: '¢', iso: 'USD', subunit: true },
  { text: 'cents', iso: 'USD', subunit: true, anyCase: true },
  { text: 'cent', iso: 'USD', subunit: true, anyCase: true },
  { text: 'центов', iso: 'USD', subunit: true },
]

/**
 * Active ISO 4217 codes plus a few pre-euro codes still seen on old pages. Matched only as a
 * whole word of three capitals (or, for {@link LOWERCASE_CODES}, three lower-case letters).
 */
const ISO_CODES = (
  'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP ' +
  'BYN BYR BZD CAD CDF CHF CLP CNY COP CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD ' +
  'FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HRK HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY ' +
  'KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRO ' +
  'MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON ' +
  'RSD RUB RUR RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT ' +
  'TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VES VEF VND VUV WST XAF XCD XOF XPF YER ZAR ZMW ' +
  'ZWL DEM FRF ITL ESP PTE NLG BEF ATS FIM IEP GRD LUF'
).split(' ')

/** Codes that are also capitalised words or acronyms: "ALL TRACKS", "TOP 100", "PHP 8". */
const WEAK_CODES = new Set(
  'ALL TOP CUP PEN MAD SOS BOB MOP GEL TRY BAM PHP AMD LAK ANG HTG CVE ESP GIP SHP MGA'.split(' '),
)

/** Lower-case spellings of codes common enough to be written that way ("100 usd", "140,00 pln"). */
const LOWERCASE_CODES = new Set(
  'usd eur gbp rub rur uah pln czk chf sek nok dkk huf ron byn kzt aud nzd sgd hkd brl inr'.split(
    ' ',
  ),
)

/** Lower-case codes safe enough to count next to a number in page text ("100 usd"). */
const LOWERCASE_MENTION = new Set('usd eur gbp rub uah pln'.split(' '))

/** ISO codes of the dollar family: with a '$' in the text, such a code names the dollar meant. */
export const DOLLAR_CODES = new Set(
  (
    'USD AUD CAD NZD SGD HKD TWD MXN BRL ARS CLP COP UYU JMD TTD BZD BSD BBD BMD KYD FJD SBD LRD ' +
    'NAD GYD SRD XCD ZWL CUP CUC DOP NIO BND TOP WST'
  ).split(' '),
)

const ISO_SET = new Set(ISO_CODES)

/** Every written form (ISO codes included), for listing and for tests. */
export const CURRENCY_FORMS: readonly CurrencyForm[] = [
  ...FORMS,
  ...ISO_CODES.map((code) => ({ text: code, iso: code, weak: WEAK_CODES.has(code) })),
]

const BY_TEXT = new Map<string, CurrencyForm>()
const BY_LOWER = new Map<string, CurrencyForm>()
for (const form of FORMS) {
  BY_TEXT.set(form.text, form)
  if (!BY_LOWER.has(form.text.toLowerCase())) BY_LOWER.set(form.text.toLowerCase(), form)
}

/** True when `code` is a known ISO 4217 code (upper case). */
export function isIsoCode(code: string): boolean {
  return ISO_SET.has(code)
}

/**
 * The ISO code a written form stands for: '$' → 'USD', 'руб.' → 'RUB', 'eur' → 'EUR';
 * null for ambiguous forms ('kr', '¥') and for text that is not a currency.
 */
export function currencyIso(written: string | null | undefined): string | null {
  if (!written) return null
  const text = written.trim()
  const exact = BY_TEXT.get(text)
  if (exact) return exact.iso
  const upper = text.toUpperCase()
  if (/^[A-Za-z]{3}$/.test(text) && ISO_SET.has(upper)) return upper
  return BY_LOWER.get(text.toLowerCase())?.iso ?? null
}

/** One currency form found in a text. */
export interface CurrencyHit {
  start: number
  end: number
  /** As written in the text. */
  text: string
  iso: string | null
  weak: boolean
  mention: boolean
  subunit: boolean
  /** The form is a three-letter ISO code. */
  code: boolean
}

// Scripts written without spaces between words: a currency sign there may touch letters.
const UNSPACED = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/u

/** A letter or combining mark ([\p{L}\p{M}]), read from the class table. */
function isLetterCode(code: number): boolean {
  if (code < 128) return isAsciiLetter(code)
  return (classOf(code) & (LETTER | MARK)) !== 0
}

/** A letter or combining mark; `ch` is one UTF-16 code unit, as `text[i]` gives. */
export function isLetter(ch: string | undefined): boolean {
  return ch !== undefined && isLetterCode(ch.charCodeAt(0))
}

function isUpperAscii(c: number): boolean {
  return c >= 65 && c <= 90
}

function isLowerAscii(c: number): boolean {
  return c >= 97 && c <= 122
}

/** A form with what its matching needs worked out once. */
interface IndexedForm {
  form: CurrencyForm
  lower: string
  /** Must not touch a letter before it. */
  boundBefore: boolean
  /** Must not touch a letter after it. */
  boundAfter: boolean
  /**
   * The code of the second character (-1 for a one-character form) and, for a form matched in
   * any case, of its other case: most words are told apart there without reading further.
   */
  second: number
  secondOther: number
}

// Forms indexed by the code of their first character in both cases, longest first, so that a
// scan tries only the handful of forms that can start at each position. IN_WORD keeps those
// that may also start right after a letter (signs, unspaced scripts): inside a word nothing else
// can match, which lets the scan skip the letters of ordinary words at the cost of a table read.
const BY_FIRST = new Map<number, IndexedForm[]>()
const IN_WORD = new Map<number, IndexedForm[]>()
/** Per UTF-16 code unit: 1 = some form starts with it, 2 = some form may start inside a word. */
const STARTS = new Uint8Array(0x10000)
for (const form of FORMS) {
  const t = form.text
  const unspaced = UNSPACED.test(t)
  const lower = t.toLowerCase()
  const second = t.length < 2 ? -1 : form.anyCase ? lower.charCodeAt(1) : t.charCodeAt(1)
  const upperSecond = t.length < 2 ? '' : lower[1]!.toUpperCase()
  const indexed: IndexedForm = {
    form,
    lower,
    boundBefore: !unspaced && isLetter(t[0]),
    boundAfter: !unspaced && !form.open && isLetter(t[t.length - 1]),
    second,
    secondOther: form.anyCase && upperSecond.length === 1 ? upperSecond.charCodeAt(0) : second,
  }
  const firsts = new Set([t[0]!, t[0]!.toLowerCase(), t[0]!.toUpperCase()])
  for (const first of firsts) {
    if (first !== t[0] && !form.anyCase) continue
    // A case variant longer than one code unit can never equal one character of a text.
    if (first.length !== 1) continue
    const code = first.charCodeAt(0)
    BY_FIRST.set(code, [...(BY_FIRST.get(code) ?? []), indexed])
    STARTS[code]! |= 1
    if (!indexed.boundBefore) {
      IN_WORD.set(code, [...(IN_WORD.get(code) ?? []), indexed])
      STARTS[code]! |= 2
    }
  }
}
// Stable sorts: among forms of one length the table order decides, in both indexes alike.
for (const list of BY_FIRST.values()) list.sort((a, b) => b.form.text.length - a.form.text.length)
for (const list of IN_WORD.values()) list.sort((a, b) => b.form.text.length - a.form.text.length)

/**
 * For an ASCII first and second character (first * 128 + second): 1 when some form starting
 * after a non-letter may begin with them. Most words start with a pair no form has and are
 * passed over without the map lookup.
 */
const ASCII_PAIRS = new Uint8Array(128 * 128)
for (const [first, forms] of BY_FIRST) {
  if (first >= 128) continue
  for (let second = 0; second < 128; second++) {
    if (forms.some((f) => f.second < 0 || f.second === second || f.secondOther === second)) {
      ASCII_PAIRS[first * 128 + second] = 1
    }
  }
}

/**
 * Whether text[i, i + lower.length) lower-cases to `lower`. ASCII is compared in place; a text
 * with other characters there is lower-cased whole, as case rules beyond ASCII need.
 */
function lowerEqualsAt(text: string, i: number, lower: string): boolean {
  for (let k = 0; k < lower.length; k++) {
    const c = text.charCodeAt(i + k)
    if (c >= 128 || c !== c) return text.slice(i, i + lower.length).toLowerCase() === lower
    if ((c >= 65 && c <= 90 ? c + 32 : c) !== lower.charCodeAt(k)) return false
  }
  return true
}

function formMatchesAt(text: string, i: number, f: IndexedForm): boolean {
  const t = f.form.text
  if (f.form.anyCase) {
    const same =
      f.lower.length === t.length
        ? lowerEqualsAt(text, i, f.lower)
        : text.slice(i, i + t.length).toLowerCase() === f.lower
    if (!same) return false
  } else if (!text.startsWith(t, i)) return false
  if (f.boundBefore && isLetterCode(text.charCodeAt(i - 1))) return false
  if (f.boundAfter && isLetterCode(text.charCodeAt(i + t.length))) return false
  return true
}

function formAt(text: string, i: number, afterLetter: boolean): CurrencyForm | undefined {
  const c = text.charCodeAt(i)
  const d = text.charCodeAt(i + 1)
  if (!afterLetter && c < 128 && d < 128 && ASCII_PAIRS[c * 128 + d] === 0) return undefined
  const forms = (afterLetter ? IN_WORD : BY_FIRST).get(c)
  if (!forms) return undefined
  for (const f of forms) {
    // A second character that differs rules the form out; beyond ASCII, a form matched in any
    // case is left to the full comparison.
    if (f.second >= 0 && d !== f.second && d !== f.secondOther && (d < 128 || !f.form.anyCase)) {
      continue
    }
    if (formMatchesAt(text, i, f)) return f.form
  }
  return undefined
}

function isAsciiLetter(c: number): boolean {
  return isUpperAscii(c) || isLowerAscii(c)
}

/** Three ASCII letters as a number below 26³, whatever their case. */
function codeKey(c0: number, c1: number, c2: number): number {
  return ((c0 | 32) - 97) * 676 + ((c1 | 32) - 97) * 26 + ((c2 | 32) - 97)
}

/** Per three-letter key: 1 = an ISO code in capitals, 2 = a code also written in lower case. */
const CODE_KEYS = new Uint8Array(26 * 26 * 26)
for (const [codes, flag] of [
  [ISO_CODES, 1],
  [LOWERCASE_CODES, 2],
] as const) {
  for (const code of codes) {
    CODE_KEYS[codeKey(code.charCodeAt(0), code.charCodeAt(1), code.charCodeAt(2))]! |= flag
  }
}

/**
 * A three-letter ISO code standing as a word of its own (digits may touch it: 'EUR29.66').
 * The caller has checked that no letter comes before `i`.
 */
function codeAt(
  text: string,
  i: number,
): { text: string; iso: string; weak: boolean; mention: boolean } | undefined {
  // Codes are three capitals, or three small letters for the few written that way: any other
  // word is answered from the key table without a slice.
  const c0 = text.charCodeAt(i)
  const c1 = text.charCodeAt(i + 1)
  const c2 = text.charCodeAt(i + 2)
  const upper = isUpperAscii(c0) && isUpperAscii(c1) && isUpperAscii(c2)
  if (!upper && !(isLowerAscii(c0) && isLowerAscii(c1) && isLowerAscii(c2))) return undefined
  if (isLetterCode(text.charCodeAt(i + 3))) return undefined
  if ((CODE_KEYS[codeKey(c0, c1, c2)]! & (upper ? 1 : 2)) === 0) return undefined
  const word = text.slice(i, i + 3)
  if (ISO_SET.has(word)) {
    const weak = WEAK_CODES.has(word)
    return { text: word, iso: word, weak, mention: !weak }
  }
  if (LOWERCASE_CODES.has(word)) {
    return { text: word, iso: word.toUpperCase(), weak: true, mention: LOWERCASE_MENTION.has(word) }
  }
  return undefined
}

/**
 * Every currency form in `text`, left to right, without overlaps (the longest form wins at each
 * position). Linear in the length of the text: each position costs a table read, and only
 * positions where a form or a code can start try the forms that start with their character.
 */
export function findCurrencies(text: string): CurrencyHit[] {
  const hits: CurrencyHit[] = []
  const n = text.length
  let i = 0
  // Whether text[i - 1] is a letter, carried along so that each character is classed once.
  let afterLetter = false
  while (i < n) {
    const c = text.charCodeAt(i)
    // Nothing can start here: no form begins with this character (inside a word, no form may),
    // and a code needs a letter that starts a word.
    if (afterLetter ? (STARTS[c]! & 2) === 0 : (STARTS[c]! & 1) === 0 && !isAsciiLetter(c)) {
      afterLetter = isLetterCode(c)
      i++
      continue
    }
    const form = formAt(text, i, afterLetter)
    const code = afterLetter ? undefined : codeAt(text, i)
    // The longer reading wins: 'CUC$' over the code 'CUC', 'SGD' over nothing.
    if (form && (!code || form.text.length >= code.text.length)) {
      const end = i + form.text.length
      hits.push({
        start: i,
        end,
        text: text.slice(i, end),
        iso: form.iso,
        weak: form.weak === true,
        mention: form.mention !== false && form.weak !== true,
        subunit: form.subunit === true,
        code: false,
      })
      i = end
    } else if (code) {
      hits.push({ start: i, end: i + 3, subunit: false, code: true, ...code })
      i += 3
    } else {
      i++
      // The rest of an ordinary word: letters where no form may start.
      while (i < n) {
        const d = text.charCodeAt(i)
        if (!isAsciiLetter(d) || (STARTS[d]! & 2) !== 0) break
        i++
      }
    }
    afterLetter = isLetterCode(text.charCodeAt(i - 1))
  }
  return hits
}
