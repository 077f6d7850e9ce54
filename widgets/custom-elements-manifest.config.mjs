import { readFileSync } from 'node:fs';
import typescript from 'typescript';

/** The theme's tokens, read from theme-tokens.ts: the same list theme.ts builds its CSS from. */
async function loadThemeTokens() {
  const source = readFileSync(new URL('./src/internal/theme-tokens.ts', import.meta.url), 'utf8');
  const { outputText } = typescript.transpileModule(source, { compilerOptions: { module: typescript.ModuleKind.ESNext, target: typescript.ScriptTarget.ES2022 } });
  const { documentedTokens } = await import(`data:text/javascript;base64,${Buffer.from(outputText).toString('base64')}`);
  return documentedTokens();
}

/**
 * Every element styled with `themeStyles` documents every theme token with its
 * light and dark defaults, without each component repeating the list: a token
 * the JSDoc describes (`@cssproperty`) keeps that description; the others get the
 * theme's own. A default written in JSDoc must be the theme's (the build fails
 * otherwise, so the manual cannot drift from the CSS).
 */
const THEMED_STYLES = ['themeStyles', 'adminStyles'];

function themeTokensPlugin(tokens) {
  /** The classes whose `static styles` use themeStyles, per module. */
  const themed = new Map();
  const mentions = (ts, node, name) => (ts.isIdentifier(node) && node.text === name) || ts.forEachChild(node, (child) => mentions(ts, child, name) || undefined) === true;
  return {
    name: 'lastmeter-theme-tokens',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      const styles = node.members.find(
        (m) => ts.isPropertyDeclaration(m) && ts.isIdentifier(m.name) && m.name.text === 'styles' && m.modifiers?.some((k) => k.kind === ts.SyntaxKind.StaticKeyword),
      );
      // adminStyles (admin-section.ts) starts with themeStyles.
      if (!styles?.initializer || !THEMED_STYLES.some((name) => mentions(ts, styles.initializer, name))) return;
      if (!themed.has(moduleDoc)) themed.set(moduleDoc, new Set());
      themed.get(moduleDoc).add(node.name.text);
    },
    moduleLinkPhase({ moduleDoc }) {
      const classes = themed.get(moduleDoc);
      if (!classes) return;
      for (const declaration of moduleDoc.declarations ?? []) {
        if (!classes.has(declaration.name)) continue;
        const written = new Map((declaration.cssProperties ?? []).map((p) => [p.name, p]));
        const theme = tokens.map((token) => {
          const own = written.get(token.name);
          if (own?.default && own.default !== token.default) {
            throw new Error(`${declaration.name}: ${token.name} is documented with default ${own.default}, but the theme's is ${token.default} (theme-tokens.ts).`);
          }
          return { description: own?.description ?? token.description, name: token.name, default: token.default };
        });
        const own = [...written.values()].filter((p) => !tokens.some((t) => t.name === p.name));
        declaration.cssProperties = [...theme, ...own];
      }
    },
  };
}

export default {
  // The analyzer would otherwise rewrite package.json's customElements path on every run (tests run it into a temp dir).
  packagejson: false,
  plugins: [themeTokensPlugin(await loadThemeTokens())],
};
