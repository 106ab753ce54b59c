// Parse Mermaid diagrams with Mermaid's own parser (mermaid.parse), in Node with jsdom for the DOM it expects.
// stdin: a JSON array of diagram texts; stdout: a JSON array, per diagram null (it parses) or the error text.
import { JSDOM } from "jsdom";

const dom = new JSDOM("<!DOCTYPE html><body></body>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false });

let input = "";
for await (const chunk of process.stdin) input += chunk;
const results = [];
for (const text of JSON.parse(input)) {
  try {
    const parsed = await mermaid.parse(text);
    results.push(parsed && parsed.diagramType ? null : `not a diagram: ${JSON.stringify(parsed)}`);
  } catch (error) {
    results.push(String((error && error.message) || error));
  }
}
process.stdout.write(JSON.stringify(results));
