export * from "./schema";
export * from "./load";
export * from "./migrations";
export * from "./graph";
export * from "./path";
export * from "./diagnostics";
export * from "./placement";
export * from "./records";
