import { describe, expect, it } from "vitest";
import { redactTarget } from "../../src/store/open.ts";

describe("database targets in messages", () => {
  it("hide a URL's password, even one holding '/', '@' or ':' unencoded, wherever the URL stands", () => {
    expect(redactTarget("postgres://user:secret@host/db")).toBe("postgres://user:***@host/db");
    expect(redactTarget("postgres://user:pa/ss@w@rd@db.example:5432/events?options=-c%20search_path%3Dx")).toBe("postgres://user:***@db.example:5432/events?options=-c%20search_path%3Dx");
    expect(redactTarget("postgresql://u:p:q@h")).toBe("postgresql://u:***@h");
    expect(redactTarget("cannot open the database postgres://a:b@c/d: connection refused")).toBe("cannot open the database postgres://a:***@c/d: connection refused");
  });

  it("leave targets without a password as they are", () => {
    for (const t of ["postgres://host/db", "postgres://user@host/db", "readout.db", "/srv/readout/a@b.db"]) expect(redactTarget(t)).toBe(t);
  });
});
