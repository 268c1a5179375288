/**
 * The published spec as the test oracle: every response a contract test sees is checked against
 * what openapi/openapi.yaml documents for its operation and status (body, declared headers and
 * content type), and each operation and status seen is recorded for the coverage test.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Ajv2020, { type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { parse } from "yaml";

type JsonSchema = Record<string, unknown>;
interface HeaderObject {
  required?: boolean;
  schema?: JsonSchema;
}
interface ResponseObject {
  headers?: Record<string, HeaderObject>;
  content?: Record<string, { schema?: JsonSchema }>;
}
interface OperationObject {
  operationId: string;
  responses: Record<string, ResponseObject | { $ref: string }>;
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, OperationObject>>;
  components: { schemas: Record<string, JsonSchema>; responses?: Record<string, ResponseObject> };
}

/** A response, or the `#/components/responses/…` one it refers to. */
function resolveResponse(spec: OpenApiDocument, response: ResponseObject | { $ref: string }): ResponseObject {
  if (!("$ref" in response)) return response;
  const name = response.$ref.replace("#/components/responses/", "");
  const resolved = spec.components.responses?.[name];
  if (!resolved) throw new Error(`the spec refers to a missing response ${response.$ref}`);
  return resolved;
}

export interface Operation {
  id: string;
  method: string;
  /** The spec's path, e.g. `/api/v1/reservations/{reservationId}`. */
  path: string;
  /** Documented statuses, as numbers. */
  statuses: number[];
  responses: Record<string, ResponseObject>;
}

const HTTP_METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);
const SPEC_ID = "https://tablekeeper.test/openapi.json";

export function loadSpec(): OpenApiDocument {
  return parse(readFileSync(fileURLToPath(new URL("../../../openapi/openapi.yaml", import.meta.url)), "utf8"));
}

export function operationsOf(spec: OpenApiDocument): Operation[] {
  return Object.entries(spec.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => HTTP_METHODS.has(method))
      .map(([method, operation]) => ({
        id: operation.operationId,
        method: method.toUpperCase(),
        path,
        statuses: Object.keys(operation.responses).map(Number),
        responses: Object.fromEntries(Object.entries(operation.responses).map(([status, response]) => [status, resolveResponse(spec, response)])),
      })),
  );
}

export class ContractViolation extends Error {
  override readonly name = "ContractViolation";
}

export type SpecValidator = ReturnType<typeof createSpecValidator>;

export function createSpecValidator(spec: OpenApiDocument = loadSpec()) {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  // OpenAPI annotations beside JSON Schema, and the components the responses' $refs point into.
  ajv.addKeyword("example");
  ajv.addKeyword("components");
  ajv.addSchema({ $id: SPEC_ID, components: spec.components });
  const compiled = new Map<string, ValidateFunction>();
  const operations = operationsOf(spec).map((operation) => ({
    ...operation,
    pattern: new RegExp(`^${operation.path.replace(/\{[^/}]+\}/g, "[^/]+")}$`),
  }));
  const seen = new Map<string, Set<number>>();

  /** Ajv's complaints about `value`, one line each; `key` names the schema for the cache. */
  function schemaErrors(key: string, schema: JsonSchema, value: unknown): string[] {
    let validate = compiled.get(key);
    if (!validate) {
      const anchored = JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', `"${SPEC_ID}#/components/`));
      validate = ajv.compile(anchored);
      compiled.set(key, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).map((error) => `${error.instancePath || "(root)"} ${error.message} ${JSON.stringify(error.params)}`);
  }

  function headerProblems(operationId: string, status: number, documented: ResponseObject, response: Response): string[] {
    return Object.entries(documented.headers ?? {}).flatMap(([name, header]) => {
      const value = response.headers.get(name);
      if (value === null) {
        return header.required ? [`header ${name} is missing`] : [];
      }
      return schemaErrors(`${operationId} ${status} header ${name}`, header.schema ?? {}, value).map((error) => `header ${name}: ${error}`);
    });
  }

  async function bodyProblems(operationId: string, status: number, documented: ResponseObject, response: Response): Promise<string[]> {
    const mediaType = (response.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    const text = await response.text();
    if (!documented.content) return text === "" ? [] : [`a ${mediaType} body was sent where none is documented`];
    const media = documented.content[mediaType];
    if (!media) return [`content type "${mediaType}" is not documented (documented: ${Object.keys(documented.content).join(", ")})`];
    if (!media.schema) return [];
    let body: unknown = text;
    if (/[/+]json$/.test(mediaType)) {
      try {
        body = JSON.parse(text);
      } catch {
        return [`the ${mediaType} body is not JSON: ${text.slice(0, 100)}`];
      }
    }
    return schemaErrors(`${operationId} ${status} ${mediaType}`, media.schema, body).map((error) => `body ${error}`);
  }

  function operationFor(method: string, pathname: string) {
    return operations.find((operation) => operation.method === method && operation.pattern.test(pathname));
  }

  /** Throws a ContractViolation naming everything in `response` the spec does not allow. */
  async function check(request: Request, response: Response): Promise<void> {
    const { pathname } = new URL(request.url);
    const where = `${request.method} ${pathname} answered ${response.status}`;
    const operation = operationFor(request.method, pathname);
    if (!operation) throw new ContractViolation(`${where}, but the spec has no such operation`);
    const documented = operation.responses[String(response.status)];
    if (!documented) {
      throw new ContractViolation(`${where}: ${operation.id} documents only ${operation.statuses.join(", ")}`);
    }
    const problems = [
      ...headerProblems(operation.id, response.status, documented, response),
      ...(await bodyProblems(operation.id, response.status, documented, response)),
    ];
    if (problems.length > 0) throw new ContractViolation(`${where} (${operation.id}) breaks the spec:\n  - ${problems.join("\n  - ")}`);
    seen.set(operation.id, (seen.get(operation.id) ?? new Set()).add(response.status));
  }

  return {
    operations,
    /** Statuses seen per operationId, in responses that passed the check. */
    seen: seen as ReadonlyMap<string, ReadonlySet<number>>,
    check,
    /** Errors of `value` against the named component schema, e.g. "Problem". */
    componentErrors: (name: string, value: unknown) => schemaErrors(`component ${name}`, { $ref: `#/components/schemas/${name}` }, value),
    /** A fetch that checks every response against the spec before the caller sees it. */
    fetch:
      (send: (request: Request) => Promise<Response> = (request) => fetch(request)) =>
      async (request: Request): Promise<Response> => {
        const response = await send(request);
        await check(request, response.clone());
        return response;
      },
  };
}
