/**
 * POST /imports/people: the organisation department's spreadsheet (CSV or
 * XLSX), one row per person, headers in Chinese or English. A person is known
 * by its mainland mobile number across imports: cadres are upserted with their
 * grid assignments (the file lists them all: grids no longer listed are
 * unassigned), grid workers with their one grid, and a row with a username gets
 * an account with a one-time password, answered once and never logged.
 * Everything is checked first; any problem, and nothing is written; the writes
 * are one transaction.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { parse as parseCsv } from 'csv-parse/sync';
import type { CellValue } from 'exceljs';
import { runSql, sql, timestamptz } from '../../db/sql';
import { CadreLevel, Role } from '../../domain/enums';
import { audit } from '../audit/audit.service';
import { generateOneTimePassword, hashOneTimePassword } from '../auth/password';
import type { Viewer } from '../auth/viewer';
import { Problems, Tally, normaliseMainlandMobile, type ImportReport } from './import-report';

type PersonType = 'CADRE' | 'GRID_WORKER';
type Column = 'name' | 'type' | 'level' | 'unit' | 'regionCode' | 'gridCodes' | 'username' | 'phone';

/** Header → column, Chinese and English (case and spaces ignored). */
const HEADERS: Record<string, Column> = {
  姓名: 'name', name: 'name',
  类型: 'type', type: 'type',
  层级: 'level', level: 'level',
  单位: 'unit', unit: 'unit',
  区划代码: 'regionCode', regioncode: 'regionCode',
  网格编码: 'gridCodes', gridcodes: 'gridCodes',
  用户名: 'username', username: 'username',
  手机: 'phone', phone: 'phone',
};
const TYPES: Record<string, PersonType> = { CADRE: 'CADRE', 干部: 'CADRE', 包联干部: 'CADRE', GRID_WORKER: 'GRID_WORKER', 网格员: 'GRID_WORKER' };
const LEVELS: Record<string, CadreLevel> = {
  CITY: CadreLevel.CITY, 市级: CadreLevel.CITY,
  COUNTY: CadreLevel.COUNTY, 区县级: CadreLevel.COUNTY, 县级: CadreLevel.COUNTY,
  TOWNSHIP: CadreLevel.TOWNSHIP, 乡镇级: CadreLevel.TOWNSHIP, 街道级: CadreLevel.TOWNSHIP,
  VILLAGE: CadreLevel.VILLAGE, 村级: CadreLevel.VILLAGE, 社区级: CadreLevel.VILLAGE,
};
const USERNAME = /^[a-zA-Z0-9._-]{3,64}$/;
const BATCH = 500;

interface Person {
  row: number;
  type: PersonType;
  name: string;
  level: CadreLevel | null;
  unit: string | null;
  regionCode: string | null;
  gridCodes: string[];
  username: string | null;
  phone: string;
}

/** The file's rows as header → cell text, numbered as a person sees them (header = line 1). */
export async function readSpreadsheet(body: Buffer, contentType: string): Promise<{ header: string[]; rows: { line: number; cells: string[] }[] }> {
  const isXlsx = contentType.includes('spreadsheetml') || (body[0] === 0x50 && body[1] === 0x4b); // "PK": a zip
  if (isXlsx) {
    // exceljs is loaded by the first spreadsheet, not at start (it is a large part of a start's module loading).
    const { Workbook } = await import('exceljs');
    const workbook = new Workbook();
    await workbook.xlsx.load(body as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const all: { line: number; cells: string[] }[] = [];
    sheet?.eachRow({ includeEmpty: false }, (row, line) => {
      const values = Array.isArray(row.values) ? row.values.slice(1) : [];
      all.push({ line, cells: values.map(cellText) });
    });
    const [head, ...rows] = all;
    return { header: head?.cells ?? [], rows };
  }
  const records: string[][] = parseCsv(body, { bom: true, relax_column_count: true, skip_empty_lines: true, trim: true });
  const [header = [], ...rest] = records;
  // skip_empty_lines renumbers nothing: lines are counted from the records' own info.
  return { header, rows: rest.map((cells, i) => ({ line: i + 2, cells })) };
}

function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    if ('text' in value && typeof value.text === 'string') return value.text.trim();
    if ('result' in value && value.result !== undefined) return String(value.result).trim();
    if ('richText' in value) return value.richText.map((part) => part.text).join('').trim();
    if (value instanceof Date) return value.toISOString();
  }
  return String(value).trim();
}

function readPeople(header: string[], rows: { line: number; cells: string[] }[], problems: Problems): Person[] {
  const columns = header.map((h) => HEADERS[h.replace(/\s+/g, '').toLowerCase()] ?? HEADERS[h.trim()] ?? null);
  for (const required of ['name', 'type', 'phone'] as Column[]) {
    if (!columns.includes(required)) problems.add(1, required, `The header row has no ${required} column (姓名/name, 类型/type, 手机/phone are required).`);
  }
  if (problems.any) return [];
  const people: Person[] = [];
  const seenPhone = new Map<string, number>();
  const seenUsername = new Map<string, number>();
  for (const { line, cells } of rows) {
    const get = (column: Column) => {
      const at = columns.indexOf(column);
      const value = at >= 0 ? (cells[at] ?? '').trim() : '';
      return value.length ? value : null;
    };
    if (cells.every((c) => !c || !c.trim())) continue;
    const before = problems.list.length;
    const name = get('name');
    if (!name) problems.add(line, 'name', 'name is required.');
    else if (name.length > 100) problems.add(line, 'name', 'name is at most 100 characters.');
    const typeText = get('type');
    const type = typeText ? TYPES[typeText.toUpperCase()] ?? TYPES[typeText] : undefined;
    if (!type) problems.add(line, 'type', `Unknown type "${typeText ?? ''}": CADRE (干部) or GRID_WORKER (网格员).`);
    const levelText = get('level');
    const level = levelText ? LEVELS[levelText.toUpperCase()] ?? LEVELS[levelText] ?? null : null;
    if (type === 'CADRE' && !level) problems.add(line, 'level', `Unknown level "${levelText ?? ''}": one of ${Object.keys(CadreLevel).join(', ')} (市级, 区县级, 乡镇级, 村级).`);
    const unit = get('unit');
    if (type === 'CADRE' && !unit) problems.add(line, 'unit', 'A cadre needs its unit (单位).');
    if (unit && unit.length > 200) problems.add(line, 'unit', 'unit is at most 200 characters.');
    const gridCodes = [...new Set((get('gridCodes') ?? '').split(/[;；]/).map((c) => c.trim()).filter(Boolean))];
    if (type === 'GRID_WORKER' && gridCodes.length !== 1) problems.add(line, 'gridCodes', 'A grid worker runs exactly one grid: give one grid code.');
    const username = get('username');
    if (username && !USERNAME.test(username)) problems.add(line, 'username', 'username is 3 to 64 letters, digits, dots, dashes or underscores.');
    else if (username && seenUsername.has(username)) problems.add(line, 'username', `Duplicate username "${username}" in the file (first at line ${seenUsername.get(username)}).`);
    else if (username) seenUsername.set(username, line);
    const phoneText = get('phone');
    const phone = phoneText ? normaliseMainlandMobile(phoneText) : null;
    if (!phoneText) problems.add(line, 'phone', 'phone is required: it identifies the person from one import to the next.');
    else if (!phone) problems.add(line, 'phone', 'The phone is not a mainland mobile number (11 digits starting 13–19).');
    else if (seenPhone.has(phone)) problems.add(line, 'phone', `Duplicate phone in the file (first at line ${seenPhone.get(phone)}).`);
    else seenPhone.set(phone, line);
    if (problems.list.length === before) {
      people.push({ row: line, type: type!, name: name!, level, unit, regionCode: get('regionCode'), gridCodes, username, phone: phone! });
    }
  }
  return people;
}

interface ExistingPerson {
  id: string;
  phone: string;
  name: string;
  level: CadreLevel | null;
  unit: string | null;
  region_id: string | null;
  grid_ids: string[] | null;
  user_id: string | null;
  username: string | null;
}

export async function importPeople(em: EntityManager, actor: Viewer, body: Buffer, contentType: string, dryRun: boolean): Promise<ImportReport> {
  const problems = new Problems();
  const tally = new Tally();
  let sheet: Awaited<ReturnType<typeof readSpreadsheet>>;
  try {
    sheet = await readSpreadsheet(body, contentType);
  } catch (error) {
    problems.add(1, null, `The file could not be read as CSV or XLSX: ${(error as Error).message.slice(0, 200)}`);
    return { dryRun, created: 0, updated: 0, unchanged: 0, problems: problems.sorted(), oneTimePasswords: [] };
  }
  const people = readPeople(sheet.header, sheet.rows, problems);

  /** The texts of a list, as a subquery for `in`. */
  const textsIn = (list: string[]) => sql.fragment`(select jsonb_array_elements_text(${sql.value(JSON.stringify(list))}::jsonb))`;
  const phones = textsIn(people.map((p) => p.phone));
  const gridIdOf = new Map((await runSql<{ id: string; code: string }>(em, sql.query`select id, code from grid`)).map((g) => [g.code, g.id]));
  const regionIdOf = new Map(
    (await runSql<{ id: string; code: string }>(em, sql.query`select id, code from region where code is not null`)).map((r) => [r.code, r.id]),
  );
  const cadres = new Map(
    (
      await runSql<ExistingPerson>(
        em,
        sql.query`select c.id, c.phone, c.name, c.level, c.unit, c.region_id,
           (select json_agg(a.grid_id order by a.grid_id) from cadre_assignment a where a.cadre_id = c.id) as grid_ids,
           u.id as user_id, u.username
         from cadre c left join app_user u on u.cadre_id = c.id where c.phone in ${phones}`,
      )
    ).map((c) => [c.phone, c]),
  );
  const workers = new Map(
    (
      await runSql<ExistingPerson>(
        em,
        sql.query`select w.id, w.phone, w.name, null as level, null as unit, null as region_id, json_build_array(w.grid_id) as grid_ids, u.id as user_id, u.username
         from grid_worker w left join app_user u on u.grid_worker_id = w.id where w.phone in ${phones}`,
      )
    ).map((w) => [w.phone, w]),
  );
  const usernames = people.flatMap((p) => (p.username ? [p.username] : []));
  const takenBy = new Map(
    (
      await runSql<{ username: string; cadre_id: string | null; grid_worker_id: string | null }>(
        em,
        sql.query`select username, cadre_id, grid_worker_id from app_user where username in ${textsIn(usernames)}`,
      )
    ).map((u) => [u.username, u]),
  );

  interface Plan {
    person: Person;
    id: string;
    existing: ExistingPerson | undefined;
    regionId: string | null;
    gridIds: string[];
    changed: boolean;
    newUser: boolean;
  }
  const plans: Plan[] = [];
  for (const person of people) {
    const gridIds: string[] = [];
    for (const code of person.gridCodes) {
      const id = gridIdOf.get(code);
      if (id) gridIds.push(id);
      else problems.add(person.row, 'gridCodes', `Unknown grid code "${code}".`);
    }
    gridIds.sort();
    let regionId: string | null = null;
    if (person.regionCode) {
      regionId = regionIdOf.get(person.regionCode) ?? null;
      if (!regionId) problems.add(person.row, 'regionCode', `Unknown region code "${person.regionCode}".`);
    }
    const existing = (person.type === 'CADRE' ? cadres : workers).get(person.phone);
    const other = (person.type === 'CADRE' ? workers : cadres).get(person.phone);
    if (!existing && other) problems.add(person.row, 'type', `This phone belongs to a ${person.type === 'CADRE' ? 'grid worker' : 'cadre'} already: one person, one role.`);
    let newUser = false;
    if (person.username) {
      const owner = takenBy.get(person.username);
      const ownerId = owner ? (owner.cadre_id ?? owner.grid_worker_id) : null;
      if (owner && (!existing || ownerId !== existing.id)) problems.add(person.row, 'username', `The username "${person.username}" is taken by another account.`);
      else if (existing?.username && existing.username !== person.username) {
        problems.add(person.row, 'username', `This person already has the account "${existing.username}": usernames are not renamed by import.`);
      } else newUser = !existing?.user_id;
    }
    const changed =
      !existing ||
      existing.name !== person.name ||
      (person.type === 'CADRE' && (existing.level !== person.level || existing.unit !== person.unit || existing.region_id !== regionId)) ||
      JSON.stringify(existing.grid_ids ?? []) !== JSON.stringify(gridIds) ||
      newUser;
    tally.count(!existing ? 'created' : changed ? 'updated' : 'unchanged');
    plans.push({ person, id: existing?.id ?? randomUUID(), existing, regionId, gridIds, changed, newUser });
  }

  if (problems.any) return { dryRun, created: 0, updated: 0, unchanged: 0, problems: problems.sorted(), oneTimePasswords: [] };
  const report: ImportReport = { dryRun, created: tally.created, updated: tally.updated, unchanged: tally.unchanged, problems: [], oneTimePasswords: [] };
  if (dryRun) return report;

  const writes = plans.filter((p) => p.changed);
  const accounts = await Promise.all(
    writes
      .filter((p) => p.newUser)
      .map(async (p) => {
        const password = generateOneTimePassword();
        return { plan: p, username: p.person.username!, password, hash: await hashOneTimePassword(password) };
      }),
  );
  const now = timestamptz(new Date());
  const uuid = (id: string | null) => sql.fragment`${sql.value(id)}::uuid`;
  await em.transactional(async (tx) => {
    const cadreWrites = writes.filter((p) => p.person.type === 'CADRE');
    for (let i = 0; i < cadreWrites.length; i += BATCH) {
      const batch = cadreWrites.slice(i, i + BATCH);
      const rows = batch.map(
        (p) =>
          sql.fragment`(${uuid(p.id)}, ${sql.value(p.person.name)}, ${sql.value(p.person.level)}, ${sql.value(p.person.unit)}, ${uuid(p.regionId)}, ${sql.value(
            p.person.phone,
          )}, ${now})`,
      );
      await runSql(
        tx,
        sql.query`insert into cadre (id, name, level, unit, region_id, phone, created_at) values ${sql.join(rows, ', ')}
         on conflict (id) do update set name = excluded.name, level = excluded.level, unit = excluded.unit, region_id = excluded.region_id`,
      );
      const ids = sql.value(JSON.stringify(batch.map((p) => p.id)));
      await runSql(tx, sql.query`delete from cadre_assignment where cadre_id in (select jsonb_array_elements_text(${ids}::jsonb)::uuid)`);
      const pairs = batch.flatMap((p) => p.gridIds.map((g) => sql.fragment`(${uuid(randomUUID())}, ${uuid(p.id)}, ${uuid(g)}, ${now})`));
      for (let j = 0; j < pairs.length; j += BATCH) {
        const chunk = pairs.slice(j, j + BATCH);
        await runSql(tx, sql.query`insert into cadre_assignment (id, cadre_id, grid_id, assigned_at) values ${sql.join(chunk, ', ')}`);
      }
    }
    const workerWrites = writes.filter((p) => p.person.type === 'GRID_WORKER');
    for (let i = 0; i < workerWrites.length; i += BATCH) {
      const batch = workerWrites.slice(i, i + BATCH);
      const rows = batch.map(
        (p) => sql.fragment`(${uuid(p.id)}, ${sql.value(p.person.name)}, ${uuid(p.gridIds[0])}, ${sql.value(p.person.phone)}, ${now})`,
      );
      await runSql(
        tx,
        sql.query`insert into grid_worker (id, name, grid_id, phone, created_at) values ${sql.join(rows, ', ')}
         on conflict (id) do update set name = excluded.name, grid_id = excluded.grid_id`,
      );
    }
    for (let i = 0; i < accounts.length; i += BATCH) {
      const batch = accounts.slice(i, i + BATCH);
      const rows = batch.map((a) => {
        const cadre = a.plan.person.type === 'CADRE';
        return sql.fragment`(${uuid(randomUUID())}, ${sql.value(a.username)}, ${sql.value(a.plan.person.name)}, ${sql.value(
          cadre ? Role.CADRE : Role.GRID_WORKER,
        )}, ${sql.value(a.hash)}, ${uuid(cadre ? a.plan.id : null)}, ${uuid(cadre ? null : a.plan.id)}, true, true, ${now})`;
      });
      await runSql(
        tx,
        sql.query`insert into app_user (id, username, display_name, role, password_hash, cadre_id, grid_worker_id, active, must_change_password, created_at)
         values ${sql.join(rows, ', ')}`,
      );
    }
    // Counts only: never names, phones or passwords.
    audit(tx, actor, {
      action: 'importPeople',
      summary: `Imported ${plans.length} people: ${tally.created} created, ${tally.updated} updated, ${tally.unchanged} unchanged; ${accounts.length} accounts with one-time passwords`,
    });
  });
  report.oneTimePasswords = accounts.map((a) => ({ username: a.username, password: a.password }));
  return report;
}
