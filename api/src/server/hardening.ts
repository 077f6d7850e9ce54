/**
 * Query hardening: limits on what one GraphQL document may ask for, shared by
 * HTTP (Apollo) and the WebSocket server (graphql-ws), so neither path is the
 * soft one. Depth, aliases and directives are counted by GraphQL Armor's
 * visitors; cost is our own (Armor's ignores `first: $variable`); tokens are
 * capped by graphql-js's parser (`maxTokens`).
 *
 * A document over any limit is refused before the standard rules look at it:
 * one error per exceeded limit, not one per offending node (a thousand
 * repeated directives must not produce a thousand errors). So is a directive
 * repeated at one location, within the limits (graphql-cop's "directive
 * overloading" probe). Whatever else is wrong stops validation after
 * `maxErrors` errors.
 */
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  BREAK,
  GraphQLError,
  Kind,
  NoSchemaIntrospectionCustomRule,
  getNamedType,
  isInterfaceType,
  isObjectType,
  parse,
  specifiedRules,
  validate,
  visit,
  type ASTNode,
  type ASTVisitor,
  type DirectiveNode,
  type DocumentNode,
  type FieldNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ParseOptions,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import type { ApolloServerOptions, BaseContext } from '@apollo/server';
import type { Config } from '../config';
import { ErrorCode } from '../errors';

export interface QueryLimits {
  /** Nesting of fields (`{ a { b } }` is 2). */
  maxDepth: number;
  /** Aliased fields per operation, `__typename` aliases included. */
  maxAliases: number;
  /** Directives per operation. */
  maxDirectives: number;
  /** Lexical tokens per document (checked while parsing). */
  maxTokens: number;
  /** Estimated cost per operation, see {@link operationCost}. */
  maxCost: number;
  /** Page size assumed for `first: $variable` (the API never serves more). */
  maxPageSize: number;
  /** Validation errors returned at most (graphql-js then stops). */
  maxErrors: number;
}

/**
 * Generous for every real screen and SDK operation (a page of 100 issues with
 * category, grid, region, assignee and timeline costs about 14,000), tight
 * enough that a bomb is refused before it touches the database.
 */
export const QUERY_LIMITS: Readonly<QueryLimits> = Object.freeze({
  maxDepth: 12,
  maxAliases: 15,
  maxDirectives: 20,
  maxTokens: 2000,
  maxCost: 50_000,
  maxPageSize: 100,
  maxErrors: 10,
});

/** Armor's cost model: objects 2, scalars 1, each level ×1.5, lists ×`first`. */
const OBJECT_COST = 2;
const SCALAR_COST = 1;
const DEPTH_FACTOR = 1.5;

function limitError(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.GRAPHQL_VALIDATION_FAILED } });
}

/** Armor's visitors as plain counters: each reports through `onReject`, never throws. */
function armorCounters(limits: QueryLimits, onReject: (context: ValidationContext | null, error: GraphQLError) => void) {
  const common = { exposeLimits: true, propagateOnRejection: false, onReject: [onReject] };
  const { validationRules } = new ApolloArmor({
    blockFieldSuggestion: { enabled: false },
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    // Armor allow-lists __typename aliases by default; a thousand of them are still a thousand response keys.
    maxAliases: { ...common, n: limits.maxAliases, allowList: [] },
    maxDirectives: { ...common, n: limits.maxDirectives },
    // Depth counts fields: a fragment spread is a way of writing a selection, not a level of data.
    maxDepth: { ...common, n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true },
  }).protect();
  return validationRules;
}

/**
 * Estimated cost of an operation: every object field costs 2 plus 1.5 × its
 * children, a scalar 1, and a paginated field is multiplied by its page size —
 * the literal `first`, the schema default when omitted, and
 * `limits.maxPageSize` when it comes from a variable (whose value validation
 * cannot see). Fragments are flattened; a fragment cycle costs nothing here
 * (the standard NoFragmentCycles rule reports it).
 */
export function operationCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: (name: string) => { typeCondition: { name: { value: string } }; selectionSet: SelectionSetNode } | null | undefined,
  maxPageSize = QUERY_LIMITS.maxPageSize,
): number {
  const root = schema.getRootType(operation.operation) ?? undefined;
  const fragmentCosts = new Map<string, number>();
  const visiting = new Set<string>();

  const pageSize = (field: FieldNode, parent: GraphQLNamedType | undefined): number => {
    const definition = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[field.name.value] : undefined;
    const firstArg = definition?.args.find((a) => a.name === 'first');
    if (!firstArg) return 1;
    const given = field.arguments?.find((a) => a.name.value === 'first');
    if (!given) return typeof firstArg.defaultValue === 'number' ? Math.max(1, firstArg.defaultValue) : maxPageSize;
    if (given.value.kind === Kind.INT) return Math.max(1, Number.parseInt(given.value.value, 10) || 1);
    return maxPageSize;
  };

  const selectionCost = (set: SelectionSetNode, parent: GraphQLNamedType | undefined): number => {
    let cost = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (!selection.selectionSet) {
          cost += SCALAR_COST;
          continue;
        }
        if (selection.name.value === '__schema' || selection.name.value === '__type') continue; // introspection has its own switch
        const definition = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[selection.name.value] : undefined;
        const child = definition ? getNamedType(definition.type) : undefined;
        cost += (OBJECT_COST + DEPTH_FACTOR * selectionCost(selection.selectionSet, child)) * pageSize(selection, parent);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) ?? undefined : parent;
        cost += selectionCost(selection.selectionSet, type);
      } else {
        const name = selection.name.value;
        const known = fragmentCosts.get(name);
        if (known !== undefined) {
          cost += known;
          continue;
        }
        const fragment = fragments(name);
        if (!fragment || visiting.has(name)) continue;
        visiting.add(name);
        const fragmentCost = selectionCost(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value) ?? undefined);
        visiting.delete(name);
        fragmentCosts.set(name, fragmentCost);
        cost += fragmentCost;
      }
    }
    return cost;
  };

  // The root level is not a nesting level: its fields add up without the depth factor.
  let total = 0;
  for (const selection of operation.selectionSet.selections) {
    total += selectionCost({ kind: Kind.SELECTION_SET, selections: [selection] }, root);
  }
  return total;
}

/**
 * One validation rule that measures every operation of the document as soon
 * as validation starts. Over a limit: it reports one error per exceeded limit
 * and stops the whole validation pass (returning `null` from the Document
 * visitor replaces the document for every parallel rule), so no standard rule
 * gets to emit an error per offending node.
 */
export function queryLimitsRule(limits: QueryLimits = QUERY_LIMITS): ValidationRule {
  const found = new WeakMap<ValidationContext, GraphQLError[]>();
  const counters = armorCounters(limits, (context, error) => {
    if (!context) return;
    const list = found.get(context) ?? [];
    list.push(limitError(error.message.replace(/^Syntax Error: /, '')));
    found.set(context, list);
  });
  return (context: ValidationContext): ASTVisitor => {
    const visitors = counters.map((rule) => rule(context) as ASTVisitor & { OperationDefinition: { enter: (op: OperationDefinitionNode) => void } });
    return {
      Document(document: DocumentNode) {
        const errors: GraphQLError[] = [];
        found.set(context, errors);
        for (const definition of document.definitions) {
          if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
          for (const visitor of visitors) visitor.OperationDefinition.enter.call(visitor, definition);
          const cost = operationCost(context.getSchema(), definition, (name) => context.getFragment(name), limits.maxPageSize);
          if (cost > limits.maxCost) {
            errors.push(limitError(`Query cost limit of ${limits.maxCost} exceeded, found ${Math.ceil(cost)}: ask for fewer fields or smaller pages.`));
          }
          if (errors.length > 0) break;
        }
        if (errors.length === 0) return undefined;
        for (const error of errors) context.reportError(error);
        return null;
      },
    };
  };
}

/**
 * One error for a directive repeated at one location (`__typename @aa@aa@aa…`),
 * and validation stops there, instead of one "Unknown directive" or "can only
 * be used once" error per repetition. Directives the schema declares
 * `repeatable` may repeat. Runs after {@link queryLimitsRule}: a document over
 * the directive limit gets that error instead.
 */
export function repeatedDirectivesRule(context: ValidationContext): ASTVisitor {
  return {
    Document(document: DocumentNode) {
      let repeated: { first: DirectiveNode; count: number } | undefined;
      visit(document, {
        enter(node: ASTNode) {
          const directives = 'directives' in node ? node.directives : undefined;
          if (!directives || directives.length < 2) return undefined;
          const byName = new Map<string, { first: DirectiveNode; count: number }>();
          for (const directive of directives) {
            const seen = byName.get(directive.name.value);
            if (seen) seen.count++;
            else byName.set(directive.name.value, { first: directive, count: 1 });
          }
          for (const [name, found] of byName) {
            if (found.count > 1 && !context.getSchema().getDirective(name)?.isRepeatable) {
              repeated = found;
              return BREAK;
            }
          }
          return undefined;
        },
      });
      if (!repeated) return undefined;
      const name = repeated.first.name.value.slice(0, 100);
      context.reportError(
        new GraphQLError(`The directive "@${name}" is repeated ${repeated.count} times at one location: use it at most once there.`, {
          nodes: [repeated.first],
          extensions: { code: ErrorCode.GRAPHQL_VALIDATION_FAILED },
        }),
      );
      // Replaces the document for every rule running in parallel: validation ends with this one error.
      return null;
    },
  };
}

/**
 * The validation rules every GraphQL path adds to the standard ones: the query
 * limits, repeated directives, and no introspection unless `config.introspection` (INTROSPECTION=1
 * or outside production). For graphql-ws: pass {@link createHardenedValidate}
 * as `validate`, or call {@link prepareOperation} in `onSubscribe`.
 */
export function createValidationRules(config: Pick<Config, 'introspection'>, limits: QueryLimits = QUERY_LIMITS): ValidationRule[] {
  return [queryLimitsRule(limits), repeatedDirectivesRule, ...(config.introspection ? [] : [NoSchemaIntrospectionCustomRule])];
}

/** graphql-js parse options with the token limit. */
export function createParseOptions(limits: QueryLimits = QUERY_LIMITS): ParseOptions {
  return { maxTokens: limits.maxTokens };
}

/**
 * A drop-in for graphql-js `validate` (graphql-ws's `validate` option): our
 * rules first, so an over-limit document stops validation at once.
 */
export function createHardenedValidate(config: Pick<Config, 'introspection'>, limits: QueryLimits = QUERY_LIMITS): typeof validate {
  const rules = createValidationRules(config, limits);
  return (schema, document, extraRules = specifiedRules, options) =>
    validate(schema, document, [...rules, ...extraRules], { maxErrors: limits.maxErrors, ...options });
}

/**
 * Parse (with the token limit) and validate one operation, for paths that do
 * their own parsing such as graphql-ws `onSubscribe`. Returns the document, or
 * the errors to send back (each with `extensions.code`).
 */
export function prepareOperation(
  schema: GraphQLSchema,
  config: Pick<Config, 'introspection'>,
  query: string,
  limits: QueryLimits = QUERY_LIMITS,
): { document: DocumentNode; errors?: undefined } | { document?: undefined; errors: readonly GraphQLError[] } {
  let document: DocumentNode;
  try {
    document = parse(query, createParseOptions(limits));
  } catch (error) {
    const message = error instanceof GraphQLError ? error.message : 'The query could not be parsed.';
    return { errors: [new GraphQLError(message, { extensions: { code: ErrorCode.GRAPHQL_PARSE_FAILED } })] };
  }
  const errors = createHardenedValidate(config, limits)(schema, document);
  if (errors.length > 0) {
    return {
      errors: errors.map((e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: ErrorCode.GRAPHQL_VALIDATION_FAILED } })),
    };
  }
  return { document };
}

/** "Did you mean …?" hints reveal the schema to someone guessing at it. */
export function withoutSuggestions(message: string): string {
  return message.replace(/ ?Did you mean [^?]*\?/g, '');
}

/**
 * Apollo Server options for a hardened /graphql: the query limits, no
 * batching, CSRF prevention, no schema hints in errors, no stack traces, and
 * introspection only when configured.
 */
export function apolloHardening(
  config: Pick<Config, 'introspection' | 'nodeEnv'>,
  limits: QueryLimits = QUERY_LIMITS,
): Pick<
  ApolloServerOptions<BaseContext>,
  | 'introspection'
  | 'validationRules'
  | 'parseOptions'
  | 'validationOptions'
  | 'allowBatchedHttpRequests'
  | 'csrfPrevention'
  | 'hideSchemaDetailsFromClientErrors'
  | 'includeStacktraceInErrorResponses'
  | 'nodeEnv'
> {
  return {
    // Apollo adds its own no-introspection rule from this flag; the query limits come on top.
    introspection: config.introspection,
    validationRules: [queryLimitsRule(limits), repeatedDirectivesRule],
    parseOptions: createParseOptions(limits),
    validationOptions: { maxErrors: limits.maxErrors },
    // A 500-operation JSON array is refused with 400 before any operation runs.
    allowBatchedHttpRequests: false,
    // Requests a browser could send without a preflight (GET, form posts, text/plain) need a custom header.
    csrfPrevention: true,
    hideSchemaDetailsFromClientErrors: true,
    includeStacktraceInErrorResponses: false,
    nodeEnv: config.nodeEnv,
  };
}
