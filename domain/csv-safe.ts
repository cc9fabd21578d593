// Every CSV the factory writes is opened in a spreadsheet by somebody: a cell that starts with
// = + - @ (or a tab or carriage return) would run as a formula, so it is prefixed with a quote.
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function csvLine(values: readonly (string | number | null | undefined)[]): string {
  return values.map((v) => {
    const s = neutraliseFormula(v === null || v === undefined ? '' : String(v));
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  }).join(',') + '\r\n';
}
