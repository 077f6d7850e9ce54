/**
 * Parsed and validated GraphQL documents by query text, for the WebSocket
 * path (Apollo keeps its own store for HTTP): 10,000 trackers of one query
 * parse and validate it once. Same parse options and rules as HTTP.
 */
import {
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type ParseOptions,
  type ValidationRule,
} from 'graphql';
import { LRUCache } from 'lru-cache';
import { ErrorCode } from '../errors';

/** A document ready to run (with an id that tells documents apart cheaply), or the errors to answer with. */
export type Prepared = { id: number; document: DocumentNode; errors?: undefined } | { errors: readonly GraphQLError[] };

/** Bounded: at most `capacity` documents, least recently used first out. */
export class PreparedDocuments {
  private readonly cache: LRUCache<string, Prepared>;
  private nextId = 1;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly rules: readonly ValidationRule[],
    private readonly parseOptions: ParseOptions | undefined,
    private readonly maxErrors: number,
    capacity = 500,
  ) {
    this.cache = new LRUCache({ max: capacity });
  }

  get(query: string): Prepared {
    const hit = this.cache.get(query);
    if (hit) return hit;
    const prepared = this.prepare(query);
    this.cache.set(query, prepared);
    return prepared;
  }

  /** Documents kept now. */
  get size(): number {
    return this.cache.size;
  }

  private prepare(query: string): Prepared {
    let document: DocumentNode;
    try {
      document = parse(query, this.parseOptions);
    } catch (error) {
      const message = error instanceof GraphQLError ? error.message : 'The query could not be parsed.';
      return { errors: [new GraphQLError(message, { extensions: { code: ErrorCode.GRAPHQL_PARSE_FAILED } })] };
    }
    const errors = validate(this.schema, document, [...this.rules, ...specifiedRules], { maxErrors: this.maxErrors });
    if (errors.length > 0) {
      return {
        errors: errors.map((e) =>
          e.extensions.code ? e : new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: ErrorCode.GRAPHQL_VALIDATION_FAILED } }),
        ),
      };
    }
    return { id: this.nextId++, document };
  }
}
