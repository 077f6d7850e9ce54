/**
 * Look-ahead into a field's selection: lets a list resolver fetch a relation
 * in its own statement only when the query asks for it.
 */
import { Kind, type FieldNode, type FragmentDefinitionNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/** Whether the selection below this field reaches `path` (e.g. ['edges', 'node', 'timeline']), through fragments too. */
export function selects(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, path: readonly string[]): boolean {
  const reaches = (set: SelectionSetNode | undefined, depth: number): boolean => {
    if (!set) return false;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value === path[depth] && (depth === path.length - 1 || reaches(selection.selectionSet, depth + 1))) return true;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (reaches(selection.selectionSet, depth)) return true;
      } else {
        const fragment: FragmentDefinitionNode | undefined = info.fragments[selection.name.value];
        if (fragment && reaches(fragment.selectionSet, depth)) return true;
      }
    }
    return false;
  };
  return info.fieldNodes.some((node: FieldNode) => reaches(node.selectionSet, 0));
}
