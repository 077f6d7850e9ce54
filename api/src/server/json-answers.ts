/**
 * Root fields whose whole answer PostgreSQL builds as JSON text. When a query
 * asks for exactly one such field and its handler can answer the selection
 * (plain columns), the text goes into the response as it is: no objects, no
 * field-by-field execution, no second serialisation. Any other selection runs
 * through GraphQL's resolvers as usual.
 *
 *   executor (compiled-execution.ts) ── jsonAnswerer ── handler(args, selection, context) → JSON text
 *                                            │
 *   result { data: { alias: RawJson } } ── stringifyResult (Apollo) writes the text in place
 */
import {
  getNamedType,
  isNonNullType,
  isObjectType,
  locatedError,
  type DocumentNode,
  type ExecutionResult,
  type FieldNode,
  type FormattedExecutionResult,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { collectFields, collectSubfields } from 'graphql/execution/collectFields';
import { getArgumentValues } from 'graphql/execution/values';
import type { Context } from './context';
import { directiveValuesKey, mentionsField, ShapeCache } from './selection';

/** The fields selected on an object, merged as GraphQL merges them: the response key, the field and its own selection. */
export type JsonSelection = { key: string; field: string; fields?: JsonSelection }[];

/** Answers a root field as JSON text, or null when the selection needs GraphQL's resolvers. */
export type JsonAnswerHandler = (args: Record<string, unknown>, selection: JsonSelection, context: Context) => Promise<RawJson | null>;

/**
 * JSON text PostgreSQL built, written into the response unchanged. Kept in pieces (an array's elements and
 * the commas between them) so that the response is joined once: a city's 考核 is 4 MB of text.
 */
export class RawJson {
  private constructor(readonly pieces: readonly string[]) {}

  /** One JSON value's text. */
  static text(json: string): RawJson {
    return new RawJson([json]);
  }

  /** A JSON array of these elements, each the JSON text of one element or of several separated by commas. */
  static array(elements: readonly string[]): RawJson {
    const pieces = ['['];
    for (const element of elements) pieces.push(element, ',');
    if (elements.length > 0) pieces.pop();
    pieces.push(']');
    return new RawJson(pieces);
  }
}

type Fragments = Record<string, FragmentDefinitionNode>;

/** The merged selection below `nodes` of `type`, or null where it reaches an interface or a union (left to GraphQL). */
function selectionOf(schema: GraphQLSchema, fragments: Fragments, variables: Record<string, unknown>, type: GraphQLObjectType, nodes: readonly FieldNode[]): JsonSelection | null {
  const out: JsonSelection = [];
  for (const [key, fieldNodes] of collectSubfields(schema, fragments, variables, type, nodes)) {
    const field = fieldNodes[0].name.value;
    if (field === '__typename') {
      out.push({ key, field });
      continue;
    }
    const named = getNamedType(type.getFields()[field].type);
    if (isObjectType(named)) {
      if (fieldNodes.some((n) => n.arguments?.length)) return null;
      const fields = selectionOf(schema, fragments, variables, named, fieldNodes);
      if (!fields) return null;
      out.push({ key, field, fields });
    } else if (fieldNodes.some((n) => n.selectionSet || n.arguments?.length) || !('serialize' in named)) {
      // A leaf with arguments is computed by its resolver, not read from a column.
      return null;
    } else {
      out.push({ key, field });
    }
  }
  return out;
}

function fragmentsOf(document: DocumentNode): Fragments {
  const fragments: Fragments = {};
  for (const definition of document.definitions) {
    if (definition.kind === 'FragmentDefinition') fragments[definition.name.value] = definition;
  }
  return fragments;
}

/** The operation's one root field with a handler, and its plain selection; null for anything else. */
function plannedRoot(schema: GraphQLSchema, fragments: Fragments, operation: OperationDefinitionNode, variables: Record<string, unknown>, handlers: Record<string, JsonAnswerHandler>) {
  const queryType = schema.getQueryType();
  if (operation.operation !== 'query' || !queryType) return null;
  const roots = collectFields(schema, fragments, variables, queryType, operation.selectionSet);
  if (roots.size !== 1) return null;
  const [[key, nodes]] = roots;
  const handler = Object.hasOwn(handlers, nodes[0].name.value) ? handlers[nodes[0].name.value] : undefined;
  const definition = queryType.getFields()[nodes[0].name.value];
  const rowType = definition && getNamedType(definition.type);
  if (!handler || !isObjectType(rowType)) return null;
  const selection = selectionOf(schema, fragments, variables, rowType, nodes);
  return selection && { key, nodes, definition, handler, selection };
}

/** The result of an operation asking for one root field with a handler, answered by it; null when it cannot be. */
export type JsonAnswerer = (document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>, context: Context) => Promise<ExecutionResult | null>;

type Planned = ReturnType<typeof plannedRoot>;

/**
 * Answers queries of one root field with a handler; null for anything else or when the handler declines (then the
 * caller executes it as usual). Whether a document can be answered at all is decided once per parsed document, so
 * the other queries (every request of the public hot path) pay a lookup, not a walk of their selection; the root
 * field and its selection are read once per operation and values of the variables `@skip`/`@include` read.
 */
export function jsonAnswerer(schema: GraphQLSchema, handlers: Record<string, JsonAnswerHandler>): JsonAnswerer {
  const candidates = new WeakMap<DocumentNode, { fragments: Fragments } | null>();
  const plans = new ShapeCache<OperationDefinitionNode, Planned>();
  return async (document, operation, variables, context) => {
    let candidate = candidates.get(document);
    if (candidate === undefined) {
      candidate = mentionsField(document, (name) => Object.hasOwn(handlers, name)) ? { fragments: fragmentsOf(document) } : null;
      candidates.set(document, candidate);
    }
    if (!candidate) return null;
    const { fragments } = candidate;
    const shape = directiveValuesKey({ operation, fragments, variableValues: variables });
    let planned = plans.get(operation, shape);
    if (planned === undefined) {
      try {
        planned = plannedRoot(schema, fragments, operation, variables, handlers);
      } catch {
        // A selection GraphQL execution refuses (e.g. @include(if: $v) with $v null): it words the error.
        return null;
      }
      plans.set(operation, shape, planned);
    }
    if (!planned) return null;
    const { key, nodes, definition, handler, selection } = planned;
    try {
      const answer = await handler(getArgumentValues(definition, nodes[0], variables), selection, context);
      return answer === null ? null : { data: { [key]: answer } };
    } catch (error) {
      // As graphql-js reports a failed root field: located at it, and data null when the field may not be.
      return { data: isNonNullType(definition.type) ? null : { [key]: null }, errors: [locatedError(error, nodes, [key])] };
    }
  };
}

/**
 * The response text of a result, in pieces: JSON.stringify's, except that a RawJson root field's text is written
 * as it is. The direct path (direct-graphql.ts) writes the pieces one after the other, so a city's 4 MB 考核 is
 * never joined into one string.
 */
export function resultPieces(result: FormattedExecutionResult): string[] {
  const data = result.data;
  if (!data || !Object.values(data).some((value) => value instanceof RawJson)) return [`${JSON.stringify(result)}\n`];
  // Apollo hands the result as { errors, data, extensions }; the keys that are set, in that order.
  const parts = [result.errors ? `{"errors":${JSON.stringify(result.errors)},"data":{` : '{"data":{'];
  for (const [index, [key, value]] of Object.entries(data).entries()) {
    parts.push(`${index === 0 ? '' : ','}${JSON.stringify(key)}:`);
    if (value instanceof RawJson) for (const piece of value.pieces) parts.push(piece);
    else parts.push(JSON.stringify(value));
  }
  parts.push(result.extensions ? `},"extensions":${JSON.stringify(result.extensions)}}\n` : '}}\n');
  return parts;
}

/** Apollo's `stringifyResult`: {@link resultPieces} joined. */
export function stringifyResult(result: FormattedExecutionResult): string {
  return resultPieces(result).join('');
}
