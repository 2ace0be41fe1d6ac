/**
 * The one way a definition becomes text: 2-space JSON with a final newline. Key order is the
 * order the compiler builds objects in (the SDK's order), so the same design gives the same bytes.
 */
export function canonicalJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * UTF-8 byte length, the size SageMaker's limits count: counted, not encoded, as a definition
 * can be megabytes and is measured on every compile. A lone surrogate counts 3, as TextEncoder
 * encodes it (U+FFFD).
 */
export function byteLength(text: string): number {
  let bytes = text.length;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x80) continue;
    if (code < 0x800) bytes += 1;
    else if (code >= 0xd800 && code <= 0xdbff && isLowSurrogate(text.charCodeAt(index + 1))) {
      bytes += 2;
      index++;
    } else bytes += 2;
  }
  return bytes;
}

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;
