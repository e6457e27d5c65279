import { describe, expect, it } from 'vitest'
import {
  LETTER,
  MARK,
  NUMBER,
  SPACE,
  UPPER,
  classAt,
  classOf,
} from '../../src/extract/char-class.ts'
import {
  endsWithPer,
  firstSentenceEnd,
  lastSentenceStart,
  unitAround,
} from '../../src/extract/price-units.ts'

/** The unit of a price written between `before` and `after`, each read whole as its window. */
function unit(before: string, after: string): string {
  const text = `${before}$9.99${after}`
  const at = before.length
  return unitAround(text, 0, at, at + 5, text.length)
}

describe('unitAround: the label of a price', () => {
  it('reads labels before and after the price, in three languages', () => {
    expect(unit('', ' per track')).toBe('track')
    expect(unit('Album ', '')).toBe('album')
    expect(unit('', ' за трек')).toBe('track')
    expect(unit('Альбома: ', '')).toBe('album')
    expect(unit('', ' par mois')).toBe('month')
    expect(unit('', ' в мес.')).toBe('month')
    expect(unit('', '/mo')).toBe('month')
    expect(unit('', ' / mo')).toBe('month')
    expect(unit('подписка ', '')).toBe('month')
    expect(unit('', ' le Mo')).toBe('megabyte')
    expect(unit('', ' per GB')).toBe('gigabyte')
  })
  it('counts sizes only after "per", "за", "/" or a lone 1', () => {
    expect(unit('120 MB ', '')).toBe('unknown')
    expect(unit('', ' за 1 Мб')).toBe('megabyte')
    expect(unit('', ' per 5MB')).toBe('unknown')
    // Sizes are matched in their own case only.
    expect(unit('', ' per mB')).toBe('unknown')
    expect(unit('', ' per Mb')).toBe('megabyte')
  })
  it('prefers the nearest label; "per track" before a price belongs to the one before', () => {
    expect(unit('track: ', ' per album')).toBe('track')
    expect(unit('Album per track, ', '')).toBe('album')
    // A bare label after the price counts only within a few characters.
    expect(unit('', ' then the next song')).toBe('unknown')
    expect(unit('', ' song')).toBe('track')
  })
  it('reads whole words only, and a window edge as a word boundary', () => {
    expect(unit('soundtracks ', '')).toBe('unknown')
    expect(unit('', ' albumen')).toBe('unknown')
    const text = 'subtrack $1'
    expect(unitAround(text, 3, 9, 11, 11)).toBe('track')
    expect(unitAround(text, 0, 9, 11, 11)).toBe('unknown')
  })
})

describe('endsWithPer, sentence cuts', () => {
  const per = (s: string) => endsWithPer(s, 0, s.length)
  it('knows the words that make the next unit the thing priced', () => {
    expect(['per ', 'PER', 'each ', 'a  ', 'за ', 'По ', '/', '/ ', "l'", 'l’'].map(per)).toEqual(
      Array(10).fill(true),
    )
    expect(['hyper ', '/  ', 'ball ', "l' ", ''].map(per)).toEqual(Array(5).fill(false))
    // The start of the range is a word boundary.
    expect(endsWithPer('hyper ', 2, 6)).toBe(true)
  })
  it('cuts at a sentence mark followed by a space', () => {
    const text = 'One. Two | three; x.y'
    expect(lastSentenceStart(text, 0, text.length)).toBe(text.indexOf('x.y'))
    expect(lastSentenceStart(text, 0, 16)).toBe(text.indexOf('three'))
    expect(firstSentenceEnd(text, 0, text.length)).toBe(4)
    expect(firstSentenceEnd('x.y', 0, 3)).toBe(3)
    expect(lastSentenceStart(text, 10, 14)).toBe(10)
  })
})

describe('char-class: classes read from the table', () => {
  const cls = (ch: string) => classOf(ch.charCodeAt(0))
  it('agrees with the Unicode property escapes', () => {
    expect(cls('a')).toBe(LETTER)
    expect(cls('Я')).toBe(LETTER | UPPER)
    expect(cls('5')).toBe(NUMBER)
    expect(cls('٣')).toBe(NUMBER)
    expect(cls('\u0301')).toBe(MARK)
    const spaces = [' ', '\n', '\u00a0', '\u2009', '\u3000', '\ufeff']
    expect(spaces.map(cls)).toEqual(Array(6).fill(SPACE))
    expect(cls('\u0085')).toBe(0)
    expect(cls('$')).toBe(0)
  })
  it('answers 0 past the ends of a text and for lone surrogates', () => {
    expect(classOf(''.charCodeAt(0))).toBe(0)
    expect(classOf(0xd835)).toBe(0)
  })
  it('reads a surrogate pair whole, unless a window cuts it', () => {
    const bold = '𝐀x'
    expect(classAt(bold, 0, bold.length)).toBe(LETTER | UPPER)
    expect(classAt(bold, 0, 1)).toBe(0)
  })
})

describe('unitAround: counts and other languages', () => {
  it('reads a count of tracks before a price as the price of the release', () => {
    expect(unit('Pop/Rock · 15 tracks ', '')).toBe('album')
    expect(unit('Polydor · 24 Titel · Album: ', '')).toBe('album')
    expect(unit('12 треков — ', '')).toBe('album')
    // One track is a track, and a word that is no count stays a track.
    expect(unit('1 track ', '')).toBe('track')
    expect(unit('Every track only ', '')).toBe('track')
  })

  it('reads Spanish, German, Italian and Polish labels', () => {
    expect(unit('cada canción cuesta solo ', '')).toBe('track')
    expect(unit('los álbumes completos desde ', '')).toBe('album')
    expect(unit('Alben ab ', '')).toBe('album')
    expect(unit('ogni brano ', '')).toBe('track')
    expect(unit('Utwory od ', '')).toBe('track')
    expect(unit('albumy od ', '')).toBe('album')
  })
})
