// Bundles the playground with esbuild into OUT_DIR (argv[2]): content-hashed JS and CSS, the
// page with their names filled in, the /docs page, and examples.json indexing EXAMPLES_DIR (argv[3]).
import * as esbuild from "esbuild";
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, copyFileSync } from "node:fs";
import { basename, join } from "node:path";

const [out, examplesDir] = process.argv.slice(2);
if (!out || !examplesDir) {
  console.error("usage: node build.mjs OUT_DIR EXAMPLES_DIR");
  process.exit(2);
}
rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, "docs"), { recursive: true });

const result = await esbuild.build({
  entryPoints: ["src/main.js"],
  bundle: true,
  minify: true,
  format: "iife",
  target: "es2020",
  outdir: out,
  entryNames: "[name]-[hash]",
  metafile: true,
  logLevel: "warning",
  legalComments: "none",
});
const outputs = Object.keys(result.metafile.outputs).map((p) => basename(p));
const js = outputs.find((n) => n.endsWith(".js"));
const css = outputs.find((n) => n.endsWith(".css"));
const page = readFileSync("src/index.html", "utf8").replace("{{js}}", js).replace("{{css}}", css);
writeFileSync(join(out, "index.html"), page);
copyFileSync("src/docs/index.html", join(out, "docs", "index.html"));
copyFileSync("src/docs/init.js", join(out, "docs", "init.js"));
copyFileSync("src/docs/docs.css", join(out, "docs", "docs.css"));

// examples.json: every examples/*.ion, titled by its first comment line.
const examples = readdirSync(examplesDir)
  .filter((f) => f.endsWith(".ion"))
  .sort()
  .map((file) => {
    const source = readFileSync(join(examplesDir, file), "utf8");
    const first = source.split("\n")[0];
    const name = file.slice(0, -".ion".length);
    const title = first.startsWith("//") ? first.replace(/^\/\/\s?/, "").trim() : name;
    return { name, title: title || name, source };
  });
writeFileSync(join(out, "examples.json"), JSON.stringify(examples));
