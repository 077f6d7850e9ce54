/** `npm run build -w @lastmeter/widgets`: writes the residents' and the console's bundles and prints their sizes. */
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { BUNDLE_BUDGET_GZIP_BYTES, BUNDLE_FILE, CONSOLE_BUDGET_GZIP_BYTES, CONSOLE_BUNDLE_FILE, bundleConsole, bundleWidgets } from './bundle';

async function main(): Promise<void> {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  for (const [file, budget, build] of [
    [BUNDLE_FILE, BUNDLE_BUDGET_GZIP_BYTES, bundleWidgets],
    [CONSOLE_BUNDLE_FILE, CONSOLE_BUDGET_GZIP_BYTES, bundleConsole],
  ] as const) {
    const { code } = await build({ outfile: file });
    const gzipped = gzipSync(code, { level: 9 }).length;
    console.log(`${path.relative(process.cwd(), file)}: ${kb(Buffer.byteLength(code))}, ${kb(gzipped)} gzipped (budget ${kb(budget)})`);
    if (gzipped > budget) {
      console.error(`${path.basename(file)} is over its budget.`);
      process.exitCode = 1;
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
