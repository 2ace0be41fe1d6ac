// The previews' clipboard call; downloads go through src/io.

/** Copies text to the clipboard; resolves to a sentence for the status line. */
export async function copyText(text: string, what: string): Promise<string> {
  try {
    await navigator.clipboard.writeText(text);
    return `Copied the ${what} to the clipboard.`;
  } catch (cause) {
    return `Could not copy: ${cause instanceof Error ? cause.message : "the browser refused"}.`;
  }
}
