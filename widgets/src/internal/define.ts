/**
 * Registers a custom element once. Portals sometimes load the bundle twice (two
 * script tags, two CMS blocks); a second `customElements.define` would throw.
 */
export function defineOnce(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}
