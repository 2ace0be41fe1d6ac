// The previews' only contact with the browser outside React: clipboard and file download.
// Small on purpose, so it can move to src/io when that module offers the same calls.

/** Copies text to the clipboard; resolves to a sentence for the status line. */
export async function copyText(text: string, what: string): Promise<string> {
  try {
    await navigator.clipboard.writeText(text);
    return `Copied the ${what} to the clipboard.`;
  } catch (cause) {
    return `Could not copy: ${cause instanceof Error ? cause.message : "the browser refused"}.`;
  }
}

/** Offers text as a file download named `fileName`. */
export function downloadText(text: string, fileName: string, type = "application/json"): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.style.display = "none";
  document.body.append(link);
  link.click();
  link.remove();
  // Revoke after the click has been handled, or some browsers cancel the download.
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}
