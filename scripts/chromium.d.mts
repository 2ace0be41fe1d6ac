export function findChromium():
  { path: string; source: string } | { missing: string; path?: undefined } | null;
export const CHROMIUM_ARGS: string[];
