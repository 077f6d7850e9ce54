/** `npm run build -w @lastmeter/widgets`: writes widgets/dist/lastmeter-widgets.js and prints its size. */
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { BUNDLE_BUDGET_GZIP_BYTES, BUNDLE_FILE, bundleWidgets } from './bundle';

async function main(): Promise<void> {
  const { code } = await bundleWidgets({ outfile: BUNDLE_FILE });
  const gzipped = gzipSync(code, { level: 9 }).length;
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`${path.relative(process.cwd(), BUNDLE_FILE)}: ${kb(Buffer.byteLength(code))}, ${kb(gzipped)} gzipped (budget ${kb(BUNDLE_BUDGET_GZIP_BYTES)})`);
  if (gzipped > BUNDLE_BUDGET_GZIP_BYTES) {
    console.error('The bundle is over its budget.');
    process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
