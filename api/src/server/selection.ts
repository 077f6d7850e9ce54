/**
 * What a field's query asks for below it, as a tree of field names: aliases
 * merged (two aliases of `grid` read one `grid` object), fragments spread,
 * `@skip`/`@include` applied — by graphql-js's own field collection, the one
 * the JSON answers (json-answers.ts) read too. Planners turn the tree into SQL
 * (issues/issue-sql.ts).
 *
 * Reading a selection is the dear part of planning, so it is cached per field
 * node of a parsed document (Apollo keeps one parsed document per query text)
 * and per the values of the variables that `@skip`/`@include` read: the same
 * document with the same directive values always has the same selection.
 */
import {
  BREAK,
  getNamedType,
  isObjectType,
  Kind,
  visit,
  type DocumentNode,
  type FieldNode,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type OperationDefinitionNode,
} from 'graphql';
import { collectSubfields } from 'graphql/execution/collectFields';

/** Whether any field anywhere in the document (fragments included, whatever its type) has a name `named` accepts. */
export function mentionsField(document: DocumentNode, named: (name: string) => boolean): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (!named(node.name.value)) return undefined;
      found = true;
      return BREAK;
    },
  });
  return found;
}

/** Field name → what is selected below it (empty for a leaf). */
export interface Selection {
  readonly [field: string]: Selection;
}

type MutableSelection = { [field: string]: MutableSelection };

/** The selection below a field path such as ['edges', 'node'], or null when the query does not reach it. */
export function selectionAt(selection: Selection, path: readonly string[]): Selection | null {
  let at: Selection | undefined = selection;
  for (const name of path) {
    at = at[name];
    if (!at) return null;
  }
  return at;
}

/** The fields below `nodes` of `type` merged by name into `target` (our schema's types are object types). */
function mergeInto(target: MutableSelection, info: GraphQLResolveInfo, type: GraphQLObjectType, nodes: readonly FieldNode[]): void {
  for (const fieldNodes of collectSubfields(info.schema, info.fragments, info.variableValues, type, nodes).values()) {
    const name = fieldNodes[0].name.value;
    const child = (target[name] ??= Object.create(null) as MutableSelection);
    const below = name.startsWith('__') ? undefined : getNamedType(type.getFields()[name]?.type);
    if (below && isObjectType(below)) mergeInto(child, info, below, fieldNodes);
  }
}

/** Variables that `@skip`/`@include` read anywhere in the operation (or the fragments it may spread). */
const directiveVariables = new WeakMap<OperationDefinitionNode, readonly string[]>();

function variablesOfDirectives(info: Pick<GraphQLResolveInfo, 'operation' | 'fragments'>): readonly string[] {
  let names = directiveVariables.get(info.operation);
  if (!names) {
    const found = new Set<string>();
    const collect = {
      Directive(node: { name: { value: string }; arguments?: readonly { value: { kind: string; name?: { value: string } } }[] }) {
        if (node.name.value !== 'skip' && node.name.value !== 'include') return;
        for (const arg of node.arguments ?? []) if (arg.value.kind === Kind.VARIABLE && arg.value.name) found.add(arg.value.name.value);
      },
    };
    visit(info.operation, collect);
    for (const fragment of Object.values(info.fragments)) visit(fragment, collect);
    names = [...found].sort();
    directiveVariables.set(info.operation, names);
  }
  return names;
}

/** The values `@skip`/`@include` read in this operation, as a key: operations with equal keys select the same fields. */
export function directiveValuesKey(info: Pick<GraphQLResolveInfo, 'operation' | 'fragments' | 'variableValues'>): string {
  return JSON.stringify(variablesOfDirectives(info).map((name) => info.variableValues[name] ?? null));
}

/** At most this many directive-value combinations are kept per field node or operation (beyond, selections are read afresh). */
const SHAPES_PER_FIELD = 16;

/**
 * What was read from a document node, per shape (a key such as the values of the directive variables): kept while
 * the node lives, at most {@link SHAPES_PER_FIELD} shapes a node — beyond, the caller reads afresh each time.
 */
export class ShapeCache<Node extends object, Value> {
  private readonly byNode = new WeakMap<Node, Map<string, Value>>();

  get(node: Node, shape: string): Value | undefined {
    return this.byNode.get(node)?.get(shape);
  }

  set(node: Node, shape: string, value: Value): void {
    let shapes = this.byNode.get(node);
    if (!shapes) this.byNode.set(node, (shapes = new Map()));
    if (shapes.size < SHAPES_PER_FIELD) shapes.set(shape, value);
  }
}

const cache = new ShapeCache<FieldNode, Selection>();
/** A number per field node, so that a key can name the very nodes a field merges (ids are never reused). */
const nodeIds = new WeakMap<FieldNode, number>();
let lastNodeId = 0;
function nodeId(node: FieldNode): number {
  let id = nodeIds.get(node);
  if (id === undefined) nodeIds.set(node, (id = ++lastNodeId));
  return id;
}

/** The selection below the field being resolved. */
export function selectionOf(info: GraphQLResolveInfo): Selection {
  const node = info.fieldNodes[0];
  // Cached under the first node, keyed by all the others: one fragment's node merged with different siblings in two
  // places (the same first node, as many nodes) selects different fields in each.
  const key = `${info.fieldNodes.slice(1).map(nodeId).join(',')}:${directiveValuesKey(info)}`;
  const cached = cache.get(node, key);
  if (cached) return cached;
  const type = getNamedType(info.returnType);
  const selection: MutableSelection = Object.create(null);
  if (isObjectType(type)) mergeInto(selection, info, type, info.fieldNodes);
  cache.set(node, key, selection);
  return selection;
}
