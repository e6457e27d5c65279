/**
 * Character classes of UTF-16 code units (letter, mark, number, upper case, white space) from a
 * lookup table instead of a Unicode regex call per character: the price scanners ask these
 * questions for nearly every character of a page. The table is filled lazily, one block of 256
 * code units at a time, from the same regexes, so the answers are the regexes' answers and a
 * Worker pays only for the scripts a page uses.
 */

/** \p{L} */
export const LETTER = 1
/** \p{M} */
export const MARK = 2
/** \p{N} */
export const NUMBER = 4
/** \p{Lu} */
export const UPPER = 8
/** \s (the set String.prototype.trim removes) */
export const SPACE = 16

const CLASSES: [number, RegExp][] = [
  [LETTER, /\p{L}/u],
  [MARK, /\p{M}/u],
  [NUMBER, /\p{N}/u],
  [UPPER, /\p{Lu}/u],
  [SPACE, /\s/u],
]

/**
 * One byte of classes per UTF-16 code unit (64 KB). A block of 256 code units is filled the
 * first time one of them is asked about; FILLED records which blocks are done.
 */
const TABLE = new Uint8Array(0x10000)
const FILLED = new Uint8Array(256)

function fillBlock(hi: number): void {
  for (let lo = 0; lo < 256; lo++) {
    const code = (hi << 8) | lo
    // Lone surrogates match no class, as in a /u regex run over a single code unit.
    const ch = String.fromCharCode(code)
    let flags = 0
    for (const [flag, re] of CLASSES) if (re.test(ch)) flags |= flag
    TABLE[code] = flags
  }
  FILLED[hi] = 1
}
fillBlock(0)

/** The classes of one UTF-16 code unit (0 for NaN, i.e. past either end of a string). */
export function classOf(code: number): number {
  if (code !== code) return 0
  const hi = code >> 8
  if (FILLED[hi] === 0) fillBlock(hi)
  return TABLE[code]!
}

/** \s: white space or a line break; ASCII is answered without the table. */
export function isSpaceCode(code: number): boolean {
  if (code < 128) return code === 32 || (code >= 9 && code <= 13)
  return (classOf(code) & SPACE) !== 0
}

/** The classes of a code point above the BMP (astral letters and digits are rare in prices). */
export function classOfAstral(cp: number): number {
  const ch = String.fromCodePoint(cp)
  let flags = 0
  for (const [flag, re] of CLASSES) if (re.test(ch)) flags |= flag
  return flags
}

function codePoint(high: number, low: number): number {
  return ((high - 0xd800) << 10) + low - 0xdc00 + 0x10000
}

/**
 * The classes of the code point that starts at `i`, reading a surrogate pair only when both
 * halves lie before `end` (a pair cut by a window end is two lone surrogates, as in a slice).
 */
export function classAt(text: string, i: number, end: number): number {
  const c = text.charCodeAt(i)
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) {
    const d = text.charCodeAt(i + 1)
    if (d >= 0xdc00 && d <= 0xdfff) return classOfAstral(codePoint(c, d))
  }
  return classOf(c)
}

/** The classes of the code point that ends just before `i`, not looking before `start`. */
export function classBefore(text: string, i: number, start: number): number {
  if (i <= start) return 0
  const d = text.charCodeAt(i - 1)
  if (d >= 0xdc00 && d <= 0xdfff && i - 2 >= start) {
    const c = text.charCodeAt(i - 2)
    if (c >= 0xd800 && c <= 0xdbff) return classOfAstral(codePoint(c, d))
  }
  return classOf(d)
}

/** Length in code units of the code point at `i` (2 for a whole surrogate pair before `end`). */
export function cpLength(text: string, i: number, end: number): number {
  const c = text.charCodeAt(i)
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) {
    const d = text.charCodeAt(i + 1)
    if (d >= 0xdc00 && d <= 0xdfff) return 2
  }
  return 1
}
