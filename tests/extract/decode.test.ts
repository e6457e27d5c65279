import { describe, expect, it } from 'vitest'
import { decodeBody, guessCyrillic, normaliseCharset } from '../../src/extract/decode.ts'

/** ASCII markup around raw legacy bytes (TextEncoder only writes UTF-8, so bytes are spelled out). */
function page(head: string, bodyBytes: number[], tail = '</body></html>'): Uint8Array {
  const enc = new TextEncoder()
  return new Uint8Array([...enc.encode(head), ...bodyBytes, ...enc.encode(tail)])
}

// "Привет, мир" in windows-1251.
const CP1251_HELLO = [0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2, 0x2c, 0x20, 0xec, 0xe8, 0xf0]
// "Музыка без DRM" in windows-1251.
const CP1251_MUSIC = [
  0xcc, 0xf3, 0xe7, 0xfb, 0xea, 0xe0, 0x20, 0xe1, 0xe5, 0xe7, 0x20, 0x44, 0x52, 0x4d,
]
// "привет мир музыка без drm" in KOI8-R.
const KOI8_TEXT = [
  0xd0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4, 0x20, 0xcd, 0xc9, 0xd2, 0x20, 0xcd, 0xd5, 0xda, 0xd9, 0xcb,
  0xc1, 0x20, 0xc2, 0xc5, 0xda, 0x20, 0x64, 0x72, 0x6d,
]
// "Привет" in KOI8-R.
const KOI8_HELLO = [0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4]

const BODY = '<html><head><title>t</title></head><body>'

describe('charset labels', () => {
  it('resolves aliases to TextDecoder names', () => {
    expect(normaliseCharset('cp1251')).toBe('windows-1251')
    expect(normaliseCharset('win-1251')).toBe('windows-1251')
    expect(normaliseCharset('WIN1251')).toBe('windows-1251')
    expect(normaliseCharset('koi8-r')).toBe('koi8-r')
    expect(normaliseCharset('koi8-u')).toBe('koi8-u')
    expect(normaliseCharset('latin1')).toBe('windows-1252')
    expect(normaliseCharset('ISO-8859-1')).toBe('windows-1252')
    expect(normaliseCharset('utf8')).toBe('utf-8')
    expect(normaliseCharset('"UTF-8"')).toBe('utf-8')
    expect(normaliseCharset('x-no-such-charset')).toBeNull()
    expect(normaliseCharset('')).toBeNull()
  })
})

describe('decodeBody charsets', () => {
  it('decodes UTF-8 by header', () => {
    const body = new TextEncoder().encode(`${BODY}Привет, мир — €9</body></html>`)
    const d = decodeBody(body, 'text/html; charset=UTF-8')
    expect(d).toMatchObject({ kind: 'html', contentType: 'text/html', charset: 'utf-8' })
    expect(d.text).toContain('Привет, мир — €9')
  })

  it('decodes windows-1251 declared in a meta charset', () => {
    const d = decodeBody(
      page('<html><head><meta charset="windows-1251"></head><body>', CP1251_HELLO),
      'text/html',
    )
    expect(d.charset).toBe('windows-1251')
    expect(d.text).toContain('Привет, мир')
  })

  it('decodes windows-1251 declared by http-equiv with an alias', () => {
    const head =
      '<html><head><meta http-equiv="Content-Type" content="text/html; charset=cp1251"></head><body>'
    const d = decodeBody(page(head, CP1251_MUSIC), undefined)
    expect(d.charset).toBe('windows-1251')
    expect(d.contentType).toBe('text/html')
    expect(d.text).toContain('Музыка без DRM')
  })

  it('accepts the win-1251 alias in the header', () => {
    const d = decodeBody(page(BODY, CP1251_HELLO), 'text/html; charset=win-1251')
    expect(d.charset).toBe('windows-1251')
    expect(d.text).toContain('Привет, мир')
  })

  it('decodes KOI8-R by header', () => {
    const d = decodeBody(page(BODY, KOI8_HELLO), 'text/html; charset=koi8-r')
    expect(d.charset).toBe('koi8-r')
    expect(d.text).toContain('Привет')
  })

  it('tells KOI8-R from windows-1251 by byte statistics when nothing is declared', () => {
    const koi = page(BODY, [...KOI8_TEXT, 0x20, ...KOI8_TEXT])
    expect(guessCyrillic(koi)).toBe('koi8-r')
    const d = decodeBody(koi, 'text/html')
    expect(d.charset).toBe('koi8-r')
    expect(d.text).toContain('привет мир музыка без drm')
    const cp = page(BODY, [...CP1251_MUSIC, 0x20, ...CP1251_HELLO, 0x20, ...CP1251_MUSIC])
    expect(guessCyrillic(cp)).toBe('windows-1251')
    expect(decodeBody(cp, undefined).text).toContain('Музыка без DRM Привет, мир')
  })

  it('maps latin-1 to windows-1252 (0x80 is the euro sign)', () => {
    // "café 9€" with é = 0xE9 and € = 0x80 in windows-1252.
    const d = decodeBody(
      page(BODY, [0x63, 0x61, 0x66, 0xe9, 0x20, 0x39, 0x80]),
      'text/html; charset=iso-8859-1',
    )
    expect(d.charset).toBe('windows-1252')
    expect(d.text).toContain('café 9€')
  })

  it('falls back to windows-1252 for undeclared invalid UTF-8 that is not Cyrillic', () => {
    const d = decodeBody(page(BODY, [0x63, 0x61, 0x66, 0xe9]), 'text/html')
    expect(d.charset).toBe('windows-1252')
    expect(d.text).toContain('café')
  })

  it('treats an unknown label as undeclared', () => {
    const d = decodeBody(
      page(BODY, CP1251_HELLO.concat(0x20, ...CP1251_MUSIC)),
      'text/html; charset=x-bogus',
    )
    expect(d.charset).toBe('windows-1251')
    expect(d.text).toContain('Привет, мир')
  })
})

describe('decodeBody precedence', () => {
  it('prefers the header over the meta', () => {
    const head = '<html><head><meta charset="koi8-r"></head><body>'
    const d = decodeBody(page(head, CP1251_HELLO), 'text/html; charset=windows-1251')
    expect(d.charset).toBe('windows-1251')
    expect(d.text).toContain('Привет, мир')
  })

  it('prefers a byte order mark over header and meta', () => {
    const bom = [0xef, 0xbb, 0xbf]
    const utf8 = [
      ...new TextEncoder().encode(
        '<html><head><meta charset="koi8-r"></head><body>Привет</body></html>',
      ),
    ]
    const d = decodeBody(new Uint8Array([...bom, ...utf8]), 'text/html; charset=windows-1251')
    expect(d.charset).toBe('utf-8')
    expect(d.text.startsWith('<html>')).toBe(true)
    expect(d.text).toContain('Привет')
  })

  it('decodes a UTF-16LE body with a byte order mark', () => {
    const s = '<html><body>Привет</body></html>'
    const bytes = [0xff, 0xfe]
    for (const ch of s) bytes.push(ch.charCodeAt(0) & 0xff, ch.charCodeAt(0) >> 8)
    const d = decodeBody(new Uint8Array(bytes), 'text/html')
    expect(d).toMatchObject({ kind: 'html', charset: 'utf-16le' })
    expect(d.text).toContain('Привет')
  })

  it('survives a header that says UTF-8 over windows-1251 bytes (meta says so)', () => {
    const head = '<html><head><meta charset="windows-1251"></head><body>'
    const d = decodeBody(page(head, CP1251_HELLO), 'text/html; charset=utf-8')
    expect(d.charset).toBe('windows-1251')
    expect(d.text).toContain('Привет, мир')
  })

  it('survives a header that says UTF-8 over windows-1251 bytes (statistics say so)', () => {
    const d = decodeBody(
      page(BODY, [...CP1251_MUSIC, 0x20, ...CP1251_HELLO]),
      'text/html; charset=utf-8',
    )
    expect(d.charset).toBe('windows-1251')
    expect(d.text).toContain('Музыка без DRM Привет, мир')
  })

  it('reads valid UTF-8 as UTF-8 even under a legacy label', () => {
    const body = new TextEncoder().encode(`${BODY}Привет, мир</body></html>`)
    const d = decodeBody(body, 'text/html; charset=windows-1251')
    expect(d.charset).toBe('utf-8')
    expect(d.text).toContain('Привет, мир')
  })

  it('keeps UTF-8 when the body is cut in the middle of a character', () => {
    const full = new TextEncoder().encode(`${BODY}Привет`)
    const cut = full.subarray(0, full.length - 1)
    const d = decodeBody(cut, 'text/html; charset=utf-8')
    expect(d.charset).toBe('utf-8')
    expect(d.text.endsWith('Приве')).toBe(true)
    expect(d.text).not.toContain('\ufffd')
  })
})

describe('decodeBody not-html', () => {
  const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]
  const ZIP = [0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0]

  it('sniffs a PNG even when the header says text/html', () => {
    const d = decodeBody(new Uint8Array(PNG), 'text/html; charset=utf-8')
    expect(d).toEqual({ kind: 'not-html', contentType: 'image/png', charset: '', text: '' })
  })

  it('sniffs a ZIP without a content type', () => {
    expect(decodeBody(new Uint8Array(ZIP)).contentType).toBe('application/zip')
    expect(decodeBody(new Uint8Array(ZIP)).kind).toBe('not-html')
  })

  it('sniffs PDF, gzip, MP3 and RIFF bodies', () => {
    const enc = new TextEncoder()
    expect(decodeBody(enc.encode('%PDF-1.4\n...'), 'text/html').contentType).toBe('application/pdf')
    expect(decodeBody(new Uint8Array([0x1f, 0x8b, 8, 0]), 'text/html').contentType).toBe(
      'application/gzip',
    )
    expect(decodeBody(enc.encode('ID3\u0003\u0000'), 'text/html').contentType).toBe('audio/mpeg')
    expect(
      decodeBody(enc.encode('RIFF\u0000\u0000\u0000\u0000WAVEfmt '), undefined).contentType,
    ).toBe('audio/wav')
  })

  it('believes binary content types', () => {
    const html = new TextEncoder().encode('<html><body>error</body></html>')
    expect(decodeBody(html, 'image/jpeg').kind).toBe('not-html')
    expect(decodeBody(html, 'application/pdf').kind).toBe('not-html')
    expect(decodeBody(html, 'audio/mpeg').kind).toBe('not-html')
    expect(decodeBody(html, 'application/zip').contentType).toBe('application/zip')
  })

  it('reads vague or missing types by the body', () => {
    const html = new TextEncoder().encode('  <!DOCTYPE html><html><body>ok</body></html>')
    expect(decodeBody(html, 'text/plain').kind).toBe('html')
    expect(decodeBody(html, 'application/octet-stream').kind).toBe('html')
    const d = decodeBody(html)
    expect(d.kind).toBe('html')
    expect(d.contentType).toBe('text/html')
    expect(decodeBody(new TextEncoder().encode('just words, no markup'), 'text/plain').kind).toBe(
      'not-html',
    )
    expect(decodeBody(new Uint8Array([1, 0, 2, 0, 3, 0, 4]), undefined).kind).toBe('not-html')
    expect(decodeBody(new TextEncoder().encode('{"a":1}'), 'application/json').kind).toBe(
      'not-html',
    )
  })
})
