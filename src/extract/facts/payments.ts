/**
 * Payment facts: prepaid account balances, deposit bonuses and payment brands (AllofMP3 ran on a
 * prepaid balance; its successors take e-wallets, vouchers and crypto).
 */
import type { DocView, Segment } from '../document.ts'
import type { Fact } from '../types.ts'
import { FactSink, RuleSet, evidenceOf, type Rule } from './match.ts'

const BALANCE_RULES: Rule[] = [
  {
    kind: 'prepaid-balance',
    keys: [
      'your',
      'my',
      'account',
      'current',
      'available',
      'prepaid',
      'balance',
      'add',
      'adding',
      'deposit',
      'refill',
      'top',
      'topup',
    ],
    src: String.raw`(?:your|my|account|current|available|prepaid) balance|balance\s?:|add(?:ing)? funds|deposit (?:funds|money)|refill (?:your |the |my )?(?:account|balance)|top[\s-]?up(?: your| the| my)?(?: account| balance)?|prepaid (?:account|credit|traffic|card)|account credit`,
  },
  {
    kind: 'prepaid-balance',
    keys: ['пополн', 'баланс', 'личн', 'предоплат'],
    src: String.raw`пополн(?:ить|ение|ения|яйте|ите)(?: [а-яё]+)?(?: баланс[а-яё]*| сч[её]т[а-яё]*)?|баланс[а-яё]*|личн[а-яё]* сч[её]т[а-яё]*|предоплат[а-яё]*`,
  },
  {
    kind: 'prepaid-balance',
    keys: ['recharg', 'votre', 'mon', 'du', 'le', 'solde', 'créditer', 'crédit', 'prépayé'],
    src: String.raw`recharg(?:er|ez|ement)(?: de| du)? (?:votre |mon |le |du |de )?(?:compte|solde|crédit)|(?:votre|mon|du|le) solde|solde (?:du |de votre |de mon )?compte|créditer (?:votre |mon )?compte|crédits? (?:sur|de) (?:votre |mon )?compte|prépayé[es]*`,
  },
]

const DEPOSIT_WORDS =
  /deposit|payment|refill|top[\s-]?up|funds|пополнени|пополня|плат[её]ж|оплат|dépôt|recharge|paiement|versement/i
const PERCENT = /(\d{1,2})\s?%/

const BONUS_RULES: Rule[] = [
  {
    kind: 'deposit-bonus',
    keys: ['bonus', 'бонус', '+'],
    src: String.raw`bonus(?:es)?|бонус[а-яё]*|\+\s?\d{1,2}\s?%`,
  },
]

const BRAND_RULES: Rule[] = [
  {
    kind: 'payment-brand',
    keys: ['web', 'webmoney', 'wmz', 'wmr', 'wme', 'вебмани'],
    src: String.raw`web[\s-]?money|wm[zre]|вебмани|вебмоней`,
    value: 'webmoney',
  },
  {
    kind: 'payment-brand',
    keys: ['qiwi', 'киви'],
    src: String.raw`qiwi|киви[\s-]кошел[её]к[а-яё]*`,
    value: 'qiwi',
  },
  {
    kind: 'payment-brand',
    keys: ['yoo', 'yoomoney', 'юmoney', 'юmani', 'юмани', 'yandex', 'яндекс'],
    src: String.raw`yoo[\s-]?money|юmoney|юmani|юмани|(?:yandex|яндекс)[\s.-]?(?:money|деньги|денег)`,
    value: 'yoomoney',
  },
  {
    kind: 'payment-brand',
    keys: ['bitcoin', 'btc', 'биткоин', 'биткойн'],
    src: String.raw`bitcoins?|btc|биткоин[а-яё]*|биткойн[а-яё]*`,
    value: 'bitcoin',
  },
  { kind: 'payment-brand', keys: ['usdt', 'tether'], src: String.raw`usdt|tether`, value: 'usdt' },
  {
    kind: 'payment-brand',
    keys: ['crypto', 'криптовалют', 'ethereum', 'litecoin', 'monero'],
    src: String.raw`crypto(?:currenc(?:y|ies))?|криптовалют[а-яё]*|cryptomonnaies?|ethereum|litecoin|monero`,
    value: 'crypto',
  },
  { kind: 'payment-brand', keys: ['visa'], src: String.raw`visa`, value: 'visa' },
  {
    kind: 'payment-brand',
    keys: ['master', 'maestro'],
    src: String.raw`master[\s-]?card|maestro`,
    value: 'mastercard',
  },
  {
    kind: 'payment-brand',
    keys: ['american', 'amex'],
    src: String.raw`american express|amex`,
    value: 'amex',
  },
  {
    kind: 'payment-brand',
    keys: ['pay', 'paypal'],
    src: String.raw`pay[\s-]?pal`,
    value: 'paypal',
  },
  { kind: 'payment-brand', keys: ['chronopay'], src: String.raw`chronopay`, value: 'chronopay' },
  {
    kind: 'payment-brand',
    keys: ['paysafe'],
    src: String.raw`paysafe(?:card)?`,
    value: 'paysafecard',
  },
  {
    kind: 'payment-brand',
    keys: ['skrill', 'moneybookers'],
    src: String.raw`skrill|moneybookers`,
    value: 'skrill',
  },
  { kind: 'payment-brand', keys: ['payeer'], src: String.raw`payeer`, value: 'payeer' },
  {
    kind: 'payment-brand',
    keys: ['perfect'],
    src: String.raw`perfect[\s-]?money`,
    value: 'perfectmoney',
  },
  {
    kind: 'payment-brand',
    keys: ['voucher', 'gift', 'prepaid', 'ваучер', 'подарочн', 'carte', 'bon', 'bons'],
    src: String.raw`vouchers?|gift (?:card|certificate)s?|prepaid cards?|ваучер[а-яё]*|подарочн[а-яё]* (?:карт|сертификат)[а-яё]*|cartes? cadeaux?|bons? d['’]achat`,
    value: 'voucher',
  },
  {
    kind: 'payment-brand',
    keys: ['pay', 'payment', 'оплат', 'paiement', 'payer'],
    src: String.raw`(?:pay|payment|оплат[а-яё]*|paiement|payer) (?:by |via |по |par |with )?(?:sms|смс)`,
    value: 'sms',
  },
]

const TEXT_RULES = new RuleSet([...BALANCE_RULES, ...BONUS_RULES, ...BRAND_RULES])

/**
 * Words that make a link or button a balance control. Broader than the text rules (a "Wallet"
 * or "Deposit" button is a balance; the same words in prose are not), so they only see controls.
 */
const CONTROL_RULES = new RuleSet([
  ...BALANCE_RULES,
  {
    kind: 'prepaid-balance',
    keys: [
      'wallet',
      'deposit',
      'get',
      'redeem',
      'кошел',
      'депозит',
      'guthaben',
      'aufladen',
      'doładuj',
      'recargar',
      'saldo',
    ],
    src: String.raw`(?:get )?(?:wallet|deposit)(?: address| funds)?|redeem(?: a)?(?: voucher| code)?|кошел[её]к|депозит|guthaben(?: aufladen)?|aufladen|doładuj(?: konto)?|recargar(?: saldo)?|saldo`,
  },
])

/** prepaid-balance, deposit-bonus and payment-brand facts, from text, image names and link hosts. */
export function paymentFacts(doc: DocView): Fact[] {
  const sink = new FactSink()
  for (const hit of TEXT_RULES.scan(doc.segments)) {
    if (hit.rule.kind === 'deposit-bonus') {
      const text = hit.seg.text
      const window = text.slice(Math.max(0, hit.index - 80), hit.index + hit.match.length + 80)
      if (!DEPOSIT_WORDS.test(window)) continue
      sink.add('deposit-bonus', PERCENT.exec(window)?.[1], () => evidenceOf(hit))
      continue
    }
    sink.addHit(hit)
  }
  // Payment logos are often images known only by file name, and pay buttons link to the wallet.
  const extra: Segment[] = []
  if (doc.imageFiles) extra.push({ where: 'img[src]', text: doc.imageFiles })
  const hosts = doc.linkHosts.join(' | ')
  if (hosts) extra.push({ where: 'a[href]', text: hosts })
  for (const hit of TEXT_RULES.scanOwn(extra))
    if (hit.rule.kind === 'payment-brand') sink.addHit(hit)
  // A balance the visitor can act on ("Add funds", "Пополнить баланс" as a link or button) is a
  // store's control; the same words in running text may be a news story about one.
  const controls: Segment[] = []
  for (const c of doc.controls) {
    // Short labels only: a long link text is prose, not a control (CPU too).
    if (c.text.length > 0 && c.text.length <= 60) controls.push({ where: c.where, text: c.text })
  }
  for (const hit of CONTROL_RULES.scanOwn(controls))
    sink.add('prepaid-balance', 'control', () => evidenceOf(hit))
  return sink.facts
}
