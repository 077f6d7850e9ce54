/**
 * `npm run db:import -- <file> [--force]`: restores a backup made by db:export.
 * Embedded: into an empty DATA_DIR (with --force the current database is kept
 * aside, not deleted); stop the API first. PostgreSQL: pg_restore --clean into
 * DATABASE_URL; stop the API replicas while it runs.
 */
import { BackupError, importDatabase } from './db-backup';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const force = args.includes('--force');
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) {
    console.error('usage: npm run db:import -- <backup file> [--force]');
    process.exit(2);
  }
  console.log(await importDatabase(file, { force }));
}

main().catch((error) => {
  console.error(error instanceof BackupError ? error.message : error);
  process.exit(1);
});
