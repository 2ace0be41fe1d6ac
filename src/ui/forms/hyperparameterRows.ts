import { isParameterRef } from "../../model";

export type HyperparameterType = "string" | "number" | "bool" | "list";

export function typeOfValue(value: unknown): HyperparameterType {
  if (Array.isArray(value)) return "list";
  if (typeof value === "boolean") return "bool";
  if (typeof value === "number") return "number";
  return "string";
}

export function valueText(value: unknown): string {
  if (Array.isArray(value)) return value.map(String).join(", ");
  if (isParameterRef(value)) return `{${value.parameter}}`;
  return value === undefined ? "" : String(value);
}

/** Text of a typed row → the JSON value stored; lists are comma-separated, numeric items become numbers. */
export function parseHyperparameter(
  type: HyperparameterType,
  text: string,
): { value: unknown } | { error: string } {
  const trimmed = text.trim();
  switch (type) {
    case "number": {
      const number = Number(trimmed);
      return trimmed !== "" && Number.isFinite(number)
        ? { value: number }
        : { error: "enter a number" };
    }
    case "bool":
      if (trimmed === "true" || trimmed === "false") return { value: trimmed === "true" };
      return { error: "enter true or false" };
    case "list":
      return {
        value:
          trimmed === ""
            ? []
            : trimmed.split(",").map((item) => {
                const part = item.trim();
                return part !== "" && Number.isFinite(Number(part)) ? Number(part) : part;
              }),
      };
    default:
      return { value: text };
  }
}
