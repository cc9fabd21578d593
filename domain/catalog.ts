// The catalogue's shape, as the domain reasons about it (sharing, measures, channels): types and
// names only. Reading and checking catalogue files is catalog/catalog-file.ts's.
import type { Bilingual } from './errors.ts';

export type Channel = 'agency_upload' | 'national_vertical' | 'district_platform' | 'scheduled_pull';

export interface CatalogFile {
  version: 1;
  name?: Bilingual;
  regions: Array<{ code: string; name: Bilingual; level: 'city' | 'district' | 'street'; parent?: string }>;
  agencies: Array<{ code: string; uscc: string; name: Bilingual; region: string; kind: string }>;
  datasets: string[];
  entries: Array<{
    agency: string;
    dataset: string;
    region: string;
    channel: Channel;
    frequency: string;
    authoritative: boolean;
    share: string;
    publish?: boolean;
    /** Read on the entry's frequency from the agency's own system (connectors of kind pull). */
    pull?: EntryPull;
  }>;
  subscriptions?: Subscription[];
  grants?: ShareGrant[];
  measures?: Measure[];
}

/** How a catalogue entry's data is pulled: the connector, its configuration (secrets named by the
 * environment variables holding them) and, when the source's names are not the dataset's headers,
 * which source column holds each field. */
export interface EntryPull {
  connector: 'sql-pull' | 'http-pull';
  config: Record<string, unknown>;
  columns?: Record<string, string>;
}

/** A department's (or the public site's) standing order for a dataset, narrowed by region and filter. */
export interface Subscription {
  id: string; name: Bilingual; dataset: string; sink: 'file' | 'webhook' | 'sql'; config?: Record<string, unknown>;
  /** The agency (department, platform) that receives; the public disclosure site has none. */
  subscriber?: string;
  /** Only records whose subject is registered in, or that were supplied from, these regions. */
  regions?: string[];
  /** Only records whose field equals the value (or one of the values). */
  filter?: Record<string, string | string[]>;
  /** Publication, not sharing: records masked and only while their publicity period runs. */
  public?: boolean;
}

/** 有条件共享: a recorded permission for a subscriber to receive a dataset from providers whose
 * catalogue entry shares it only on condition (from one provider, or all when none is named). */
export interface ShareGrant {
  subscriber: string;
  dataset: string;
  provider?: string;
  purpose?: string;
  basis: string;
  grantedBy: string;
  from: string;
  until?: string;
}

/** A joint punishment measure (联合惩戒措施) a department applies to subjects on the serious-
 * dishonesty list: shown in its system as a prompt (提示) or a block (拦截). */
export interface Measure {
  code: string; name: Bilingual; department: string; dataset: string; action: 'prompt' | 'block'; basis: string;
  listTypes?: string[]; dishonestyTypes?: string[];
}

export interface CatalogProblem {
  path: string;
  zh: string;
  en: string;
}

export const CHANNEL_NAMES: Record<Channel, Bilingual> = {
  agency_upload: { zh: '本单位上报', en: 'agency upload' },
  national_vertical: { zh: '总对总', en: 'national vertical feed' },
  district_platform: { zh: '区平台', en: 'district platform' },
  scheduled_pull: { zh: '定时抽取', en: 'scheduled pull' },
};
