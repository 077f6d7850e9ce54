/**
 * `npm run db:export -- <file>`: a backup of the configured database.
 * Embedded (no DATABASE_URL): a .tar.gz of the data directory; stop the API first.
 * PostgreSQL (DATABASE_URL): pg_dump's custom format (the API may keep running).
 */
import { BackupError, exportDatabase } from './db-backup';

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file || file.startsWith('-')) {
    console.error('usage: npm run db:export -- <backup file, e.g. lastmeter-2026-11-28.tar.gz>');
    process.exit(2);
  }
  console.log(await exportDatabase(file));
}

main().catch((error) => {
  console.error(error instanceof BackupError ? error.message : error);
  process.exit(1);
});
