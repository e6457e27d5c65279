/**
 * Body decoding: decide whether a response is a page at all, and which charset turns its bytes
 * into text. Pure (TextDecoder only), so it runs in the Worker, the CLI and the tests.
 */

/** What the extractor knows about a body once it has been looked at. */
export interface DecodedBody {
  /** 'html' when the body is a page worth parsing; 'not-html' for images, archives and the like. */
  kind: 'html' | 'not-html'
  /** The content type as served, or as sniffed when the header is missing or lies. */
  contentType: string
  /** The charset actually used to decode ('' when the body was not decoded). */
  charset: string
  /** The decoded text ('' for not-html bodies). */
  text: string
}

/** Labels seen in the wild that the WHATWG label table (and so TextDecoder) does not know. */
const EXTRA_LABELS: Record<string, string> = {
  'win-1251': 'windows-1251',
  win1251: 'windows-1251',
  'cp-1251': 'windows-1251',
  windows1251: 'windows-1251',
  'win-1252': 'windows-1252',
  cp1252: 'windows-1252',
  koi8r: 'koi8-r',
  koi8u: 'koi8-u',
  'koi8-ru': 'koi8-u',
  utf: 'utf-8',
}

/** Content types that are never pages, whatever the body looks like. */
const BINARY_TYPE =
  /^(?:image|audio|video|font)\/|^application\/(?:zip|x-zip|pdf|gzip|x-gzip|x-rar|x-7z|vnd\.rar|x-tar|ogg|x-bittorrent|x-shockwave-flash|vnd\.)/

/** Content types that say "no idea": trust the bytes instead. */
const VAGUE_TYPE =
  /^(?:$|text\/plain|application\/octet-stream|application\/unknown|binary\/|unknown\/)/

/**
 * Magic numbers of common binary bodies, checked even when the header says text/html (a server
 * that serves a ZIP as text/html is a fault the fetcher must survive).
 */
const MAGIC: { type: string; bytes: number[]; offset?: number }[] = [
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/gif', bytes: [0x47, 0x49, 0x46, 0x38] },
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { type: 'application/zip', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { type: 'application/zip', bytes: [0x50, 0x4b, 0x05, 0x06] },
  { type: 'application/gzip', bytes: [0x1f, 0x8b] },
  { type: 'audio/mpeg', bytes: [0x49, 0x44, 0x33] },
  { type: 'audio/mpeg', bytes: [0xff, 0xfb] },
  { type: 'audio/mpeg', bytes: [0xff, 0xf3] },
  { type: 'audio/mpeg', bytes: [0xff, 0xf2] },
  { type: 'audio/ogg', bytes: [0x4f, 0x67, 0x67, 0x53] },
  { type: 'audio/flac', bytes: [0x66, 0x4c, 0x61, 0x43] },
  { type: 'application/x-rar-compressed', bytes: [0x52, 0x61, 0x72, 0x21] },
  { type: 'application/x-7z-compressed', bytes: [0x37, 0x7a, 0xbc, 0xaf] },
  { type: 'image/webp', bytes: [0x57, 0x45, 0x42, 0x50], offset: 8 },
  { type: 'audio/wav', bytes: [0x57, 0x41, 0x56, 0x45], offset: 8 },
  { type: 'application/octet-stream', bytes: [0x52, 0x49, 0x46, 0x46] },
  { type: 'application/x-msdownload', bytes: [0x4d, 0x5a] },
]

/** How far into the body the meta charset and HTML sniffing look (the WHATWG prescan uses 1024). */
const PRESCAN_BYTES = 2048

const HTML_START =
  /<(?:!doctype\s+html|html|head|body|title|meta|div|table|p|a|br|script|style|iframe|h[1-6]|font|b|center|form|ul|link|frameset)[\s>/]/i

const META_CHARSET = /<meta\b[^>]*?charset\s*=\s*["']?\s*([a-z0-9_.:-]+)/i

/** Resolves a charset label to the canonical TextDecoder encoding name, or null when unknown. */
export function normaliseCharset(label: string | null | undefined): string | null {
  if (!label) return null
  let l = label
    .trim()
    .toLowerCase()
    .replace(/^["']|["']$/g, '')
  l = EXTRA_LABELS[l] ?? l
  try {
    return new TextDecoder(l).encoding
  } catch {
    return null
  }
}

function startsWith(body: Uint8Array, bytes: number[], offset = 0): boolean {
  if (body.length < offset + bytes.length) return false
  for (let i = 0; i < bytes.length; i++) if (body[offset + i] !== bytes[i]) return false
  return true
}

/** The sniffed type of a binary body, or null when the first bytes match no known format. */
export function sniffBinary(body: Uint8Array): string | null {
  for (const m of MAGIC) if (startsWith(body, m.bytes, m.offset)) return m.type
  return null
}

function bomCharset(body: Uint8Array): { charset: string; length: number } | null {
  if (startsWith(body, [0xef, 0xbb, 0xbf])) return { charset: 'utf-8', length: 3 }
  if (startsWith(body, [0xff, 0xfe])) return { charset: 'utf-16le', length: 2 }
  if (startsWith(body, [0xfe, 0xff])) return { charset: 'utf-16be', length: 2 }
  return null
}

/** Native single-byte decoding: one char per byte, so ASCII markup reads as itself. */
const SINGLE_BYTE = new TextDecoder('windows-1252')

/** The first bytes as single-byte text, for reading the meta charset and the doctype. */
function prescan(body: Uint8Array): string {
  return SINGLE_BYTE.decode(body.subarray(0, PRESCAN_BYTES))
}

function looksLikeHtml(head: string): boolean {
  return HTML_START.test(head)
}

/** NUL bytes (outside UTF-16) or many control bytes mean the body is not text. */
function looksBinary(body: Uint8Array): boolean {
  const n = Math.min(body.length, 1024)
  let control = 0
  for (let i = 0; i < n; i++) {
    const b = body[i]!
    if (b === 0) return true
    if (b < 9 || (b > 13 && b < 32 && b !== 27)) control++
  }
  return n > 0 && control / n > 0.1
}

/**
 * Guesses a single-byte Cyrillic charset from byte statistics. Russian text has most letters
 * above 0x7f and in runs (whole words), while French/German latin-1 has isolated accented
 * letters among ASCII. In windows-1251 lower-case Cyrillic is 0xE0-0xFF; in KOI8-R it is
 * 0xC0-0xDF; running text is mostly lower case, which tells the two apart.
 */
export function guessCyrillic(body: Uint8Array): 'windows-1251' | 'koi8-r' | null {
  // Sampling bound: the first 64 KB are plenty for statistics and keep CPU flat on large bodies.
  const n = Math.min(body.length, 65536)
  let run = 0
  let runBytes = 0
  let high = 0
  let lowC0 = 0
  let highE0 = 0
  for (let i = 0; i < n; i++) {
    const b = body[i]!
    if (b >= 0xc0) {
      high++
      if (b < 0xe0) lowC0++
      else highE0++
      run++
    } else {
      if (run >= 3) runBytes += run
      run = 0
    }
  }
  if (run >= 3) runBytes += run
  if (high < 8 || runBytes < high * 0.5) return null
  return lowC0 > highE0 ? 'koi8-r' : 'windows-1251'
}

function strictUtf8(body: Uint8Array): string | null {
  try {
    // stream: true leaves a multi-byte sequence cut by the fetcher's size cap undecoded
    // instead of failing the whole body.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(body, {
      stream: true,
    })
  } catch {
    return null
  }
}

function hasNonAscii(body: Uint8Array): boolean {
  let count = 0
  for (let i = 0; i < body.length; i++) if (body[i]! >= 0x80 && ++count >= 8) return true
  return false
}

function decodeAs(body: Uint8Array, charset: string): string {
  return new TextDecoder(charset).decode(body)
}

function parseContentType(contentType: string | undefined): {
  mime: string
  charset: string | null
} {
  if (!contentType) return { mime: '', charset: null }
  const [mimePart, ...params] = contentType.split(';')
  let charset: string | null = null
  for (const p of params) {
    const eq = p.indexOf('=')
    if (eq > 0 && p.slice(0, eq).trim().toLowerCase() === 'charset')
      charset = p.slice(eq + 1).trim()
  }
  return { mime: (mimePart ?? '').trim().toLowerCase(), charset }
}

/**
 * Decides whether a body is a page and decodes it.
 *
 * Charset order: byte order mark (browsers honour it over the header, so a page with a BOM that
 * reads fine in a browser reads fine here), Content-Type header, `<meta charset>` /
 * `<meta http-equiv>` in the first 2048 bytes, then strict UTF-8, then windows-1251/KOI8-R when
 * the bytes look Cyrillic, else windows-1252. A declared charset that contradicts the bytes
 * (a header saying utf-8 over windows-1251 bytes, or a legacy charset over valid UTF-8 text) gives
 * way to the evidence; `charset` reports what was actually used.
 */
export function decodeBody(body: Uint8Array, contentType?: string): DecodedBody {
  const { mime, charset: headerLabel } = parseContentType(contentType)
  const bom = bomCharset(body)
  const magic = bom ? null : sniffBinary(body)
  if (magic) return { kind: 'not-html', contentType: magic, charset: '', text: '' }
  if (BINARY_TYPE.test(mime)) return { kind: 'not-html', contentType: mime, charset: '', text: '' }

  const head = prescan(bom ? body.subarray(bom.length) : body)
  const isHtmlType = mime === 'text/html' || mime === 'application/xhtml+xml'
  if (!isHtmlType) {
    const vague = VAGUE_TYPE.test(mime)
    if (!bom && looksBinary(body)) {
      return {
        kind: 'not-html',
        contentType: mime || 'application/octet-stream',
        charset: '',
        text: '',
      }
    }
    if (!looksLikeHtml(head) || !(vague || mime.startsWith('text/') || mime.endsWith('xml'))) {
      return { kind: 'not-html', contentType: mime || 'text/plain', charset: '', text: '' }
    }
  }
  const servedType = isHtmlType ? mime : 'text/html'

  if (bom) {
    const text = decodeAs(body, bom.charset)
    return { kind: 'html', contentType: servedType, charset: bom.charset, text }
  }

  const header = normaliseCharset(headerLabel)
  let meta = /charset/i.test(head) ? normaliseCharset(META_CHARSET.exec(head)?.[1]) : null
  // A page cannot declare a UTF-16 charset in ASCII-compatible bytes; WHATWG reads that as UTF-8.
  if (meta?.startsWith('utf-16')) meta = 'utf-8'
  const declared = header ?? meta

  const utf8 = strictUtf8(body)
  if (declared === 'utf-8' || (declared === null && utf8 !== null)) {
    if (utf8 !== null)
      return { kind: 'html', contentType: servedType, charset: 'utf-8', text: utf8 }
    // Wrong charset header: the bytes are not UTF-8. Prefer a legacy meta, then byte statistics.
    const alt = meta && meta !== 'utf-8' ? meta : (guessCyrillic(body) ?? null)
    if (alt)
      return { kind: 'html', contentType: servedType, charset: alt, text: decodeAs(body, alt) }
    if (declared === 'utf-8') {
      return {
        kind: 'html',
        contentType: servedType,
        charset: 'utf-8',
        text: decodeAs(body, 'utf-8'),
      }
    }
  }
  if (declared !== null && declared !== 'utf-8') {
    // A legacy label over text that is valid UTF-8 with real multi-byte characters is a mislabel:
    // cp1251 bytes form valid UTF-8 only by accident, and not for eight characters in a row.
    if (utf8 !== null && hasNonAscii(body)) {
      return { kind: 'html', contentType: servedType, charset: 'utf-8', text: utf8 }
    }
    return {
      kind: 'html',
      contentType: servedType,
      charset: declared,
      text: decodeAs(body, declared),
    }
  }
  const fallback = guessCyrillic(body) ?? 'windows-1252'
  return {
    kind: 'html',
    contentType: servedType,
    charset: fallback,
    text: decodeAs(body, fallback),
  }
}
