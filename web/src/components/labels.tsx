// The names the API defines for its codes (GET /api/labels): datasets, fields, steps, statuses,
// queue kinds, withheld reasons and error titles. Loaded once after sign-in; pages never show a code.
import { createContext, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { api, unwrap } from '../api/client.ts';
import { useLang } from '../i18n/index.tsx';
import type { Bilingual } from '../i18n/index.tsx';

type Table = Record<string, Bilingual>;
export interface LabelTables {
  datasets: Table;
  fields: Record<string, Table>;
  channels: Table;
  steps: Table;
  batchStatuses: Table;
  withheld: Table;
  stewardKinds: Table;
  stewardReasons: Table;
  errors: Record<string, { title?: Bilingual; next?: Bilingual }>;
}

const empty: LabelTables = {
  datasets: {}, fields: {}, channels: {}, steps: {}, batchStatuses: {}, withheld: {}, stewardKinds: {}, stewardReasons: {}, errors: {},
};
const LabelsContext = createContext<LabelTables>(empty);

export function LabelsProvider({ children }: { children: ReactNode }) {
  const [tables, setTables] = useState<LabelTables>(empty);
  useEffect(() => {
    unwrap(api.GET('/api/labels')).then((t) => setTables(t as unknown as LabelTables)).catch(() => undefined);
  }, []);
  return <LabelsContext.Provider value={tables}>{children}</LabelsContext.Provider>;
}

export interface Labeller {
  tables: LabelTables;
  /** A code's name from one table (`label('steps', 'clean')`), or the code itself when none is defined. */
  label(table: Exclude<keyof LabelTables, 'fields' | 'errors'>, code: string | null | undefined): string;
  /** A dataset field's name (`field('admin_penalty', 'fine_amount')` → 罚款金额). */
  field(dataset: string, code: string): string;
}

export function useLabels(): Labeller {
  const tables = useContext(LabelsContext);
  const { lang } = useLang();
  return useMemo(() => ({
    tables,
    label: (table, code) => (code ? tables[table][code]?.[lang] ?? code : ''),
    field: (dataset, code) => tables.fields[dataset]?.[code]?.[lang] ?? code,
  }), [tables, lang]);
}
