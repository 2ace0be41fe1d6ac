/**
 * The one way a definition becomes text: 2-space JSON with a final newline. Key order is the
 * order the compiler builds objects in (the SDK's order), so the same design gives the same bytes.
 */
export function canonicalJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** UTF-8 byte length, the size SageMaker's limits count. */
export function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}
