/**
 * The streamed workbook (issue 18's export): rows are produced no faster than
 * the zip compresses them, so memory stays flat however many rows there are;
 * the file reads back whole; an abandoned download stops the producer.
 */
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { ClientClosed } from '../../api/src/modules/exports/backpressure';
import { columnName, rowXml } from '../../api/src/modules/exports/sheet-xml';
import { writeWorkbook, type Cell } from '../../api/src/modules/exports/xlsx-stream';

/** A row of the export's shape (22 cells, Chinese text, dates as text). */
function row(n: number): Cell[] {
  return ['B' + String(n).padStart(9, '0'), '导出基准问题' + n, '描述' + n, '待受理', '市容环境', '网页组件', 'BG-B101001001-1', '第1网格', '第1社区', '', '否',
    '张三', '13900000000', '', '2026-01-01 10:00:00', '2026-01-02 10:00:00', '2026-01-08 10:00:00', '', '', '否', '', ''];
}

/** Consumes every chunk a turn of the event loop later, as a fast client does; counts the bytes. */
function sink() {
  const received = { bytes: 0, chunks: [] as Buffer[], keep: false };
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      received.bytes += chunk.length;
      if (received.keep) received.chunks.push(chunk);
      setImmediate(done);
    },
  });
  return { stream, received };
}

describe('streamed workbook', () => {
  it('produces rows no faster than they are compressed and sent: over 60,000 rows the backlog stays within a few pages (it grew with every row without waiting for the zip entry)', async () => {
    const { stream, received } = sink();
    const PAGES = 60;
    const seen: { produced: number; sent: number }[] = [];
    async function* pages() {
      for (let p = 0; p < PAGES; p++) {
        seen.push({ produced: p * 1000, sent: received.bytes });
        yield Array.from({ length: 1000 }, (_, k) => row(p * 1000 + k));
      }
    }
    await writeWorkbook([{ name: '问题', pages: pages() }], stream);
    assert.ok(received.bytes > 1_000_000, `a real workbook came out (${received.bytes} bytes)`);
    // Rows not yet out of the door when the next page is read: produced minus what the bytes sent amount to.
    const bytesPerRow = received.bytes / (PAGES * 1000);
    const backlog = Math.max(...seen.map((s) => s.produced - s.sent / bytesPerRow));
    assert.ok(backlog < 8000, `at most ${Math.round(backlog)} rows were waiting to be compressed and sent`);
  }, 120_000);

  it('writes a valid workbook: sheets in order, every row and cell', async () => {
    const { stream, received } = sink();
    received.keep = true;
    const rows = Array.from({ length: 2500 }, (_, n) => row(n));
    const pages = [rows.slice(0, 1000), rows.slice(1000, 2000), rows.slice(2000)];
    await writeWorkbook([{ name: '问题', pages }, { name: '统计', pages: [[['指标', '数值'], ['问题总数', 2500]]] }], stream);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.concat(received.chunks) as unknown as ArrayBuffer);
    assert.deepEqual(workbook.worksheets.map((s) => s.name), ['问题', '统计']);
    const back: Cell[][] = [];
    workbook.getWorksheet('问题')!.eachRow((r) => back.push(rows[0].map((_, c) => r.getCell(c + 1).value ?? '') as Cell[]));
    assert.deepEqual(back, rows);
    assert.equal(workbook.getWorksheet('统计')!.getRow(2).getCell(2).value, 2500);
  });

  it('writes any text as it reads back: XML characters escaped, characters XML cannot hold dropped, blanks and emoji kept, numbers as numbers', async () => {
    const { stream, received } = sink();
    received.keep = true;
    const cells: Cell[] = ['<b>A&B</b> "q"', 'bell\u0007 nul\u0000 end', '  两端空格  ', 'line\nbreak\ttab', '😀 表情', 'lone \uD800 half', 42, 3.5, '=1+1'];
    await writeWorkbook([{ name: '问题', pages: [[cells]] }], stream);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.concat(received.chunks) as unknown as ArrayBuffer);
    const row = workbook.getWorksheet('问题')!.getRow(1);
    assert.deepEqual(
      cells.map((_, c) => row.getCell(c + 1).value),
      ['<b>A&B</b> "q"', 'bell nul end', '  两端空格  ', 'line\nbreak\ttab', '😀 表情', 'lone  half', 42, 3.5, '=1+1'],
    );
    assert.equal(row.getCell(9).formula, undefined, 'a text starting with = stays text');
  });

  it('marks text with leading or trailing blanks to be kept as it is (Excel and LibreOffice trim it otherwise), and only that text', () => {
    assert.equal(rowXml(7, ['  a ', 'b', '', 1]), '<row r="7"><c r="A7" t="inlineStr"><is><t xml:space="preserve">  a </t></is></c><c r="B7" t="inlineStr"><is><t>b</t></is></c><c r="D7"><v>1</v></c></row>');
    assert.equal(columnName(25) + columnName(26) + columnName(701), 'ZAAZZ');
  });

  it('refuses a sheet name Excel would refuse', async () => {
    await assert.rejects(writeWorkbook([{ name: 'a/b', pages: [] }], sink().stream), /not a valid sheet name/);
  });

  it('stops with ClientClosed, pulling no more pages, when the client goes away mid-download', async () => {
    // A client that reads nothing and then closes the connection.
    const stalled = new Writable({ highWaterMark: 1024, write() {} });
    let pulled = 0;
    async function* pages() {
      for (let p = 0; p < 1000; p++) {
        pulled++;
        yield Array.from({ length: 1000 }, (_, k) => row(p * 1000 + k));
      }
    }
    const writing = writeWorkbook([{ name: '问题', pages: pages() }], stalled);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const before = pulled;
    assert.ok(before < 20, `the producer waits for the client that reads nothing (${before} pages pulled)`);
    stalled.destroy();
    await assert.rejects(writing, ClientClosed);
    assert.equal(pulled, before, 'and pulls no page after it left');
  }, 60_000);
});
