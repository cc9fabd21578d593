// Agency and region names from the catalogue in force, so tables name a subscriber or a department
// instead of showing its code.
import { useMemo } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { useLoad } from '../../components/useLoad.ts';
import { useBilingual } from '../../i18n/index.tsx';
import type { Bilingual } from '../../i18n/index.tsx';

interface Named { code: string; name: Bilingual }

export function useCatalogNames(): { agency(code: string): string; region(code: string): string } {
  const b = useBilingual();
  const loaded = useLoad(() => unwrap(api.GET('/api/catalog')), []);
  return useMemo(() => {
    const c = loaded.data?.catalog as { agencies?: Named[]; regions?: Named[] } | undefined;
    const agencies = new Map((c?.agencies ?? []).map((a) => [a.code, b(a.name)]));
    const regions = new Map((c?.regions ?? []).map((r) => [r.code, b(r.name)]));
    return { agency: (code) => agencies.get(code) ?? code, region: (code) => regions.get(code) ?? code };
  }, [loaded.data, b]);
}
