// Exports are checked by reading them with a real CSV parser (papaparse), never by splitting strings.
import Papa from 'papaparse';

/** The rows of a CSV text (BOM dropped), every cell a string as a spreadsheet would first see it. */
export function parseCsv(text: string): string[][] {
  const result = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true });
  if (result.errors.length > 0)
    throw new Error(`CSV does not parse: ${result.errors[0]!.message} (row ${result.errors[0]!.row})`);
  return result.data;
}
