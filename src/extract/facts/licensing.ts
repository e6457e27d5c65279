/**
 * Licensing facts: the AllofMP3 claim (ROMS and FAIR, Russian copyright law, "check your own
 * laws", bare "legal"), and the opposite, a real licensor or major-label catalogue named.
 */
import type { DocView } from '../document.ts'
import type { Fact } from '../types.ts'
import { FactSink, RuleSet, excerpt, near, valueOf, type Hit, type Rule } from './match.ts'

const isUpper = (m: string) => m === m.toUpperCase()

/** Words that put an upper-case FAIR or PPL in a licensing sentence rather than a slogan. */
const LICENCE_CONTEXT =
  /licen[cs]|royalt|collecting|societ|rights|авторск|лиценз|ROMS|РОМС|droits|redevance|federation|федерац|отчислени|gestion/i
const MUSIC_LICENCE_CONTEXT = /licen[cs]|royalt|PRS|music|rights/i

/** A licensor (fake or real) named close to a "legal" claim makes the claim no longer bare. */
const LICENSOR_CASED = /ROMS|РОМС|FAIR|ФАИР|PPL|PRS|SACEM|IFPI|GEMA|SGAE|RIAA/
const LICENSOR_ANY =
  /russian multimedia|российское общество по|universal music|sony music|warner|licen[cs]ed (?:by|from)|лицензи[а-яё]* (?:от|у|с)|sous licence/i
const BARE_RADIUS = 250

const FAKE_LICENSORS = /^(?:roms|ромс|fair|фаир|russian|российск)/i
const LABELS = [
  'universal',
  'sony',
  'warner',
  'emi',
  'bmg',
  'merlin',
  'orchard',
  'believe',
  'ingrooves',
  'sacem',
  'gema',
  'ppl',
  'prs',
] as const
const labelIn = (m: string) => {
  const lower = m.toLowerCase()
  let best: string | undefined
  let at = -1
  for (const l of LABELS) {
    const i = lower.lastIndexOf(l)
    if (i > at) {
      at = i
      best = l
    }
  }
  return best
}
const LABEL_ALT = String.raw`(?:universal|sony|warner|emi|bmg|merlin|the orchard|believe|ingrooves|sacem|gema)`

const RULES: Rule[] = [
  // ROMS/РОМС only in capitals: "roms" is also video-game images.
  {
    kind: 'licence-roms',
    keys: ['roms', 'ромс', 'r'],
    src: String.raw`roms|ромс|r\.o\.m\.s\.?`,
    value: 'roms',
    accept: isUpper,
  },
  {
    kind: 'licence-roms',
    keys: ['russian', 'российское', 'société'],
    src: String.raw`russian (?:multimedia and internet society|organi[sz]ation for multimedia and digital (?:systems|networks))|российское общество по (?:мультимедиа и цифровым сетям|управлению правами в сфере мультимедиа)|société russe (?:pour le |du |de )?multimédia`,
    value: 'roms',
  },
  {
    // FAIR only in capitals and among licensing words: "fair price" is not a collecting society.
    kind: 'licence-fair',
    keys: ['fair'],
    src: String.raw`fair`,
    value: 'fair',
    accept: (m, text, i) => m === 'FAIR' && near(text, i, 4, LICENCE_CONTEXT, 120),
  },
  { kind: 'licence-fair', keys: ['фаир'], src: String.raw`фаир`, value: 'fair', accept: isUpper },
  {
    kind: 'licence-russian-law',
    keys: [
      'law',
      'laws',
      'russian',
      'законодательств',
      'закон',
      'loi',
      'lois',
      'législation',
      'droit',
    ],
    src: String.raw`laws? of (?:the )?russian federation|russian (?:federation )?(?:copyright )?(?:law|legislation)|законодательств[а-яё]* (?:рф|российской федерации)|закон[а-яё]* (?:рф|российской федерации)|lois? de la fédération de russie|(?:législation|loi|droit) russe`,
    value: 'law-rf',
  },
  {
    kind: 'licence-russian-law',
    keys: ['«', 'об', 'on', 'relative'],
    src: String.raw`«?об авторском праве и смежных правах»?|on copyright and (?:related|neighbou?ring) rights|relative aux droits d['’]auteur et (?:aux )?droits voisins`,
    value: 'copyright-law',
  },
  {
    kind: 'licence-russian-law',
    keys: ['part', 'civil', 'част', 'четв', 'гражданск', 'гк', 'quatrième'],
    src: String.raw`part (?:iv|4|four) of the (?:russian )?civil code|civil code(?: of the russian federation)?,? part (?:iv|4|four)|(?:част[а-яё]* (?:iv|4|четв[её]рт[а-яё]*)|четв[её]рт[а-яё]* част[а-яё]*) (?:гк|гражданского кодекса)(?: рф)?|гражданск[а-яё]* кодекс[а-яё]* (?:рф|российской федерации)|гк рф|quatrième partie du code civil`,
    value: 'civil-code',
  },
  {
    kind: 'licence-own-laws',
    keys: ['law', 'laws', 'your', 'check', 'consult', 'verify'],
    src: String.raw`laws? (?:of|in) your (?:own )?(?:country|jurisdiction|state)|your (?:own )?(?:country's|local|national) (?:laws?|legislation)|(?:check|consult|verify) (?:your |the )?local (?:laws?|legislation)`,
  },
  {
    kind: 'licence-own-laws',
    keys: ['закон'],
    src: String.raw`(?:закон[а-яё]*|законодательств[а-яё]*) (?:вашей|своей) страны|(?:закон[а-яё]*|законодательств[а-яё]*) страны (?:вашего|своего) (?:проживания|пребывания)`,
  },
  {
    kind: 'licence-own-laws',
    keys: ['loi', 'lois', 'législation'],
    src: String.raw`(?:lois?|législation) (?:de|en vigueur dans) votre pays|(?:lois|législation) locales?`,
  },
  {
    kind: 'licence-bare-legal',
    keys: [
      '#%',
      '#a',
      'completely',
      'fully',
      'absolutely',
      'totally',
      'perfectly',
      'legal',
      'is',
      'are',
      'it',
    ],
    src: String.raw`100\s?% legal(?:ly)?|(?:completely|fully|absolutely|totally|perfectly|100 percent) legal(?:ly)?|legal (?:music|mp3|downloads?|download (?:store|service|site)|music store|service)|legally (?:download|buy|purchase)|(?:is|are|it's) legal`,
  },
  { kind: 'licence-bare-legal', keys: ['легальн'], src: String.raw`легальн[а-яё]*|легально` },
  {
    kind: 'licence-bare-legal',
    keys: ['légal', 'en'],
    src: String.raw`légal(?:e|es|ement|ité)?|en toute légalité`,
    // Footer boilerplate, not a claim.
    accept: (_m, text, i) =>
      !/(?:mentions|notices?|informations|dépôt|âge)\s$/i.test(text.slice(Math.max(0, i - 14), i)),
  },
  {
    kind: 'licence-real',
    keys: ['ppl'],
    src: String.raw`ppl`,
    value: 'ppl',
    accept: (m, text, i) => m === 'PPL' && near(text, i, 3, MUSIC_LICENCE_CONTEXT, 80),
  },
  {
    kind: 'licence-real',
    keys: ['prs', 'mcps'],
    src: String.raw`prs for music|mcps[\s-]prs`,
    value: 'prs',
  },
  {
    kind: 'licence-real',
    keys: ['licensed', 'deal', 'agreement', 'partnership', 'contract'],
    src: String.raw`(?:licen[cs]ed|licen[cs]es?|licen[cs]e agreements?|licensing (?:deals?|agreements?)|deals?|agreements?|partnership|contracts?) (?:from|by|with) (?:[\p{L}\p{N}&.'’-]+ ){0,4}?${LABEL_ALT}`,
    value: labelIn,
  },
  {
    kind: 'licence-real',
    keys: ['лицензи', 'договор', 'соглашени', 'партн'],
    src: String.raw`(?:лицензи[а-яё]*|договор[а-яё]*|соглашени[а-яё]*|партн[её]р[а-яё]*) (?:от |с |со )?(?:[\p{L}\p{N}&.-]+ ){0,3}?${LABEL_ALT}`,
    value: labelIn,
  },
  {
    kind: 'licence-real',
    keys: ['licence', 'accord', 'contrat', 'partenariat', 'membre', 'sociétaire', 'déclaré'],
    src: String.raw`(?:licence|accords?|contrats?|partenariat) (?:avec|de|conclus? avec) (?:[\p{L}\p{N}&.'’-]+ ){0,3}?${LABEL_ALT}|(?:membre|sociétaire) de la sacem|déclarée? (?:à|auprès de) la sacem`,
    value: labelIn,
  },
  {
    // "licensed from/by <Label>": a named licensor in capitals, unless it is the fake one.
    kind: 'licence-real',
    keys: ['licensed'],
    src: String.raw`licen[cs]ed (?:from|by) [\p{L}][\p{L}\p{N}&.'’-]+(?: [\p{L}][\p{L}\p{N}&.'’-]+){0,3}`,
    value: 'label',
    accept: (m) => {
      const name = m.replace(/^licen[cs]ed (?:from|by) /i, '')
      return /^\p{Lu}/u.test(name) && !FAKE_LICENSORS.test(name)
    },
  },
  {
    kind: 'licence-real',
    keys: ['ifpi', 'member', 'membre', 'член'],
    src: String.raw`ifpi member|member of (?:the )?ifpi|membre de l['’]ifpi|член[а-яё]* ifpi`,
    value: 'ifpi',
  },
  {
    kind: 'licence-real',
    keys: ['official', 'authorized', 'официальн', 'partenaire', 'revendeur', 'distributeur'],
    src: String.raw`official (?:partner|store|retailer|reseller|distributor|licensee)|authori[sz]ed (?:retailer|reseller|distributor|store|dealer)|официальн[а-яё]* (?:партн[её]р|магазин|дистрибьютор|представител)[а-яё]*|(?:partenaire|revendeur|distributeur) officiel`,
    value: 'official',
  },
  {
    kind: 'major-catalogue',
    keys: ['all', 'every', 'the', 'major', 'мейджор', 'все', 'всех', 'toutes', 'les', 'grandes'],
    src: String.raw`(?:all|every|the) (?:the )?(?:four |three |big |biggest |largest |major |leading )+(?:record )?labels|major (?:record )?labels|all majors|мейджор[а-яё]*|(?:все|всех) (?:крупнейш[а-яё]* |ведущ[а-яё]* |крупн[а-яё]* )+(?:лейбл|звукозаписывающ)[а-яё]*|(?:toutes )?les (?:grandes )?majors|grandes maisons de disques`,
    value: 'labels',
  },
]

const SET = new RuleSet(RULES)

/** Two majors named within this span make a "major labels" claim. */
const MAJOR_SPAN = 120

/**
 * Major-label artists: three or more in a page's text suggest a major catalogue. Only names
 * unlikely to be ordinary words.
 */
const ARTIST_NAMES = String.raw`beatles|madonna|shakira|the killers|eminem|metallica|coldplay|rihanna|beyonc[eé]|michael jackson|pink floyd|rolling stones|britney spears|linkin park|nirvana|red hot chili peppers|u2|lady gaga|adele|taylor swift|justin bieber|katy perry|elton john|bob dylan|led zeppelin|depeche mode|radiohead|green day|bon jovi|aerosmith|ac/dc|guns n['’]? roses|celine dion|céline dion|whitney houston|mariah carey|50 cent|jay[\s-]z|kanye west|ed sheeran|robbie williams|abba|nickelback|evanescence`
const ARTIST_KEYS = ARTIST_NAMES.split('|')
  .map((n) => n.split(/[\s/\[-]/)[0]!.replace(/\\.*$/, ''))
  .filter((k) => !/^\d/.test(k))
const ARTIST_MIN = 3

/** Names counted, not claimed: their own rule set so a licensing phrase does not hide them. */
const NAMES = new RuleSet([
  {
    kind: 'major-catalogue',
    keys: ['universal', 'sony', 'warner', 'emi'],
    src: 'universal|sony|warner|emi',
    value: (m) => `major:${m.toLowerCase()}`,
  },
  {
    kind: 'major-catalogue',
    keys: [...ARTIST_KEYS, '#a'],
    src: ARTIST_NAMES,
    value: (m) => `artist:${m.toLowerCase()}`,
  },
])

/** licence-* and major-catalogue facts. */
export function licensingFacts(doc: DocView): Fact[] {
  const sink = new FactSink()
  for (const hit of SET.scan(doc.segments)) {
    if (hit.rule.kind === 'licence-bare-legal') {
      const text = hit.seg.text
      const window = text.slice(
        Math.max(0, hit.index - BARE_RADIUS),
        hit.index + hit.match.length + BARE_RADIUS,
      )
      if (LICENSOR_CASED.test(window) || LICENSOR_ANY.test(window)) continue
    }
    sink.addHit(hit)
  }
  let prev: Hit | null = null
  const artists = new Map<string, Hit>()
  for (const hit of NAMES.scan(doc.segments)) {
    const v = valueOf(hit)!
    if (v.startsWith('artist:')) {
      if (hit.seg.where === 'text' && !artists.has(v)) artists.set(v, hit)
      continue
    }
    // Two or more majors named together: "Universal, Sony, Warner and EMI".
    if (
      prev &&
      prev.seg === hit.seg &&
      valueOf(prev) !== v &&
      hit.index - prev.index <= MAJOR_SPAN
    ) {
      const from = prev
      sink.add('major-catalogue', 'labels', () => ({
        text: excerpt(hit.seg.text, from.index, hit.index + hit.match.length - from.index),
        where: hit.seg.where,
      }))
    }
    prev = hit
  }
  if (artists.size >= ARTIST_MIN) {
    sink.add('major-catalogue', 'artists', {
      text: [...artists.values()]
        .slice(0, 8)
        .map((h) => h.match)
        .join(', '),
      where: 'text',
    })
  }
  return sink.facts
}
