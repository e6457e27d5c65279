/**
 * About-topic facts: the page talks ABOUT a store (news, encyclopedia, forum) rather than being
 * one. Such pages carry every keyword of the profile and sell nothing, so they are the hardest
 * negatives. One weak marker proves little; the family reports only when two kinds of marker
 * agree, or one strong marker (a wire dateline, an encyclopedia) is present.
 */
import type { DocView } from '../document.ts'
import type { Evidence, Fact } from '../types.ts'
import { RuleSet, evidenceOf, valueOf, type Rule } from './match.ts'

const MONTHS = String.raw`(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?`

const RULES: Rule[] = [
  {
    kind: 'about-topic',
    keys: [
      'according',
      'reported',
      'said',
      'told',
      'news',
      'press',
      'selon',
      'a',
      'по',
      'сообщ',
      'заявил',
      'пишет',
    ],
    src: String.raw`according to|reported (?:that|by|on|in)|said in a statement|told (?:reporters|journalists)|(?:news|press) release|selon (?:l['’]|le |la |les )|a (?:déclaré|annoncé|indiqué)|по (?:данным|словам|информации)|сообщ(?:ил[а-яё]*|ает|ают)|заявил[а-яё]*|пишет`,
    value: 'reported',
  },
  {
    kind: 'about-topic',
    keys: ['(', 'associated', 'agence', 'reuters', 'интерфакс', 'риа'],
    src: String.raw`\((?:reuters|ap|afp|ria novosti|риа новости|интерфакс|итар-тасс|tass|тасс)\)|associated press|agence france[\s-]presse|reuters|интерфакс|риа новости`,
    value: 'dateline',
    bounded: false,
  },
  {
    kind: 'about-topic',
    keys: [
      'posted',
      'written',
      'published',
      'reported',
      'updated',
      'опубликовано',
      'обновлено',
      'publié',
      'mis',
      'автор',
      'rédigé',
      'par',
    ],
    src: String.raw`(?:posted|written|published|reported|updated) (?:by|on)|(?:published|posted|updated|опубликовано|обновлено|publié|mis à jour)(?: le| on)?:? (?:\d{1,2}[./ -]|${MONTHS} \d)|автор(?: статьи)?:|publié par|rédigé par|par la rédaction`,
    value: 'byline',
  },
  {
    kind: 'about-topic',
    keys: [
      'references',
      'see',
      'external',
      'further',
      'notes',
      'примечания',
      'см',
      'литература',
      'voir',
      'liens',
      'from',
      'материал',
      'un',
      'wikipedia',
      'википеди',
      'wikipédia',
    ],
    src: String.raw`(?<=^|\n)(?:references|see also|external links|further reading|notes and references|примечания|см\. также|литература|voir aussi|notes et références|liens externes)(?:\s?\[(?:edit|править|modifier)[^\]\n]{0,20}\])?(?=\n|$)|from wikipedia, the free encyclopedia|материал из википедии|un article de wikipédia|wikipedia|википеди[яи]|wikipédia`,
    value: 'encyclopedia',
    bounded: false,
  },
  {
    kind: 'about-topic',
    keys: [
      'reply',
      'quote',
      're',
      'joined',
      'posts',
      'ответить',
      'цитата',
      'цитировать',
      'сообщений',
      'зарегистрирован',
      'répondre',
      'citer',
      'inscrit',
      'messages',
    ],
    src: String.raw`reply with quote|quote|reply|re:|joined:|posts:|ответить|цитата|цитировать|сообщений:|зарегистрирован:|répondre|citer|inscrit le|messages\s?:`,
    value: 'forum',
  },
  {
    kind: 'about-topic',
    keys: [
      'was',
      'were',
      'has',
      'have',
      'ceased',
      'went',
      'был',
      'была',
      'было',
      'были',
      'прекратил',
      'a',
      'était',
      'feu',
    ],
    src: String.raw`was (?:a|an) (?:russian|popular|controversial|online|music|moscow)[^.\n]{0,40}?(?:website|site|store|service|shop)|(?:was|were|has been|have been) (?:shut|closed) down|(?:was|were) (?:closed|shut|blocked)|ceased (?:operations|trading)|went offline|(?:был|была|было|были) (?:закрыт[а-яё]*|заблокирован[а-яё]*)|прекратил[а-яё]* (?:работу|существование)|a été (?:fermé|fermée|bloqué|bloquée)|a fermé|a disparu|était un site|feu allofmp3`,
    value: 'past-tense',
  },
]

const SET = new RuleSet(RULES)

/** Markers strong enough alone. */
const STRONG = new Set(['dateline', 'encyclopedia'])
/** Forum words are common UI labels; only a handful of them make a forum. */
const FORUM_MIN = 3

/** about-topic facts, one per kind of marker, when the markers agree. */
export function topicFacts(doc: DocView): Fact[] {
  const first = new Map<string, Evidence>()
  let forum = 0
  for (const hit of SET.scan(doc.segments)) {
    const value = valueOf(hit)!
    if (value === 'forum') forum++
    if (!first.has(value)) first.set(value, evidenceOf(hit))
  }
  if (forum < FORUM_MIN) first.delete('forum')
  const m = doc.markers
  const dated = m.times > 0 || 'article:published_time' in doc.meta || 'author' in doc.meta
  if (
    (m.articles > 0 && (m.bylines > 0 || m.relAuthor > 0 || dated)) ||
    doc.meta['og:type'] === 'article'
  ) {
    first.set('article-markup', {
      text:
        doc.meta['og:type'] === 'article'
          ? 'og:type=article'
          : `<article> with ${m.bylines + m.relAuthor > 0 ? 'author' : 'date'}`,
      where: doc.meta['og:type'] === 'article' ? 'meta:og:type' : 'html:article',
    })
  }
  const strong = [...first.keys()].some((k) => STRONG.has(k))
  if (first.size < 2 && !strong) return []
  return [...first].map(([value, evidence]) => ({ kind: 'about-topic' as const, value, evidence }))
}
