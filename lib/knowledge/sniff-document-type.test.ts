import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { sniffDocumentType } from "@/lib/knowledge/sniff-document-type";

const text = (value: string) => new Uint8Array(Buffer.from(value));

describe("sniffDocumentType", () => {
  it("trusts bytes over names: a PDF named .txt is a PDF, markup is HTML", () => {
    expect(sniffDocumentType(text("%PDF-1.7\n…"), { name: "notes.txt" })).toBe("application/pdf");
    expect(sniffDocumentType(text("<!DOCTYPE html><p>x</p>"), { name: "page.txt" })).toBe("text/html");
    expect(sniffDocumentType(text("# Title"), { name: "readme.md" })).toBe("text/markdown");
    expect(sniffDocumentType(text("plain words"), { name: "a.txt" })).toBe("text/plain");
    expect(sniffDocumentType(text("héllo wörld"), {})).toBe("text/plain");
  });

  it("refuses binaries with a message naming the file and the supported types", () => {
    const refuse = (bytes: Uint8Array, name: string) => {
      try {
        sniffDocumentType(bytes, { name });
      } catch (error) {
        return error as AppError;
      }
      throw new Error("accepted");
    };
    expect(refuse(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00]), "photo.jpg")).toMatchObject({ code: "unsupported_media_type", message: expect.stringContaining('"photo.jpg" is neither text') });
    expect(refuse(text("PK\u0003\u0004 anything"), "a.zip").message).toContain("not a Word document");
    expect(refuse(text("a\u0000b"), "b.bin").message).toContain("NUL");
    expect(refuse(new Uint8Array(), "e.txt")).toMatchObject({ code: "bad_request" });
  });

  it("does not refuse text whose first 64 KiB end inside a multi-byte character", () => {
    const bytes = Buffer.concat([Buffer.alloc(64 * 1024 - 1, 0x61), Buffer.from("é and more")]);
    expect(sniffDocumentType(new Uint8Array(bytes), { name: "long.txt" })).toBe("text/plain");
  });
});
