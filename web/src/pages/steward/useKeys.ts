// Keyboard-first: a page names its keys once; they work anywhere on the page except while typing in
// a field (where only ctrl+Enter and Escape reach the page), and the page shows them in a legend.
import { useEffect, useRef } from 'react';

export type KeyMap = Record<string, (e: KeyboardEvent) => void>;

const typing = (t: EventTarget | null): boolean => {
  const el = t as HTMLElement | null;
  if (!el) return false;
  return el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable;
};

/** Keys by name: 'j', 'Enter', 'ctrl+Enter', 'Escape'. The latest map is used without re-binding. */
export function useKeys(map: KeyMap, enabled = true): void {
  const ref = useRef(map);
  ref.current = map;
  useEffect(() => {
    if (!enabled) return undefined;
    const onKey = (e: KeyboardEvent) => {
      if (e.isComposing || e.altKey || e.metaKey) return;
      const name = `${e.ctrlKey ? 'ctrl+' : ''}${e.key.length === 1 ? e.key.toLowerCase() : e.key}`;
      if (typing(e.target) && name !== 'ctrl+Enter' && name !== 'Escape') return;
      // Inside an open dialog or dropdown the page's keys rest.
      if (!typing(e.target) && (e.target as HTMLElement | null)?.closest?.('.ant-modal, .ant-select-dropdown')) return;
      const fn = ref.current[name];
      if (fn) {
        e.preventDefault();
        fn(e);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
