import { expect, test } from "bun:test";
import { settingNames } from "../src/settings";

test(".env.example documents every setting the service reads", async () => {
  const example = await Bun.file(new URL("../.env.example", import.meta.url)).text();
  const documented = [...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((match) => match[1]);
  expect(settingNames.filter((name) => !documented.includes(name))).toEqual([]);
});
