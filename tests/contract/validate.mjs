// Contract validator for the test suites. Reads one JSON request per line on stdin and answers one
// JSON line on stdout: {"ok": true} or {"ok": false, "errors": [...]}. Requests:
//   {"kind": "response", "spec": "openapi/webscrape.yaml", "method": "GET", "path": "/smartbrowse/runs/x",
//    "status": 200, "contentType": "application/json", "requestId": "req_..", "body": <json or null>}
//   {"kind": "instance", "schema": {...}, "instance": <json>}   (validate against an arbitrary schema)
//   {"kind": "schemaAt", "spec": "openapi/ittybit.yaml", "pointer": "#/paths/~1runs/post/requestBody/content/application~1json/schema",
//    "instance": <json>}                                         (validate against a schema of the spec, e.g. a documented example)
// The response's schema is looked up in the spec by path template, status and media type; Ajv checks it
// with JSON Schema 2020-12 semantics (OpenAPI 3.1 schemas are 2020-12).
import fs from "node:fs";
import readline from "node:readline";
import { parse } from "yaml";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const specs = new Map();

function newAjv() {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  return ajv;
}

function load(specPath) {
  let s = specs.get(specPath);
  if (!s) {
    const doc = parse(fs.readFileSync(specPath, "utf8"));
    const ajv = newAjv();
    ajv.addSchema(doc, "spec.json");
    const routes = Object.entries(doc.paths ?? {}).map(([template, item]) => ({
      template,
      item,
      regex: new RegExp("^" + template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+") + "$"),
    }));
    s = { doc, ajv, routes, compiled: new Map() };
    specs.set(specPath, s);
  }
  return s;
}

const esc = (p) => p.replace(/~/g, "~0").replace(/\//g, "~1");

function pointer(doc, ref) {
  return ref.slice(2).split("/").reduce((node, part) => node?.[part.replace(/~1/g, "/").replace(/~0/g, "~")], doc);
}

function checkResponse(req) {
  const s = load(req.spec);
  const method = req.method.toLowerCase();
  const route = s.routes.find((r) => r.regex.test(req.path) && r.item[method]);
  if (!route) return [`no operation in ${req.spec} for ${req.method} ${req.path}`];
  const op = route.item[method];
  const status = String(req.status);
  const key = [status, `${status[0]}XX`, "default"].find((k) => op.responses?.[k]);
  if (!key) return [`${op.operationId}: status ${status} is not documented`];
  let where = `#/paths/${esc(route.template)}/${method}/responses/${key}`;
  let response = op.responses[key];
  while (response?.$ref) { where = response.$ref; response = pointer(s.doc, response.$ref); }
  const errors = [];
  if (req.headers) errors.push(...checkHeaders(s.doc, op.operationId, status, response.headers ?? {}, req.headers));
  // A response the spec gives no content (204) must have no body.
  if (!response.content) return req.body == null ? errors : [...errors, `${op.operationId} ${status}: the spec documents no body, got one`];
  const contentType = (req.contentType ?? "").split(";")[0].trim();
  const media = response.content?.[contentType];
  if (!media) return [`${op.operationId} ${status}: content type '${contentType}' is not documented (documented: ${Object.keys(response.content ?? {}).join(", ") || "none"})`];
  if (response.headers?.["X-Request-ID"] && !req.requestId) errors.push(`${op.operationId} ${status}: X-Request-ID header missing`);
  if (req.body && typeof req.body === "object" && "request_id" in req.body && req.body.request_id !== req.requestId)
    errors.push(`${op.operationId} ${status}: body request_id '${req.body.request_id}' differs from X-Request-ID '${req.requestId}'`);
  const schemaRef = `spec.json${where}/content/${esc(contentType)}/schema`;
  let validate = s.compiled.get(schemaRef);
  if (!validate) { validate = s.ajv.compile({ $ref: schemaRef }); s.compiled.set(schemaRef, validate); }
  if (!validate(req.body)) errors.push(...validate.errors.map((e) => `${op.operationId} ${status}: ${e.instancePath || "(body)"} ${e.message} ${JSON.stringify(e.params)}`));
  return errors;
}

// Documented response headers: present when `required`, and a boolean or integer header must parse as one.
function checkHeaders(doc, operationId, status, documented, actual) {
  const errors = [];
  for (const [name, h0] of Object.entries(documented)) {
    const h = h0.$ref ? pointer(doc, h0.$ref) : h0;
    const value = actual[name.toLowerCase()];
    if (value === undefined) {
      if (h.required) errors.push(`${operationId} ${status}: required header ${name} missing`);
      continue;
    }
    const type = h.schema?.type;
    if (type === "boolean" && !/^(true|false)$/.test(value)) errors.push(`${operationId} ${status}: header ${name} '${value}' is not a boolean`);
    if (type === "integer" && !/^-?\d+$/.test(value)) errors.push(`${operationId} ${status}: header ${name} '${value}' is not an integer`);
  }
  return errors;
}

function checkSchemaAt(req) {
  const s = load(req.spec);
  const schemaRef = `spec.json${req.pointer}`;
  let validate = s.compiled.get(schemaRef);
  if (!validate) { validate = s.ajv.compile({ $ref: schemaRef }); s.compiled.set(schemaRef, validate); }
  return validate(req.instance) ? [] : validate.errors.map((e) => `${e.instancePath || "(root)"} ${e.message} ${JSON.stringify(e.params)}`);
}

function checkInstance(req) {
  const validate = newAjv().compile(req.schema);
  return validate(req.instance) ? [] : validate.errors.map((e) => `${e.instancePath || "(root)"} ${e.message}`);
}

const rl = readline.createInterface({ input: process.stdin });
rl.on("line", (line) => {
  let errors;
  try {
    const req = JSON.parse(line);
    errors = req.kind === "instance" ? checkInstance(req) : req.kind === "schemaAt" ? checkSchemaAt(req) : checkResponse(req);
  } catch (e) {
    errors = [`validator error: ${e.message}`];
  }
  process.stdout.write(JSON.stringify(errors.length ? { ok: false, errors } : { ok: true }) + "\n");
});
