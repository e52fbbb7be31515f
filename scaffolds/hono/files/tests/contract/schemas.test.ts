// Contract tests: every schema of src/schemas round-trips its fixtures. A valid fixture
// parses and serialises back to the same JSON; an invalid one is rejected. A schema
// without a fixture file fails the run, so the contract cannot grow untested.
import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { contractSchemas } from "../../src/schemas/index.js";

interface Fixture {
  valid: unknown[];
  invalid: unknown[];
}

const folder = new URL("../fixtures/", import.meta.url);
const fixtureNames = readdirSync(folder)
  .filter((file) => file.endsWith(".json"))
  .map((file) => file.slice(0, -".json".length));

function load(name: string): Fixture {
  return JSON.parse(readFileSync(new URL(`${name}.json`, folder), "utf8")) as Fixture;
}

describe("contract fixtures", () => {
  it("exist for every schema, and every fixture names a schema", () => {
    expect(fixtureNames.sort()).toEqual(Object.keys(contractSchemas).sort());
  });

  describe.each(Object.entries(contractSchemas))("%s", (name, schema) => {
    const fixture = load(name);

    it("has valid and invalid examples", () => {
      expect(fixture.valid.length).toBeGreaterThan(0);
      expect(fixture.invalid.length).toBeGreaterThan(0);
    });

    it.each(fixture.valid.map((value, i) => [i, value]))("accepts valid #%i and round-trips it", (_i, value) => {
      const parsed = schema.parse(value);
      expect(JSON.parse(JSON.stringify(parsed))).toEqual(value);
    });

    it.each(fixture.invalid.map((value, i) => [i, value]))("rejects invalid #%i", (_i, value) => {
      expect(schema.safeParse(value).success).toBe(false);
    });
  });
});
