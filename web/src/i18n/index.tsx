// The page's language: Simplified Chinese first, English one click away. Each module keeps its own
// messages ({ zh, en } with the same keys, checked by messages.test.ts); useT picks the current one.
import { createContext, useCallback, useContext, useMemo, useState } from 'react';
import type { ReactNode } from 'react';

export type Lang = 'zh' | 'en';
export interface Messages<K extends string> { zh: Record<K, string>; en: Record<K, string> }
export interface Bilingual { zh: string; en: string }

const STORE_KEY = 'cdf.lang';

function initialLang(): Lang {
  // ?lang=en in a link (or a test) chooses; otherwise the last choice made here; otherwise Chinese.
  const asked = new URLSearchParams(globalThis.location?.search ?? '').get('lang');
  if (asked === 'zh' || asked === 'en') return asked;
  const stored = globalThis.localStorage?.getItem(STORE_KEY);
  if (stored === 'zh' || stored === 'en') return stored;
  return 'zh';
}

interface LangState { lang: Lang; setLang(lang: Lang): void }
const LangContext = createContext<LangState>({ lang: 'zh', setLang: () => undefined });

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((l: Lang) => {
    globalThis.localStorage?.setItem(STORE_KEY, l);
    document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
    setLangState(l);
  }, []);
  const value = useMemo(() => ({ lang, setLang }), [lang, setLang]);
  return <LangContext.Provider value={value}>{children}</LangContext.Provider>;
}

export const useLang = (): LangState => useContext(LangContext);

/** `t(key, { n: 3 })` fills `{n}` in the message. */
export type Translate<K extends string> = (key: K, vars?: Record<string, string | number>) => string;

export function useT<K extends string>(messages: Messages<K>): Translate<K> {
  const { lang } = useLang();
  return useCallback((key: K, vars?: Record<string, string | number>) => {
    const text = messages[lang][key] ?? key;
    return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
  }, [lang, messages]);
}

/** A { zh, en } text from the API in the page's language. */
export function useBilingual(): (b: Bilingual | undefined | null) => string {
  const { lang } = useLang();
  return useCallback((b) => (b ? b[lang] : ''), [lang]);
}
