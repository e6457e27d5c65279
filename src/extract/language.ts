/**
 * Page language guess: the html lang attribute when present, else script statistics (Cyrillic)
 * and stop words for the Latin-script languages the project meets (en, fr, de, es).
 */

/** Text sampled for the guess: plenty for stop-word counts, flat CPU on long pages. */
const SAMPLE = 4_000
/** Stop-word hits needed before a guess is made at all. */
const MIN_HITS = 5

const STOPWORDS: Record<string, Set<string>> = {
  en: new Set(
    'the and of to in is for with that this on are you your from by at was be it as or not'.split(
      ' ',
    ),
  ),
  fr: new Set(
    'le la les des du de et est pour dans une un sur avec que qui pas par vous votre au aux ce cette sont'.split(
      ' ',
    ),
  ),
  de: new Set(
    'der die das und ist nicht mit für auf den dem ein eine zu von sie wir ihr sich auch oder'.split(
      ' ',
    ),
  ),
  es: new Set(
    'el la los las de y es para con por que en una un del al su sus se más como pero'.split(' '),
  ),
}

const WORD = /[a-zà-öø-ÿ]+/g
const UKRAINIAN = new Set([...'іїєґІЇЄҐ'].map((c) => c.charCodeAt(0)))

/** Best guess of a page's language as a two-letter code, or null. */
export function guessLanguage(htmlLang: string | null, text: string): string | null {
  const attr = htmlLang?.trim().toLowerCase().split(/[-_]/)[0]
  if (attr && /^[a-z]{2,3}$/.test(attr)) return attr
  const sample = text.slice(0, SAMPLE)
  let cyrillic = 0
  let latin = 0
  let ukrainian = 0
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i)
    if (c >= 0x400 && c <= 0x4ff) {
      cyrillic++
      if (UKRAINIAN.has(c)) ukrainian++
    } else if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f)) latin++
  }
  if (cyrillic > 20 && cyrillic >= latin * 0.5) return ukrainian > cyrillic * 0.02 ? 'uk' : 'ru'
  const counts: Record<string, number> = { en: 0, fr: 0, de: 0, es: 0 }
  for (const w of sample.toLowerCase().match(WORD) ?? []) {
    for (const lang in STOPWORDS) if (STOPWORDS[lang]!.has(w)) counts[lang]!++
  }
  const ranked = Object.entries(counts).sort((a, b) => b[1] - a[1])
  const [best, second] = ranked
  if (!best || best[1] < MIN_HITS || (second && best[1] < second[1] * 1.2)) return null
  return best[0]
}
