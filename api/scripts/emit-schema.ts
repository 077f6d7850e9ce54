/** `npm run generate` (first half): writes schema/schema.graphql from the resolvers, sorted so diffs stay stable. */
import fs from 'node:fs';
import path from 'node:path';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { buildLastmeterSchema } from '../src/server/schema';

export async function printLastmeterSchema(): Promise<string> {
  const schema = await buildLastmeterSchema();
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}

export const SCHEMA_FILE = path.resolve(__dirname, '../../schema/schema.graphql');

if (require.main === module) {
  printLastmeterSchema()
    .then((text) => {
      fs.writeFileSync(SCHEMA_FILE, text);
      console.log(`wrote ${path.relative(process.cwd(), SCHEMA_FILE)}`);
    })
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
