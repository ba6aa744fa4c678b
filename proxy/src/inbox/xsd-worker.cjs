// Worker thread for iso18626-schema.ts: libxml2's xmllint from the xmllint-wasm package, with the
// WebAssembly module compiled once per worker instead of once per message (the package's own
// validateXML starts a worker and compiles the module for every call). Each validation still
// gets a fresh xmllint runtime and memory (32 MiB at most), so no state passes between messages.
// Requests arrive on the MessagePort in workerData (the package's file also listens on parentPort,
// which is never used). Answers: { id, exitCode, stderr } or { id, error }.
const { workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const path = require('node:path');

const dir = path.dirname(require.resolve('xmllint-wasm'));
const xmllint = require(path.join(dir, 'xmllint-node.js'));
const compiled = new WebAssembly.Module(readFileSync(path.join(dir, 'xmllint.wasm')));
const { port, schema } = workerData;

function validate(xml) {
  return new Promise((resolve) => {
    let stderr = '';
    let settled = false;
    const done = (r) => {
      if (!settled) {
        settled = true;
        resolve(r);
      }
    };
    xmllint({
      inputFiles: [
        { fileName: 'schema.xsd', contents: schema },
        { fileName: 'message.xml', contents: xml },
      ],
      arguments: ['--schema', 'schema.xsd', '--noout', 'message.xml'],
      print() {},
      printErr(text) {
        stderr += `${text}\n`;
      },
      onExit(exitCode) {
        done({ exitCode, stderr });
      },
      wasmMemory: new WebAssembly.Memory({ initial: 256, maximum: 512 }),
      instantiateWasm(imports, receive) {
        WebAssembly.instantiate(compiled, imports).then((instance) => receive(instance, compiled));
        return {};
      },
    }).catch((e) => done({ exitCode: -1, stderr: String((e && e.message) || e) }));
  });
}

let queue = Promise.resolve();
port.on('message', ({ id, xml }) => {
  queue = queue
    .then(() => validate(xml))
    .then(
      (r) => port.postMessage({ id, ...r }),
      (e) => port.postMessage({ id, error: String((e && e.message) || e) }),
    );
});
