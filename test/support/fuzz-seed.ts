/**
 * One fast-check seed per test file, printed so a failure can be replayed: LM_FUZZ_SEED=<seed>
 * runs exactly the same inputs again (fast-check also prints the seed and path of a failure).
 */
export function fuzzSeed(file: string): number {
  const given = process.env.LM_FUZZ_SEED;
  const seed = given !== undefined && given !== '' ? Number(given) : Math.floor(Math.random() * 2 ** 31);
  if (!Number.isInteger(seed)) throw new Error(`LM_FUZZ_SEED must be an integer, got ${given}`);
  // Jest shows console output beside the file's results; the seed is there whether the run passed or not.
  console.log(`${file}: fast-check seed ${seed} (replay with LM_FUZZ_SEED=${seed})`);
  return seed;
}
