import { Client } from 'pg';
(async () => {
  const c = new Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/lm_bench_try' });
  await c.connect();
  await c.query('begin');
  await c.query('set local session_replication_role = replica');
  const t0 = Date.now();
  const r = await c.query(`explain (analyze, buffers off) insert into issue_event (issue_id, type, to_status, at) select i.id, 'COMMENTED', i.status, i.created_at from issue i cross join generate_series(1,5) k`);
  console.log(r.rows.map((x: any) => x['QUERY PLAN']).join('\n'), Date.now() - t0);
  const r2 = await c.query(`explain (analyze) insert into issue select (md5(i.id::text))::uuid, i.tracking_code || 'x', title, description, category_code, status, channel, grid_id, region_path, latitude, longitude, address, reporter_anonymous, reporter_name, reporter_phone, assignee_id, version, created_at, updated_at, response_due_at, resolve_due_at, accepted_at, resolved_at, resolution, follow_up_method, follow_up_satisfaction, follow_up_comment, follow_up_at, follow_up_by, idempotency_scope, idempotency_key || 'x' from issue i`);
  console.log(r2.rows.map((x: any) => x['QUERY PLAN']).join('\n'));
  await c.query('rollback');
  await c.end();
})();
