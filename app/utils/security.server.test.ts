import { describe, expect, it } from "vitest";
import { tileSource } from "./security.server";

describe("the map tiles' source in the Content Security Policy", () => {
  it("is the tile server's origin, with a wildcard for {s} subdomains", () => {
    expect(tileSource("https://tile.openstreetmap.org/{z}/{x}/{y}.png")).toBe(
      "https://tile.openstreetmap.org",
    );
    expect(tileSource("https://{s}.tile.example.org/{z}/{x}/{y}.png")).toBe(
      "https://*.tile.example.org",
    );
    expect(tileSource("http://localhost:8080/tiles/{z}/{x}/{y}.png")).toBe("http://localhost:8080");
    expect(tileSource("")).toBeNull();
  });
});
