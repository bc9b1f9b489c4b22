// Lays out graphs with ELK's layered algorithm (elkjs, pinned in package.json).
// Reads a JSON array of ELK graphs on stdin, writes the laid-out array on stdout.
// Called by scripts/mbc/layout.py at build time; ELK is deterministic, so the same input
// gives the same coordinates. elkjs is resolved from the project's node_modules.
const ELK = require("elkjs/lib/elk.bundled.js");

async function main() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const graphs = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  const elk = new ELK();
  const laidOut = [];
  for (const graph of graphs) laidOut.push(await elk.layout(graph));
  process.stdout.write(JSON.stringify(laidOut));
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack || error) + "\n");
  process.exit(1);
});
