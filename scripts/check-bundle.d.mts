export const LIMIT_KB: number;
export function initialJs(dir: string): { file: string; bytes: number; gzip: number }[];
export function build(): string;
