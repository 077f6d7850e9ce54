/**
 * Compiled execution: every operation Apollo has parsed and validated runs as
 * a function generated once for that document (graphql-jit) instead of being
 * interpreted field by field. A list page touches thousands of fields; the
 * interpreter's per-field bookkeeping cost more than its SQL.
 *
 * Apollo takes a custom executor only through its gateway interface, so this
 * is a gateway of one fixed schema. Apollo still parses, validates (with the
 * hardening rules), formats errors and runs every plugin as before.
 */
import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { execute, GraphQLError, printSchema, type DocumentNode, type ExecutionResult, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import type { Context } from './context';
import { jsonAnswerer, type JsonAnswerHandler } from './json-answers';

/** Compiled documents, per parsed document (Apollo's document store keeps one object per query text). */
type CompiledByOperation = Map<string, CompiledQuery | ExecutionResult>;

/** One operation of a parsed and validated document, as Apollo's gateway and the direct path (direct-graphql.ts) hand it over. */
export interface Execution {
  document: DocumentNode;
  /** The operation to run; undefined when the document names none that matches. */
  operation: OperationDefinitionNode | undefined;
  operationName: string | null | undefined;
  variables: Record<string, unknown> | null | undefined;
  context: Context;
}

export type Executor = (execution: Execution) => Promise<ExecutionResult>;

export function compiledExecutor(schema: GraphQLSchema, jsonAnswers: Record<string, JsonAnswerHandler> = {}): Executor {
  const compiled = new WeakMap<DocumentNode, CompiledByOperation>();
  const answerAsJson = jsonAnswerer(schema, jsonAnswers);
  const compile = (document: DocumentNode, operationName: string | undefined) => {
    let byOperation = compiled.get(document);
    if (!byOperation) compiled.set(document, (byOperation = new Map()));
    const key = operationName ?? '';
    let entry = byOperation.get(key);
    if (!entry) {
      // Leaf values go through the schema's own serializers (Date → ISO string, enums), as graphql-js does.
      entry = compileQuery(schema, document, operationName, { disablingCapturingStackErrors: true });
      byOperation.set(key, entry);
    }
    return entry;
  };
  return async ({ document, operation, operationName, variables: given, context }) => {
    // No operation to run (several and no name, or an unknown name): graphql-js words that error, Apollo answers 400.
    if (!operation) return execute({ schema, document, operationName, contextValue: context }) as ExecutionResult;
    // Variables are checked by graphql-js itself first, so bad input gets its exact messages (and Apollo's
    // BAD_USER_INPUT, which recognises them), as without compilation.
    const variables = getVariableValues(schema, operation.variableDefinitions ?? [], given ?? {}, { maxErrors: 50 });
    if (variables.errors) return { errors: variables.errors };
    // A root field PostgreSQL answers as JSON text (json-answers.ts), when it can; else the compiled query.
    const answered = await answerAsJson(document, operation, variables.coerced, context);
    if (answered) return answered;
    const entry = compile(document, operationName ?? undefined);
    if (!isCompiledQuery(entry)) return entry;
    const result = await entry.query(undefined, context, given ?? {});
    return result.errors ? { ...result, errors: result.errors.map(asGraphQLJsError) } : result;
  };
}

/**
 * graphql-jit's errors carry the same message, path, locations and original
 * error, but not every property graphql-js sets; error formatting (and
 * Apollo's unwrapping of resolver errors) expects graphql-js's own.
 */
function asGraphQLJsError(error: GraphQLError): GraphQLError {
  const original = error.originalError ?? undefined;
  const converted = new GraphQLError(error.message, { path: error.path, originalError: original, extensions: error.extensions });
  if (error.locations) Object.defineProperty(converted, 'locations', { value: error.locations, enumerable: true });
  return converted;
}

/** An Apollo gateway serving one schema that never changes, executed by `executor` (compiled queries). */
export function compiledGateway(schema: GraphQLSchema, run: Executor): GatewayInterface {
  const executor: GatewayExecutor = ({ document, operation, request, context }) =>
    // Apollo's context is the one our context function built (http.ts).
    run({ document, operation, operationName: request.operationName, variables: request.variables, context: context as unknown as Context });
  return {
    async load() {
      return { schema, executor };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => {};
    },
    async stop() {},
  };
}
