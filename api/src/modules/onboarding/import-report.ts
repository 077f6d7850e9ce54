/** What an import answers: counts, every problem by row/feature and field, and the one-time passwords it issued. */

export interface ImportProblem {
  /** 1-based line of a CSV/XLSX row (the header is line 1) or the 0-based index of a GeoJSON feature. */
  row: number;
  field: string | null;
  message: string;
}

export interface ImportReport {
  dryRun: boolean;
  created: number;
  updated: number;
  unchanged: number;
  problems: ImportProblem[];
  oneTimePasswords: { username: string; password: string }[];
}

/** Collects problems; an import with any writes nothing. */
export class Problems {
  readonly list: ImportProblem[] = [];

  add(row: number, field: string | null, message: string): void {
    this.list.push({ row, field, message });
  }

  get any(): boolean {
    return this.list.length > 0;
  }

  /** Sorted by row, then field: the order a person fixes a file in. */
  sorted(): ImportProblem[] {
    return [...this.list].sort((a, b) => a.row - b.row || (a.field ?? '').localeCompare(b.field ?? ''));
  }
}

export class Tally {
  created = 0;
  updated = 0;
  unchanged = 0;

  count(outcome: 'created' | 'updated' | 'unchanged'): void {
    this[outcome]++;
  }
}

/** A mainland China mobile number: 11 digits from 13–19, optionally written with +86/0086 and spaces or dashes. */
export function normaliseMainlandMobile(raw: string): string | null {
  const compact = raw.replace(/[\s-]/g, '').replace(/^(\+86|0086)/, '');
  return /^1[3-9]\d{9}$/.test(compact) ? compact : null;
}
