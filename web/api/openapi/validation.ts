import { createRequire } from 'node:module';
import type { Ajv2020, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { lazy } from '../../../src/lazy.ts';
import type { OpenApiDocument, Operation } from './document.ts';
import type { Schema } from './schemas.ts';

/**
 * The OpenAPI document's schemas as validators (Ajv, JSON Schema 2020-12): one for the parameters
 * and one for the body of each operation's requests, and one per answer. Used by the router on
 * every request and by the tests on every answer, so the document is what is enforced.
 */
export type Problem = { field: string; message: string };
export type RequestValidator = {
  /** Checks and converts (strings to numbers and booleans) the path, query and header parameters in place. */
  parameters(values: { path: Record<string, unknown>; query: Record<string, unknown>; header: Record<string, unknown> }): Problem[];
  body(value: unknown): Problem[];
  /** Whether the operation takes a body at all. */
  takesBody: boolean;
};

const DEFS_ID = 'invite-desk-openapi';
/** OpenAPI's own keywords that JSON Schema does not know; they only describe. */
const ANNOTATIONS = ['example', 'discriminator', 'xml', 'externalDocs'];

/**
 * Ajv is loaded with the first validator, not at start (it is most of the API's start-up cost).
 * Required, not imported, so that validators stay synchronous; loading CommonJS takes the same time either way.
 */
const ajvLibrary = lazy(() => {
  const require = createRequire(import.meta.url);
  return {
    Ajv2020: (require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js')).Ajv2020,
    addFormats: require('ajv-formats') as typeof import('ajv-formats').default,
  };
});

function newAjv(coerceTypes: boolean, document: OpenApiDocument): Ajv2020 {
  const { Ajv2020, addFormats } = ajvLibrary();
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, coerceTypes });
  addFormats(ajv);
  ajv.addVocabulary(ANNOTATIONS);
  ajv.addSchema({ $id: DEFS_ID, $defs: rewriteRefs(document.components.schemas) });
  return ajv;
}

/** `#/components/schemas/X` as Ajv finds it: in the one schema that holds every component. */
function rewriteRefs<T>(value: T): T {
  if (Array.isArray(value)) return value.map(rewriteRefs) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [
      key, key === '$ref' && typeof inner === 'string' ? inner.replace('#/components/schemas/', `${DEFS_ID}#/$defs/`) : rewriteRefs(inner),
    ])) as T;
  }
  return value;
}

const problemsOf = (errors: ErrorObject[] | null | undefined, root: string): Problem[] => (errors ?? []).map((error) => {
  const path = [root, ...error.instancePath.split('/').filter(Boolean)].filter(Boolean).join('.');
  const missing = error.keyword === 'required' ? (error.params as { missingProperty: string }).missingProperty : null;
  const extra = error.keyword === 'additionalProperties' ? (error.params as { additionalProperty: string }).additionalProperty : null;
  if (missing) return { field: [path, missing].filter(Boolean).join('.'), message: 'is required' };
  if (extra) return { field: [path, extra].filter(Boolean).join('.'), message: 'is not a field of this request' };
  return { field: path || 'body', message: error.message ?? 'is not valid' };
});

/**
 * Validators are compiled when first asked for (compiling them all takes about half a second,
 * which the process would otherwise spend at start, before it handles its signals).
 */
export function documentValidators(document: OpenApiDocument) {
  let ajvs: { coercing: Ajv2020; strict: Ajv2020 } | null = null;
  const compilers = () => (ajvs ??= { coercing: newAjv(true, document), strict: newAjv(false, document) });
  const parameterRefs = document.components.parameters;

  function parametersOf(operation: Operation) {
    return (operation.parameters ?? []).map((p) => {
      const ref = (p as unknown as { $ref?: string }).$ref;
      return ref ? parameterRefs[ref.split('/').pop()!]! : p;
    });
  }

  function requestValidator(operation: Operation): RequestValidator {
    const { coercing, strict } = compilers();
    const parameters = parametersOf(operation);
    const compiled = (['path', 'query', 'header'] as const).map((location) => {
      const own = parameters.filter((p) => p.in === location);
      const name = (p: { name: string }) => (location === 'header' ? p.name.toLowerCase() : p.name);
      const schema = {
        type: 'object',
        properties: Object.fromEntries(own.map((p) => [name(p), rewriteRefs(p.schema)])),
        required: own.filter((p) => p.required).map(name),
        ...(location === 'query' ? { additionalProperties: false } : {}),
      };
      return [location, coercing.compile(schema)] as const;
    });
    const bodySchema = operation.requestBody?.content['application/json'].schema;
    const bodyValidator: ValidateFunction | null = bodySchema ? strict.compile(rewriteRefs(bodySchema)) : null;
    const bodyRequired = operation.requestBody?.required !== false;
    return {
      takesBody: bodyValidator !== null,
      parameters(values) {
        return compiled.flatMap(([location, validate]) => (validate(values[location]) ? [] : problemsOf(validate.errors, location === 'path' ? '' : location)));
      },
      body(value) {
        if (!bodyValidator) return [];
        if (value === undefined) return bodyRequired ? [{ field: 'body', message: 'is required (a JSON object)' }] : [];
        return bodyValidator(value) ? [] : problemsOf(bodyValidator.errors, '');
      },
    };
  }

  /** The validator of an operation's answer with this status (or its `default`), and the media type it must have. */
  const compiledAnswers = new Map<string, { mediaType: string; validate: ValidateFunction } | null>();
  function responseSchema(operation: Operation, status: number): { mediaType: string; validate: ValidateFunction } | null {
    const key = `${operation.operationId} ${status}`;
    if (!compiledAnswers.has(key)) compiledAnswers.set(key, compileAnswer(operation, status));
    return compiledAnswers.get(key)!;
  }

  function compileAnswer(operation: Operation, status: number): { mediaType: string; validate: ValidateFunction } | null {
    const responses = operation.responses as Record<string, { $ref?: string; content?: Record<string, { schema: Schema }> }>;
    let response = responses[String(status)] ?? responses.default;
    if (response?.$ref) response = (document.components.responses as typeof responses)[response.$ref.split('/').pop()!];
    const [mediaType, content] = Object.entries(response?.content ?? {})[0] ?? [];
    return mediaType && content ? { mediaType, validate: compilers().strict.compile(rewriteRefs(content.schema)) } : null;
  }

  return { requestValidator, responseSchema };
}
