/**
 * Builds the one widget bundle, `lastmeter-widgets.js`, from `widgets/src/index.ts`
 * with esbuild: ES module, minified, lit and the SDK inlined. The API serves the
 * result straight from memory (see api/src/server/static-assets.ts); `npm run build -w
 * @lastmeter/widgets` also writes it to `widgets/dist/` for hosting elsewhere.
 */
import path from 'node:path';

/** The widgets workspace folder. */
export const WIDGETS_DIR = path.resolve(__dirname, '..');
/** Where `npm run build` writes the bundle. */
export const BUNDLE_FILE = path.join(WIDGETS_DIR, 'dist', 'lastmeter-widgets.js');
/** Gzipped budget for all four widgets together: what an embedding page downloads. */
export const BUNDLE_BUDGET_GZIP_BYTES = 40 * 1024;

export interface WidgetBundle {
  code: string;
  /** Every source file that went into the bundle, relative to the widgets folder. */
  inputs: string[];
}

/** Bundles the widgets; writes `outfile` when given, and always returns the code. */
export async function bundleWidgets(options: { outfile?: string } = {}): Promise<WidgetBundle> {
  // Loaded on demand: only building needs esbuild (a devDependency).
  const esbuild: typeof import('esbuild') = require('esbuild');
  const result = await esbuild.build({
    absWorkingDir: WIDGETS_DIR,
    entryPoints: [path.join(WIDGETS_DIR, 'src', 'index.ts')],
    tsconfig: path.join(WIDGETS_DIR, 'tsconfig.json'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2021', 'chrome100', 'firefox100', 'safari15'],
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    write: false,
    outfile: options.outfile ?? BUNDLE_FILE,
    logLevel: 'silent',
    metafile: true,
  });
  const code = result.outputFiles[0].text;
  if (options.outfile) {
    const fs = await import('node:fs/promises');
    await fs.mkdir(path.dirname(options.outfile), { recursive: true });
    await fs.writeFile(options.outfile, code);
  }
  return { code, inputs: Object.keys(result.metafile.inputs) };
}
