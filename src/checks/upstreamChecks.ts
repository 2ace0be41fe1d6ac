import { outputContents, MODEL_ARCHIVE, type CheckContext } from "./contents";
import { closest, pieceAt } from "./containerPaths";
import { list, type Finding, type StepScripts } from "./context";
import type { PathUse, ScriptFacts } from "./scriptFacts";
import { placeOf, walk, type SyntaxNode } from "./syntax";

/** A folder the script looks into and what it holds: a linked input, or where an archive is unpacked. */
interface Folder {
  dir: string;
  /** The names it holds, one level down. */
  names: ReadonlySet<string>;
  /** What the message says holds them: "TabularPreprocessing-Training (job type training) writes only". */
  says: string;
  /** Archive files a script may look for here without unpacking them first (a hint, not allowed). */
  packed?: ReadonlySet<string>;
}

const trim = (path: string) => path.replace(/\/+$/, "");

/** Every directory the step's scripts unpack an archive into; `null` when one of them is not known. */
export function extractionTargets(step: StepScripts): Set<string> | null {
  const targets = new Set<string>();
  for (const script of step.scripts)
    for (const extraction of script.extractions) {
      if (!extraction.targets) return null;
      for (const target of extraction.targets) targets.add(target);
    }
  return targets;
}

/** The folders whose contents the checks know: each linked input, and where the model archive is unpacked. */
export function knownFolders(step: StepScripts, context: CheckContext): Folder[] {
  const folders: Folder[] = [];
  const targets = extractionTargets(step);
  for (const input of step.provision.upstream) {
    const contents = outputContents(context, input.source.stepId, input.source.output);
    if (!contents) continue;
    const says = `${contents.source} only ${list([...contents.names].sort())} into ${input.name}`;
    if (contents.archive === undefined) {
      folders.push({ dir: input.path, names: contents.names, says });
      continue;
    }
    // The archive's files exist only where the script unpacks it (and nowhere when we cannot say where).
    const archive = contents.archive;
    if (targets === null || archive === null) {
      if (targets !== null && !targets.has(input.path))
        folders.push({ dir: input.path, names: contents.names, says });
      continue;
    }
    if (targets.has(input.path))
      folders.push({
        dir: input.path,
        names: new Set([...contents.names, ...archive]),
        says: `${input.name} holds ${contents.producer}'s ${MODEL_ARCHIVE}, unpacked here: ${list([...archive].sort())}`,
      });
    else {
      // A folder the script unpacks into below the input is the script's own.
      const own = [...targets]
        .filter((target) => target.startsWith(`${input.path}/`))
        .map((target) => target.slice(input.path.length + 1).split("/")[0] as string);
      const names = new Set([...contents.names, ...own]);
      folders.push({ dir: input.path, names, says, packed: archive });
    }
    for (const target of targets)
      if (target !== input.path)
        folders.push({
          dir: target,
          names: archive,
          says: `${contents.producer}'s ${MODEL_ARCHIVE}, unpacked here, holds only ${list([...archive].sort())}`,
        });
  }
  return folders;
}

/** The path uses of a file, /opt/ml ones and others, grouped by the expression that builds them. */
function usesByNode(script: ScriptFacts): Map<SyntaxNode, PathUse[]> {
  const groups = new Map<SyntaxNode, PathUse[]>();
  for (const use of [...script.paths, ...script.otherPaths]) {
    const group = groups.get(use.node);
    if (group) group.push(use);
    else groups.set(use.node, [use]);
  }
  return groups;
}

const COLLECTIONS = new Set(["tuple", "list", "set"]);
const LOOPS = new Set(["for_statement", "for_in_clause"]);

/**
 * Whether the literal a name came from can reach `use`. Names are bound file-wide (values.ts), so
 * `for name in ("full_field_list", …)` in one function binds `name` in another too; a value taken
 * from a collection only counts inside a loop over that collection (or over the name it is bound to).
 */
function reaches(literal: SyntaxNode, use: SyntaxNode): boolean {
  let value = literal;
  while (value.parent?.type === "string" || value.parent?.type === "concatenated_string")
    value = value.parent;
  const collection = value.parent;
  if (!collection || !COLLECTIONS.has(collection.type)) return true;
  const assigned =
    collection.parent?.type === "assignment" ? collection.parent.childForFieldName("left") : null;
  for (let node: SyntaxNode | null = use; node; node = node.parent) {
    const loop =
      node.type === "for_statement"
        ? node
        : node.namedChildren.find((child) => child.type === "for_in_clause");
    const iterable = loop && LOOPS.has(loop.type) ? loop.childForFieldName("right") : null;
    if (!iterable) continue;
    if (iterable.id === collection.id || (assigned && iterable.text === assigned.text)) return true;
    let inner = false;
    walk(iterable, (candidate) => {
      if (candidate.id === collection.id) inner = true;
    });
    if (inner) return true;
  }
  return false;
}

/** The first segment below `dir` a use names: null when it is not below `dir` or not fully known. */
function segmentBelow(use: PathUse, dir: string): string | null {
  const { text, open } = use.value;
  if (!text.startsWith(`${dir}/`)) return null;
  const rest = text.slice(dir.length + 1);
  if (open && !rest.includes("/")) return null;
  return rest.split("/")[0] || null;
}

/**
 * A path under a linked input (or an unpacked model archive) that its producer never writes:
 * the preprocessing output's `train/`, `validation/`, `test/`, the model archive's files as the
 * training script saves them. Flagged with the nearest name; a path among alternatives the script
 * tries (one of which exists) or one it tests for existence first is left alone.
 */
export function upstreamFindings(step: StepScripts, context: CheckContext): Finding[] {
  const folders = knownFolders(step, context).map((folder) => ({
    ...folder,
    dir: trim(folder.dir),
  }));
  if (folders.length === 0) return [];
  const found: Finding[] = [];
  const seen = new Set<string>();
  for (const script of step.scripts) {
    for (const uses of usesByNode(script).values()) {
      for (const folder of folders) {
        const named = uses
          .map((use) => ({ use, segment: segmentBelow(use, folder.dir) }))
          .filter((entry): entry is { use: PathUse; segment: string } => {
            if (entry.segment === null) return false;
            const at = pieceAt(entry.use.value, folder.dir.length + 1);
            return !at || reaches(at.piece.node, entry.use.node);
          });
        // Alternatives the script tries in turn: fine when one of them is there.
        if (named.length === 0 || named.some(({ segment }) => folder.names.has(segment))) continue;
        const { use, segment } = named[0] as { use: PathUse; segment: string };
        const guarded = [`${folder.dir}/${segment}`, trim(use.value.text)].some((path) =>
          script.guardedPaths.has(path),
        );
        if (guarded) continue;
        const finding = missingName(script, use, segment, folder);
        const key = `${script.file}:${finding.place?.line}:${finding.place?.column}`;
        if (seen.has(key)) continue;
        seen.add(key);
        found.push(finding);
      }
    }
  }
  return found;
}

function missingName(script: ScriptFacts, use: PathUse, segment: string, folder: Folder): Finding {
  const at = pieceAt(use.value, folder.dir.length + 1);
  const place = at ? placeOf(at.piece.node, at.within) : placeOf(use.node);
  const path = use.value.open ? `${use.value.text}…` : use.value.text;
  if (folder.packed?.has(segment))
    return {
      code: "PD541",
      severity: "warning",
      message: `${path}: ${segment} is inside ${MODEL_ARCHIVE}, which the script never unpacks into ${folder.dir}`,
      file: script.file,
      place,
      fix: {
        message: `unpack it first: tarfile.open("${folder.dir}/${MODEL_ARCHIVE}").extractall("${folder.dir}")`,
      },
    };
  const match = closest(segment, folder.names);
  return {
    code: "PD541",
    severity: "warning",
    message: `${path}: there is no "${segment}" in ${folder.dir}; ${folder.says}`,
    file: script.file,
    place,
    ...(match
      ? { fix: { message: `did you mean ${match}?`, ...(at ? { replacement: match } : {}) } }
      : {}),
  };
}
