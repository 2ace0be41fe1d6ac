import type { Tree } from "web-tree-sitter";

/**
 * A syntax node copied out of web-tree-sitter into plain JavaScript. Every property access on a
 * web-tree-sitter node crosses into wasm and allocates, which made a 2,000-line script take
 * seconds; one cursor pass copies the tree and the checks then read it for free.
 */
export class PyNode {
  readonly children: PyNode[] = [];
  private named: PyNode[] | undefined;

  constructor(
    readonly id: number,
    readonly type: string,
    readonly isNamed: boolean,
    /** The field this node fills in its parent (`left`, `function`, …). */
    readonly field: string | null,
    readonly startIndex: number,
    readonly endIndex: number,
    readonly parent: PyNode | null,
    private readonly source: SourceText,
  ) {}

  get text(): string {
    return this.source.text.slice(this.startIndex, this.endIndex);
  }

  get startPosition(): { row: number; column: number } {
    return this.source.position(this.startIndex);
  }

  get isError(): boolean {
    return this.type === "ERROR";
  }

  get namedChildren(): PyNode[] {
    this.named ??= this.children.filter((child) => child.isNamed);
    return this.named;
  }

  get firstChild(): PyNode | null {
    return this.children[0] ?? null;
  }

  namedChild(index: number): PyNode | null {
    return this.namedChildren[index] ?? null;
  }

  childForFieldName(name: string): PyNode | null {
    return this.children.find((child) => child.field === name) ?? null;
  }
}

/** The source and its line starts, for 0-based rows and UTF-16 columns from an index. */
class SourceText {
  private readonly lineStarts: number[] = [0];

  constructor(readonly text: string) {
    for (let index = text.indexOf("\n"); index >= 0; index = text.indexOf("\n", index + 1))
      this.lineStarts.push(index + 1);
  }

  position(index: number): { row: number; column: number } {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.lineStarts[middle] as number) <= index) low = middle;
      else high = middle - 1;
    }
    return { row: low, column: index - (this.lineStarts[low] as number) };
  }
}

const LEAF_TYPES = new Set([
  "identifier",
  "integer",
  "float",
  "true",
  "false",
  "none",
  "comment",
  "string_start",
  "string_end",
  "escape_sequence",
]);

/** Copies a parsed tree (of `source`, as parsed) into `PyNode`s with one cursor pass. */
export function copyTree(tree: Tree, source: string): PyNode {
  const text = new SourceText(source);
  const language = tree.language;
  const types = language.types;
  const fields = language.fields;
  const namedByType = new Map<number, boolean>();
  const cursor = tree.walk();
  let nextId = 0;
  const isNamed = (typeId: number) => {
    let named = namedByType.get(typeId);
    if (named === undefined) {
      named = language.nodeTypeIsNamed(typeId);
      namedByType.set(typeId, named);
    }
    return named;
  };
  const build = (parent: PyNode | null, field: string | null, typeId: number): PyNode => {
    const named = isNamed(typeId);
    const type = types[typeId] || "ERROR";
    const node = new PyNode(
      nextId++,
      type,
      named || type === "ERROR",
      field,
      cursor.startIndex,
      cursor.endIndex,
      parent,
      text,
    );
    // Each step into wasm costs; tokens have no children, so do not ask.
    if (node.isNamed && !LEAF_TYPES.has(type) && cursor.gotoFirstChild()) {
      do {
        const childField = fields[cursor.currentFieldId] ?? null;
        const childType = cursor.nodeTypeId;
        // Punctuation without a field ("(", ",", ":") is never read: skip its copy.
        if (childField === null && !isNamed(childType) && types[childType]) continue;
        node.children.push(build(node, childField, childType));
      } while (cursor.gotoNextSibling());
      cursor.gotoParent();
    }
    return node;
  };
  try {
    return build(null, null, cursor.nodeTypeId);
  } finally {
    cursor.delete();
  }
}
