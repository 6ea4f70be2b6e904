import { mkdir, symlink } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { docsOf, errorsOf, fixture, readAll, shape, useTempDir } from "./helpers.ts";

const tmp = useTempDir();

describe("directories", () => {
  it("reads known files recursively, sorted by path, skipping hidden and other files", async () => {
    const tree = fixture("tree");
    const items = await readAll([tree]);
    expect(errorsOf(items)).toEqual([]); // notes.md is skipped silently
    expect(docsOf(items).map((d) => d.origin)).toEqual([
      `${tree}/a.txt`,
      `${tree}/briefings-index.txt`, // "-" sorts before "/"
      `${tree}/briefings/one.html`,
      `${tree}/briefings/two.jsonl:1`,
      `${tree}/z.txt`,
    ]);
  });

  it("reads linked files, reports dangling links, and does not follow linked folders", async () => {
    const dir = tmp.path("links");
    await mkdir(dir);
    await symlink(fixture("gold-visit.txt"), `${dir}/b-linked.txt`);
    await symlink(`${dir}/nowhere.txt`, `${dir}/c-dangling.txt`);
    await symlink(fixture("tree"), `${dir}/d-folder`);
    const items = await readAll([dir]);
    expect(shape(items)).toBe("de");
    expect(docsOf(items)[0]!.id).toBe("b-linked");
    expect(errorsOf(items)).toEqual([`${dir}/c-dangling.txt: no such file or directory; check the path`]);
  });

  it("reads an empty folder as nothing", async () => {
    const dir = tmp.path("empty");
    await mkdir(dir);
    expect(await readAll([dir])).toEqual([]);
  });
});
