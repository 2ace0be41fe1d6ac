export * from "./autosave";
export * from "./designDb";
export * from "./files";
export * from "./codeFolder";
export * from "./journal";
