import { describe, expect, it } from "vitest";
import { byteLength } from "./canonicalJson";

describe("byteLength", () => {
  it("counts what TextEncoder encodes, lone surrogates included", () => {
    const samples = [
      "",
      "abc",
      "é",
      "€",
      "😀",
      "a😀b",
      "\ud800",
      "\udc00",
      "\ud800x",
      "\udbff\udfff",
    ];
    for (let code = 0; code < 0x10000; code += 7)
      samples.push(`${String.fromCharCode(code)}a\ud83d`);
    for (const text of samples)
      expect(byteLength(text)).toBe(new TextEncoder().encode(text).length);
  });
});
