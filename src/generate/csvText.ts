/**
 * CSV text helpers: RFC 4180 quoting (a field is quoted only when it holds a comma, a quote,
 * CR or LF; inner quotes are doubled) and UTF-8 encoding of fixed strings, done once so the
 * row writers copy bytes.
 */

const encoder = new TextEncoder();

/** True when a field must be quoted. */
export function needsQuotes(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 44 || c === 34 || c === 10 || c === 13) return true;
  }
  return false;
}

/** The field as it appears in a CSV file. */
export function csvField(text: string): string {
  return needsQuotes(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV header line (with LF). */
export function csvHeader(columns: readonly string[]): string {
  return `${columns.map(csvField).join(',')}\n`;
}

/** The UTF-8 bytes of the field as it appears in a CSV file (quoted when needed). */
export function fieldBytes(text: string): Uint8Array {
  return encoder.encode(csvField(text));
}

/** The UTF-8 bytes of each field of a list (quoted when needed). */
export function fieldBytesList(texts: readonly string[]): Uint8Array[] {
  return texts.map(fieldBytes);
}

/** The UTF-8 bytes of a string, as is. */
export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}
