/**
 * Commerce facts: buy buttons (one per item), a cart, a subscription offer, free downloads.
 * Together they tell a store from a page that only talks about one.
 */
import type { DocView } from '../document.ts'
import type { Fact } from '../types.ts'
import { FactSink, RuleSet, near, type Rule } from './match.ts'

/** Buy buttons kept: one per item on a long list page (memory; the count matters, not the text). */
const BUY_CAP = 500

/**
 * Buy wording at the start of a control; "Download" counts as buying only with a price on the
 * button; a button whose whole label is a price ("€1.29") buys that item. One regex per control.
 */
const BUY = new RegExp(
  String.raw`^(?:buy|buy now|buy (?:track|album|mp3|it|digital)|add to (?:cart|basket|bag)|purchase|order now|купить|в корзину|добавить в корзину|заказать|acheter|ajouter au panier|commander)(?![\p{L}])` +
    String.raw`|^(?:download|скачать|télécharger)(?![\p{L}]).*(?:[$€£₽¥]\s?\d|\d\s?(?:[$€£₽¥]|руб|usd|eur|р\.|cents?|коп))` +
    String.raw`|^(?:[$€£₽¥]\s?\d[\d.,]*|\d[\d.,]*\s?(?:[$€£₽¥]|руб\.?|р\.|usd|eur|gbp|cad))$`,
  'iu',
)
/** Buy labels are short; longer control texts are titles or sentences. */
const BUY_LABEL_MAX = 40
const CART_LABEL =
  /(?<![\p{L}])(?:cart|basket|checkout|корзин[а-яё]*|оформить заказ|panier|caisse)(?![\p{L}])/iu
const CART_HREF = /\/(?:cart|basket|checkout|korzina|panier)s?(?:[/?#.]|$)/i

const NEWSLETTER = /newsletter|рассылк|e-?mail|lettre d['’]info|notification|channel|канал|youtube/i

const RULES: Rule[] = [
  {
    kind: 'cart',
    keys: [
      'shopping',
      'your',
      'my',
      'view',
      'checkout',
      'корзин',
      'оформить',
      'mon',
      'votre',
      'panier',
    ],
    src: String.raw`shopping (?:cart|basket|bag)|(?:your|my|view) (?:cart|basket)|checkout|корзин[а-яё]*|оформить заказ|(?:mon|votre) panier|panier`,
  },
  {
    kind: 'subscription',
    // "a month ago" is a date, "$9.99 a month" a price.
    keys: ['per', 'a', '/'],
    src: String.raw`per month|a month|/\s?month|/\s?mo`,
    accept: (_m, text, i) => /[$€£₽¥]|\d/.test(text.slice(Math.max(0, i - 20), i)),
  },
  {
    kind: 'subscription',
    keys: ['monthly', 'subscription', 'membership', 'premium', 'unlimited'],
    src: String.raw`monthly (?:plan|fee|subscription|price|payment)|(?:subscription|membership) (?:plan|price|fee|from)|(?:premium|unlimited) (?:subscription|plan)`,
  },
  {
    kind: 'subscription',
    keys: ['в', '/', 'ежемесячн', 'подписк', 'par', 'abonnement'],
    src: String.raw`в месяц|/\s?мес(?:яц)?|ежемесячн[а-яё]* (?:плат[а-яё]*|подписк[а-яё]*)|подписк[а-яё]*|par mois|/\s?mois|abonnements?`,
    accept: (m, text, i) => !near(text, i, m.length, NEWSLETTER, 60),
  },
  {
    kind: 'subscription',
    keys: ['subscribe'],
    src: String.raw`subscri(?:be|ption)`,
    accept: (m, text, i) =>
      !near(text, i, m.length, NEWSLETTER, 60) &&
      near(text, i, m.length, /month|year|plan|[$€£₽]|\d/i, 60),
  },
  {
    kind: 'free-download',
    keys: ['free', 'download', 'скачать', 'бесплатн', 'téléchargement', 'gratuit'],
    src: String.raw`free (?:mp3 )?downloads?|download (?:it |them )?(?:for )?free|free to download|скачать бесплатно|бесплатн[а-яё]*|téléchargements? gratuits?|gratuit(?:e|s|es|ement)?`,
    value: 'free',
  },
  {
    kind: 'free-download',
    keys: ['name', 'pay', 'plati', 'prix'],
    src: String.raw`name your (?:own )?price|pay what you want|plati skolko hochesh|prix libre`,
    value: 'nyp',
  },
  {
    kind: 'free-download',
    keys: ['creative', 'cc', 'licence'],
    src: String.raw`creative commons|cc[\s-]by(?:[\s-](?:sa|nc|nd))*|licence libre`,
    value: 'cc',
  },
]

const SET = new RuleSet(RULES)

/** buy-button (one fact per control), cart, subscription and free-download facts. */
export function commerceFacts(doc: DocView): Fact[] {
  const sink = new FactSink({ 'buy-button': BUY_CAP })
  let cart = false
  for (const c of doc.controls) {
    if (c.text.length <= BUY_LABEL_MAX && BUY.test(c.text)) {
      sink.add('buy-button', undefined, { text: c.text, where: c.where })
    } else if (!cart && (CART_LABEL.test(c.text) || (c.href && CART_HREF.test(c.href)))) {
      cart = true
      sink.add('cart', undefined, { text: c.text || c.href, where: c.where })
    }
  }
  if (!cart) {
    const link = doc.links.find((l) => CART_HREF.test(l.href))
    if (link) sink.add('cart', undefined, { text: link.text || link.href, where: 'a[href]' })
  }
  for (const hit of SET.scan(doc.segments)) sink.addHit(hit)
  return sink.facts
}
