export * from "./branches";
export * from "./linkCheck";
export * from "./propose";
export * from "./score";
export { nameSimilarity, normalise, stringRatio } from "./similarity";
