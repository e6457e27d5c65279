/**
 * The extractor's contract: one fetched page in, one Extraction out. Pure data, no KV, fetch or
 * clock, so the Worker, the CLI and the tests share it.
 */

/** One fetched page as the extractor sees it. */
export interface PageInput {
  /** The address asked for. */
  url: string
  /** The address after redirects; defaults to url. */
  finalUrl?: string
  /** Response headers, lower-case names. Only content-type matters to the extractor. */
  headers?: Record<string, string>
  /** The raw body bytes (possibly truncated by the fetcher). */
  body: Uint8Array
}

export type PriceSource = 'json-ld' | 'microdata' | 'meta' | 'script' | 'text'
export type PriceUnit = 'track' | 'album' | 'megabyte' | 'gigabyte' | 'month' | 'unknown'

/** What the price parser returns for one piece of text (the price-parser contract). */
export interface ParsedPrice {
  /** Decimal string with '.' as separator and no grouping, or null when there is no amount. */
  amount: string | null
  /** ISO 4217 code where known, else null. */
  currency: string | null
  /** The currency exactly as written (or the hint's text when the text had none), else null. */
  currencyText: string | null
}

/** One price found on a page. */
export interface PriceMention {
  amount: string
  currency: string | null
  currencyText: string | null
  unit: PriceUnit
  source: PriceSource
  /** A short excerpt (at most ~120 chars) around the price, whitespace folded. */
  context: string
  /** Sold as a physical good (vinyl, CD, merch, shipping) rather than a download. */
  physical: boolean
  /** A lower bound: "from", "от", "à partir de", "or more", name-your-price minimum. */
  minimum: boolean
}

/** A piece of text that made a fact true, and where on the page it was. */
export interface Evidence {
  text: string
  /** e.g. 'text', 'title', 'meta:description', 'json-ld', 'script', 'select#bitrate', 'a[href]'. */
  where: string
}

/**
 * Every fact kind the extractor can report. Scoring rules in the profile refer to these ids;
 * adding one here is how a new kind of evidence enters the system.
 */
export const FACT_KINDS = [
  'drm-free', // "DRM-free", "no DRM", "без DRM", "sans DRM", "without copy protection"
  'drm-protected', // the negation: "protected by DRM", "FairPlay", "Windows Media DRM"
  'format', // a download format offered: mp3, ogg, flac, aac, wma, mpc, wav, lossless
  'bitrate', // a bitrate offered: 128..320 kbps, VBR
  'format-choice', // a <select>/choice list of formats or bitrates for the buyer to pick
  'encode-on-demand', // "encoded on the fly", "choose the quality you want and we encode"
  'prepaid-balance', // account balance, add funds, refill, top up, пополнить баланс
  'deposit-bonus', // bonus on deposit: "+10% on payments over $50"
  'payment-brand', // WebMoney, QIWI, YooMoney/Yandex.Money, crypto, Visa/MasterCard, PayPal...
  'catalogue-size', // "over 1,000,000 tracks", "500 000 альбомов"
  'licence-roms', // ROMS / РОМС / Russian Multimedia and Internet Society / ... Digital Systems
  'licence-fair', // FAIR / ФАИР
  'licence-russian-law', // "Law of the Russian Federation", "On Copyright and Related Rights", Civil Code Part IV
  'licence-own-laws', // "check the laws of your country"
  'licence-bare-legal', // "legal"/"legally" claims with no licensor named
  'licence-real', // a real licensor named: PPL, PRS, label deals, "licensed from Universal", IFPI member
  'major-catalogue', // major-label artists or "all major labels" claims
  'buy-button', // add to cart / buy / купить / acheter, per item
  'cart', // a basket or checkout
  'subscription', // streaming/subscription offer: "per month", "подписка", "abonnement"
  'free-download', // free / CC / name-your-price downloads
  'family-name', // host or brand looks like a known family name (allofmp3, mp3sparks, alltunes...)
  'about-topic', // page talks ABOUT AllofMP3 (news/encyclopedia/forum wording, bylines, dates)
  'moved-notice', // "we have moved to new-host" next to a link there; value = the new host
  'challenge', // bot challenge / captcha / "checking your browser"
  'parked', // parked domain / domain for sale
  'empty-shell', // nothing to read: no text, app shell with no content
  'login-wall', // login required to see anything
] as const

export type FactKind = (typeof FACT_KINDS)[number]

export interface Fact {
  kind: FactKind
  /** Normalised value where the kind has one: 'flac', '320', 'webmoney', '1000000'. */
  value?: string
  evidence: Evidence
}

/** A link on the page, used for move detection and family discovery. */
export interface PageLink {
  href: string
  host: string
  text: string
}

export interface Extraction {
  url: string
  finalUrl: string
  /** 'html' when parsed; 'not-html' for images, archives, PDFs and other bodies that are not pages. */
  kind: 'html' | 'not-html'
  /** The content type as served (or sniffed), e.g. 'text/html', 'image/png'. */
  contentType: string
  /** The charset used to decode, e.g. 'utf-8', 'windows-1251', 'koi8-r'. */
  charset: string
  /** Best guess of the page language, 'ru', 'en', 'fr', ... or null. */
  language: string | null
  title: string
  description: string
  keywords: string
  /** Visible text, scripts and styles removed, whitespace folded, capped at 200,000 chars. */
  text: string
  prices: PriceMention[]
  facts: Fact[]
  links: PageLink[]
  /** Per-item price count and other commerce counters used to tell a store from a page about one. */
  stats: {
    textLength: number
    linkCount: number
    /** Distinct items offered with a price of their own. */
    pricedItems: number
  }
}
