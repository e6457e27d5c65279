/**
 * Format facts: download formats and bitrates offered, a format/bitrate picker, and wording about
 * encoding on demand (AllofMP3 encoded each download in the format and bitrate the buyer chose).
 */
import type { ChoiceGroup, DocView } from '../document.ts'
import type { Fact } from '../types.ts'
import { FactSink, RuleSet, evidenceOf, near, type Rule } from './match.ts'

/** Bitrates below or above these are not audio download bitrates (years, prices, sizes). */
const MIN_KBPS = 32
const MAX_KBPS = 512

const digits = (s: string) => /\d+/.exec(s)?.[0]
const kbps = (s: string) => {
  const d = digits(s)
  return d && Number(d) >= MIN_KBPS && Number(d) <= MAX_KBPS ? d : undefined
}
const AUDIO_CONTEXT =
  /(?<![\p{L}\p{N}])(?:mp3|ogg|flac|wav|aac|wma|kbps|кбит|format|формат|quality|качеств|qualité|bitrate|битрейт|débit|download|скачать|télécharg)/iu
/** MPC is also Akai's sampler. */
const NOT_AUDIO = /akai|drum machine|sampler|beat ?maker/i

const FORMAT_RULES: Rule[] = [
  { kind: 'format', keys: ['mp3'], src: String.raw`mp3`, value: 'mp3' },
  {
    kind: 'format',
    keys: ['ogg', 'vorbis'],
    src: String.raw`ogg(?:[\s-]?vorbis)?|vorbis`,
    value: 'ogg',
  },
  { kind: 'format', keys: ['flac'], src: String.raw`flac`, value: 'flac' },
  {
    kind: 'format',
    keys: ['he', 'aac', 'm4a'],
    src: String.raw`(?:he-)?aac(?:\+|[\s-]?plus)?|m4a`,
    value: 'aac',
  },
  {
    kind: 'format',
    keys: ['wma', 'windows'],
    src: String.raw`wma|windows media audio`,
    value: 'wma',
  },
  { kind: 'format', keys: ['musepack'], src: String.raw`musepack`, value: 'mpc' },
  {
    // MPC is also a drum machine: count it only among other audio words.
    kind: 'format',
    keys: ['mpc'],
    src: String.raw`mpc`,
    value: 'mpc',
    accept: (m, text, i) =>
      near(text, i, m.length, AUDIO_CONTEXT, 80) && !near(text, i, m.length, NOT_AUDIO, 40),
  },
  { kind: 'format', keys: ['wav'], src: String.raw`wav`, value: 'wav' },
  {
    kind: 'format',
    keys: ['lossless', 'без', 'sans', 'alac'],
    src: String.raw`lossless|без потерь|sans pertes?|alac`,
    value: 'lossless',
  },
]

const BITRATE_RULES: Rule[] = [
  {
    kind: 'bitrate',
    keys: ['#k'],
    src: String.raw`\d{2,3}\s?(?:kbps|kbit/s|kbits?|kb/s|kbs|k/s|кбит/с|кбит|кб/с|кбпс|кбитс)`,
    value: kbps,
  },
  // "320k", "MP3 320": only the usual MP3 rates, so years and prices don't pass.
  {
    kind: 'bitrate',
    keys: ['#k'],
    src: String.raw`(?:96|112|128|160|192|224|256|320)k`,
    value: digits,
  },
  {
    kind: 'bitrate',
    keys: ['vbr', 'variable', 'переменн', 'débit'],
    src: String.raw`vbr|variable bit[\s-]?rate|переменн[а-яё]* битрейт[а-яё]*|débit variable`,
    value: 'vbr',
  },
]

const MP3_RATE = /mp3[\s-]*@?\s*(96|112|128|160|192|224|256|320)(?!\d)/i

const ENCODE_RULES: Rule[] = [
  {
    kind: 'encode-on-demand',
    keys: ['encod', 'code', 'on', 'converted', 'transcoded'],
    src: String.raw`(?:en)?cod(?:ed|es|ing)? (?:on[\s-]the[\s-]fly|(?:up)?on (?:demand|request))|on[\s-]the[\s-]fly (?:en|trans)?cod(?:ing|ed|er)|(?:converted|transcoded|encoded) (?:on the fly|on demand|to order)`,
    value: 'on-the-fly',
  },
  {
    kind: 'encode-on-demand',
    keys: ['кодир', 'конверт', 'перекодир'],
    src: String.raw`(?:кодир|конверт|перекодир)[а-яё]* (?:на лету|по запросу|по требованию|по заказу)`,
    value: 'on-the-fly',
  },
  {
    kind: 'encode-on-demand',
    keys: ['encod', 'convert', 'transcod'],
    src: String.raw`(?:encod|convert|transcod)(?:é|ée|és|ées|age|ion) (?:à la volée|à la demande)|(?:encodage|conversion) à la volée`,
    value: 'on-the-fly',
  },
  {
    kind: 'encode-on-demand',
    keys: ['in', 'into', 'to', 'choose', 'any'],
    src: String.raw`(?:in|into|to) (?:the|any|a|your) (?:format|quality|bitrate)s?(?: and (?:bitrate|quality|format))? (?:of your choice|you (?:want|like|choose|need|prefer))|choose (?:the |your |any )?(?:format|quality|bitrate)|any (?:format|bitrate|quality) you (?:want|like|choose)`,
    value: 'choice',
  },
  {
    kind: 'encode-on-demand',
    keys: ['в', 'выберите', 'выбрать', 'выбор', 'выбрав', 'формат', 'качеств', 'битрейт'],
    src: String.raw`в (?:любом|нужном|удобном) (?:вам )?(?:формате|качестве|битрейте)|выб(?:ерите|рать|ор|рав) (?:нужн[а-яё]* |любо[а-яё]* )?(?:формат|качеств|битрейт)[а-яё]*|(?:формат|качеств|битрейт)[а-яё]* (?:на|по) (?:ваш|свой) выбор`,
    value: 'choice',
  },
  {
    kind: 'encode-on-demand',
    keys: ['au', 'dans', 'en', 'choisi'],
    src: String.raw`(?:au|dans le|en) (?:format|qualité|débit) de (?:votre|ton) choix|choisi(?:r|ssez|sez) (?:le |la |votre |ton )?(?:format|qualité|débit)`,
    value: 'choice',
  },
]

const RULES = new RuleSet([...FORMAT_RULES, ...BITRATE_RULES, ...ENCODE_RULES])

const OPTION_FORMAT =
  /(?<![\p{L}\p{N}])(mp3|ogg|vorbis|flac|aac|m4a|wma|mpc|musepack|wav|alac|lossless)(?![\p{L}])/iu
const OPTION_RATE =
  /(?<!\d)(\d{2,3})\s?(?:kbps|kbit|kb\/s|k\b|кбит|кб\/с)|(?<![\p{L}\p{N}])(vbr)(?![\p{L}])/iu
const FORMAT_NAME: Record<string, string> = {
  vorbis: 'ogg',
  m4a: 'aac',
  musepack: 'mpc',
  alac: 'lossless',
}

/** Distinct formats and bitrates among a choice group's options. */
function choiceValues(group: ChoiceGroup): string[] {
  const values = new Set<string>()
  for (const option of group.options) {
    const f = OPTION_FORMAT.exec(option)?.[1]?.toLowerCase()
    const r = OPTION_RATE.exec(option)
    const rate = r?.[1] ?? r?.[2]?.toLowerCase()
    if (rate || f)
      values.add(`${f ? (FORMAT_NAME[f] ?? f) : ''}${f && rate ? ' ' : ''}${rate ?? ''}`)
  }
  return [...values]
}

/** format, bitrate, format-choice and encode-on-demand facts. */
export function formatFacts(doc: DocView): Fact[] {
  const sink = new FactSink()
  for (const hit of RULES.scan(doc.segments)) {
    sink.addHit(hit)
    if (hit.rule.value === 'mp3') {
      // "MP3 320" states a bitrate without a unit.
      const rate = MP3_RATE.exec(hit.seg.text.slice(hit.index, hit.index + 12))?.[1]
      if (rate) sink.add('bitrate', rate, () => evidenceOf(hit))
    }
  }
  for (const group of doc.choices) {
    const values = choiceValues(group)
    if (values.length >= 2) {
      const text = group.options.join(' | ')
      sink.add('format-choice', values.join(','), {
        text: text.length > 160 ? `${text.slice(0, 157)}...` : text,
        where: group.where,
      })
    }
  }
  return sink.facts
}
