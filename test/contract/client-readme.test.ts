/** The examples in client/README.md compile against the client's source, as a user would write them. */
import { expect, test } from "bun:test";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const client = fileURLToPath(new URL("../../client/", import.meta.url));
const checkDir = `${client}.readme-check`;

/** Options a consumer of the published package would plausibly have, and none of this repo's (Bun's types). */
const tsconfig = {
  compilerOptions: {
    target: "ES2022",
    module: "ESNext",
    moduleResolution: "Bundler",
    lib: ["ES2022", "DOM"],
    types: [],
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    paths: { "@tablekeeper/client": ["../src/index.ts"] },
  },
  include: ["*.ts"],
};

test("every ```ts example in client/README.md type-checks", () => {
  const readme = readFileSync(`${client}README.md`, "utf8");
  const examples = [...readme.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match) => match[1]!);
  expect(examples.length).toBeGreaterThanOrEqual(4);

  rmSync(checkDir, { recursive: true, force: true });
  mkdirSync(checkDir);
  writeFileSync(`${checkDir}/tsconfig.json`, JSON.stringify(tsconfig, null, 2));
  // Each example is a module of its own, so their top-level names do not collide.
  examples.forEach((code, index) => writeFileSync(`${checkDir}/example-${index + 1}.ts`, `${code}\nexport {};\n`));

  // Run by Bun itself: an image with Bun and no Node (the Docker test stage) has no `node` for tsc's shebang.
  const tsc = Bun.spawnSync([process.execPath, fileURLToPath(new URL("../../node_modules/typescript/bin/tsc", import.meta.url)), "--noEmit", "-p", checkDir]);
  expect({ exitCode: tsc.exitCode, output: tsc.stdout.toString() + tsc.stderr.toString() }).toEqual({ exitCode: 0, output: "" });
  rmSync(checkDir, { recursive: true, force: true });
}, 60_000);
