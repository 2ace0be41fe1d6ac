/**
 * Name similarity between a dependency and an output name, after cursus's SemanticMatcher:
 * normalise, expand abbreviations, then blend string ratio, token overlap, synonyms and substring.
 */

const ABBREVIATIONS: Record<string, string> = {
  params: "parameters",
  param: "parameter",
  hyperparams: "hyperparameters",
  preprocess: "preprocessing",
  preproc: "preprocessing",
  eval: "evaluation",
  val: "validation",
  config: "configuration",
  cfg: "configuration",
  artifacts: "artifact",
  dataset: "data",
  img: "image",
  info: "information",
};

const SYNONYM_GROUPS: string[][] = [
  ["model", "artifact", "trained", "output"],
  ["data", "input", "processed", "training", "features", "tabular"],
  ["configuration", "parameters", "hyperparameters", "settings"],
  ["evaluation", "metrics", "results", "validation"],
  ["signature", "schema", "columns"],
];

export function normalise(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[\s_\-.]+/)
    .filter(Boolean)
    .map((token) => ABBREVIATIONS[token] ?? token);
}

/** Levenshtein-based ratio in [0, 1]. */
export function stringRatio(a: string, b: string): number {
  if (a === b) return 1;
  if (!a.length || !b.length) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
    }
    previous = current;
  }
  return 1 - (previous[b.length] ?? 0) / Math.max(a.length, b.length);
}

function jaccard(a: Set<string>, b: Set<string>): number {
  const union = new Set([...a, ...b]);
  if (union.size === 0) return 0;
  let shared = 0;
  for (const token of a) if (b.has(token)) shared++;
  return shared / union.size;
}

function synonymScore(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  let matched = 0;
  for (const token of a) {
    const group = SYNONYM_GROUPS.find((g) => g.includes(token));
    if (b.includes(token) || (group && b.some((other) => group.includes(other)))) matched++;
  }
  return matched / a.length;
}

function substringScore(a: string, b: string): number {
  if (!a || !b) return 0;
  if (a === b) return 1;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return long.includes(short) ? short.length / long.length : 0;
}

/** Similarity in [0, 1] of two port names, weights as cursus: string .3, tokens .25, synonyms .25, substring .2. */
export function nameSimilarity(a: string, b: string): number {
  const ta = normalise(a);
  const tb = normalise(b);
  const ja = ta.join(" ");
  const jb = tb.join(" ");
  if (ja === jb) return 1;
  const score =
    0.3 * stringRatio(ja, jb) +
    0.25 * jaccard(new Set(ta), new Set(tb)) +
    0.25 * synonymScore(ta, tb) +
    0.2 * substringScore(ja.replace(/ /g, ""), jb.replace(/ /g, ""));
  return Math.min(1, score);
}

/** Share of keywords that occur in any of the names (after normalisation). */
export function keywordShare(keywords: string[], names: string[]): number {
  if (keywords.length === 0) return 0;
  const haystack = names.map((name) => normalise(name).join(" "));
  const hits = keywords.filter((keyword) => {
    const needle = normalise(keyword).join(" ");
    return haystack.some((text) => text.includes(needle));
  });
  return hits.length / keywords.length;
}
