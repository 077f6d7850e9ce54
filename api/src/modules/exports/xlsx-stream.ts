/**
 * A workbook streamed with exceljs's WorkbookWriter in bounded memory: a big
 * first sheet written from pages of rows, then small sheets. Between pages it
 * waits until the zip entry of the sheet and the output have taken what was
 * written, so rows are produced no faster than they are compressed and sent.
 *
 * Why the zip entry: exceljs's worksheet stream hands its 64 KB chunks to the
 * zip entry (archiver wraps it in a readable-stream 2 PassThrough) without
 * looking at the answer of write(). When compressing lags behind producing
 * rows, everything queues in that PassThrough — +1 KB a row, 319 MB of RSS at
 * 200,000 rows (see backpressure.ts for how it is waited for).
 */
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { drained, type DrainableLike } from './backpressure';

export type Cell = string | number;

export interface StreamedSheet {
  name: string;
  pages: AsyncIterable<Cell[][]> | Iterable<Cell[][]>;
}

/** The writables exceljs pipes the worksheet's XML into (exceljs internals: fail loudly if they change). */
function entriesOf(sheet: ExcelJS.Worksheet): DrainableLike[] {
  const pipes = (sheet as unknown as { stream?: { pipes?: DrainableLike[] } }).stream?.pipes;
  if (!Array.isArray(pipes) || pipes.length === 0) throw new Error('xlsx export: cannot find the zip entry of the sheet (exceljs changed).');
  return pipes;
}

/** Writes the sheets in order (each one's pages as they come) and ends `out`. */
export async function writeWorkbook(sheets: StreamedSheet[], out: Writable): Promise<void> {
  // No shared-strings table and no styles: nothing kept per row until the end.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
  for (const { name, pages } of sheets) {
    const sheet = workbook.addWorksheet(name);
    for await (const page of pages) {
      for (const cells of page) sheet.addRow(cells).commit();
      for (const entry of entriesOf(sheet)) await drained(entry, out);
      await drained(out, out);
    }
    sheet.commit();
  }
  await workbook.commit();
}
