/**
 * CSV as RFC 4180 describes it (CRLF line ends, fields with a quote, comma or line break quoted,
 * quotes doubled), with spreadsheet formula injection defused: a cell that begins with = + - @,
 * a tab or a carriage return gets a leading single quote, so Excel and LibreOffice show it as text.
 */

export type Cell = string | number | boolean | null

const FORMULA_START = /^[=+\-@\t\r]/

export function csvCell(value: Cell): string {
  let s = value === null ? '' : String(value)
  if (FORMULA_START.test(s)) s = `'${s}`
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

export function csvRow(cells: readonly Cell[]): string {
  return cells.map(csvCell).join(',') + '\r\n'
}

/** A whole document: the header row, then one row per record. */
export function csvDocument(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return csvRow(header) + rows.map(csvRow).join('')
}
