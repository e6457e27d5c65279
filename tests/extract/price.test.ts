import { describe, expect, it } from 'vitest'
import { currencyIso, findCurrencies } from '../../src/extract/currencies.ts'
import { parseAmount, parsePrice, scanNumbers } from '../../src/extract/price.ts'

/** [text, amount, ISO currency, currency as written] */
type Row = [string, string | null, string | null, string | null]

function check(rows: Row[], hint?: string) {
  for (const [text, amount, currency, currencyText] of rows) {
    it(`${JSON.stringify(text)}${hint ? ` (hint ${hint})` : ''}`, () => {
      expect(parsePrice(text, hint)).toEqual({ amount, currency, currencyText })
    })
  }
}

describe('parsePrice: grouping and decimal separators of every common locale', () => {
  check([
    ['$1,299.00', '1299.00', 'USD', '$'],
    ['1.299,00 €', '1299.00', 'EUR', '€'],
    ['1 299,00 руб.', '1299.00', 'RUB', 'руб.'],
    ['1\u00a0298,00 €', '1298.00', 'EUR', '€'],
    ['1\u202f298,50 €', '1298.50', 'EUR', '€'],
    ["CHF 1'049.95", '1049.95', 'CHF', 'CHF'],
    ['0,4$', '0.4', 'USD', '$'],
    ['12,- Kč', '12', 'CZK', 'Kč'],
    ['1.899,-', '1899', null, null],
    ['$.99', '0.99', 'USD', '$'],
    ['.75 €', '0.75', 'EUR', '€'],
    ['$1,695', '1695', 'USD', '$'],
    ['140.000', '140000', null, null],
    ['1.350.000 ₫', '1350000', 'VND', '₫'],
    ['Rs 1,00,000.50', '100000.50', 'INR', 'Rs'],
    ['PTE 120 000 000', '120000000', 'PTE', 'PTE'],
    ['34.992001', '34.992001', null, null],
    ['฿ 3.3900', '3.3900', 'THB', '฿'],
    ['36. 24', '36.24', null, null],
    ['118, 99 TL', '118.99', 'TRY', 'TL'],
    ["35€ 99 dont 0,02 € d'éco-part", '35.99', 'EUR', '€'],
  ])
})

describe('parsePrice: currency before or after, codes, words and prefixed dollars', () => {
  check([
    ['EUR 6,99', '6.99', 'EUR', 'EUR'],
    ['6,99 EUR', '6.99', 'EUR', 'EUR'],
    ['469.00zł', '469.00', 'PLN', 'zł'],
    ['RM50', '50', 'MYR', 'RM'],
    ['3 100р.', '3100', 'RUB', 'р.'],
    ['6 300 Р', '6300', 'RUB', 'Р'],
    ['1128240 рублей', '1128240', 'RUB', 'руб'],
    ['199,00 грн.', '199.00', 'UAH', 'грн.'],
    ['99 ₴', '99', 'UAH', '₴'],
    ['749,00 euro', '749.00', 'EUR', 'euro'],
    ['Pris från 172 kr', '172', null, 'kr'],
    ['R$ 1.500,00', '1500.00', 'BRL', 'R$'],
    ['C$1.23', '1.23', 'CAD', 'C$'],
    ['CA$1.23', '1.23', 'CAD', 'CA$'],
    ['AU$ 1,175', '1175', 'AUD', 'AU$'],
    ['MX$3,179.00', '3179.00', 'MXN', 'MX$'],
    ['SGD$4.90', '4.90', 'SGD', 'SGD'],
    ['$1,190.00 AUD', '1190.00', 'AUD', 'AUD'],
    ['£94.50 GBP', '94.50', 'GBP', '£'],
    ['AED 8000 (USD 2179)', '8000', 'AED', 'AED'],
    ['3,500円', '3500', 'JPY', '円'],
    ['12,000원', '12000', 'KRW', '원'],
    ['¥1,200', '1200', null, '¥'],
    ['₹397.00', '397.00', 'INR', '₹'],
    ['199.90 Fr.', '199.90', 'CHF', 'Fr.'],
    ['140,00 pln', '140.00', 'PLN', 'pln'],
    ['230 лв.', '230', 'BGN', 'лв.'],
  ])
})

describe('parsePrice: labels, ranges and text that is no price', () => {
  check([
    ['Цена: от 2 750 руб.', '2750', 'RUB', 'руб.'],
    ['à partir de 1540 € / pers', '1540', 'EUR', '€'],
    ['Was: $124.95 Now: $0.00', '124.95', 'USD', '$'],
    ['£6.95 - £9.95', '6.95', 'GBP', '£'],
    ['From 26 to 50 €', '26', 'EUR', '€'],
    ['MP3 $0.99', '0.99', 'USD', '$'],
    ['40% OFF', null, null, null],
    ['Free!', '0', null, null],
    ['Pure & IP BP Ph. Eur. USP ACS AR LR', null, null, null],
    ['16.00 ft', '16.00', null, null],
    ['', null, null, null],
  ])
})

describe('parsePrice: the currency hint', () => {
  it('supplies the currency only when the text has none', () => {
    expect(parsePrice('12,99', '€')).toEqual({
      amount: '12.99',
      currency: 'EUR',
      currencyText: '€',
    })
    expect(parsePrice('€16.95', 'EUR')).toEqual({
      amount: '16.95',
      currency: 'EUR',
      currencyText: '€',
    })
    expect(parsePrice('£54.17', 'USD')).toEqual({
      amount: '54.17',
      currency: 'GBP',
      currencyText: '£',
    })
  })
  it('is searched like the text', () => {
    expect(parsePrice('899,00', 'Pris NOK 899,00').currencyText).toBe('NOK')
    expect(parsePrice('2.85', 'Savings: $0.90').currencyText).toBe('$')
    expect(parsePrice('99.99', 'SKU:').currencyText).toBeNull()
  })
  it('keeps a bare ISO code in any case', () => {
    expect(parsePrice('10', 'usd')).toEqual({ amount: '10', currency: 'USD', currencyText: 'usd' })
    expect(parsePrice('10', 'Usd')).toEqual({ amount: '10', currency: 'USD', currencyText: 'Usd' })
  })
  it('gives a currency even without an amount', () => {
    expect(parsePrice(null, 'Kč')).toEqual({ amount: null, currency: 'CZK', currencyText: 'Kč' })
  })
})

describe('parsePrice: a known decimal separator', () => {
  it('overrides the guess', () => {
    expect(parsePrice('140.000', null, '.').amount).toBe('140.000')
    expect(parsePrice('140.000', null, ',').amount).toBe('140000')
    expect(parsePrice(' 423.923 KD', null, '.')).toEqual({
      amount: '423.923',
      currency: 'KWD',
      currencyText: 'KD',
    })
    expect(parsePrice('$..75,333', null, ',').amount).toBe('75.333')
    expect(parsePrice('140,000€33', null, '€').amount).toBe('140000.33')
    expect(parsePrice('1250€ 600', null, '€').amount).toBe('1250')
  })
})

describe('parseAmount and scanNumbers', () => {
  it('reads the first number of a fragment', () => {
    expect(parseAmount('1 299,00')).toBe('1299.00')
    expect(parseAmount('9,99 €')).toBe('9.99')
    expect(parseAmount('12.345', ',')).toBe('12345')
    expect(parseAmount('no number')).toBeNull()
  })
  it('marks dates and keeps positions', () => {
    const [date, price] = scanNumbers('15.08.2017 costs 5,50')
    expect(date).toMatchObject({ start: 0, end: 10, date: true })
    expect(price).toMatchObject({ start: 17, end: 21, amount: '5.50', date: false })
  })
  it('does not join space-separated small numbers', () => {
    expect(scanNumbers('1 2 3').map((n) => n.amount)).toEqual(['1', '2', '3'])
    expect(scanNumbers('2019 100').map((n) => n.amount)).toEqual(['2019', '100'])
  })
})

describe('currencies', () => {
  it('maps written forms to ISO codes, null when ambiguous', () => {
    expect(currencyIso('$')).toBe('USD')
    expect(currencyIso('руб.')).toBe('RUB')
    expect(currencyIso('RUR')).toBe('RUR')
    expect(currencyIso('грн')).toBe('UAH')
    expect(currencyIso('zł')).toBe('PLN')
    expect(currencyIso('eur')).toBe('EUR')
    expect(currencyIso('kr')).toBeNull()
    expect(currencyIso('hello')).toBeNull()
  })
  it('finds forms only as whole words', () => {
    expect(findCurrencies('AutoCAD Europe Eur. 5 EUR').map((h) => h.text)).toEqual(['EUR'])
    expect(findCurrencies('CUC$ 5').map((h) => h.text)).toEqual(['CUC$'])
  })
})
