import { Client } from 'pg';
(async () => {
  const c = new Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/lm_bench_small' });
  await c.connect();
  const bits = `((n)::bigint * 2654435761 % 1152921504606846976)`;
  const symbol = (j: number) => `substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((${bits} >> ${5 * (11 - j)}) & 31)::int + 1, 1)`;
  const group = (g: number) => [0, 1, 2, 3].map((k) => symbol(g * 4 + k)).join(' || ');
  const expr = `'LM-' || ${group(0)} || '-' || ${group(1)} || '-' || ${group(2)}`;
  console.log((await c.query(`select ${expr} as code from generate_series(1,3) n`)).rows);
  console.log((await c.query(`select count(distinct ${expr}) from generate_series(1,200000) n`)).rows);
  // convert the kept small database in place
  await c.query(`update issue set tracking_code = x.code from (select id, ${expr.replace(/\(n\)/g, '(idempotency_key::int)')} as code from issue where idempotency_scope = 'bench') x where x.id = issue.id`);
  await c.end();
})();
