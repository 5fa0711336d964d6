// Applies the Appearance setting to the page: html[data-theme] pins light or dark (base.css), and
// no attribute leaves the page to follow the system's prefers-color-scheme, as before the settings
// have loaded. A layout effect, so the page changes colour in the same paint as the choice shows.
import { useLayoutEffect } from 'react';
import { useCourier } from './store/store-context.js';

export function useDocumentTheme(): void {
  const theme = useCourier((s) => s.settings?.theme ?? 'system');
  useLayoutEffect(() => {
    const root = document.documentElement;
    if (theme === 'system') delete root.dataset.theme;
    else root.dataset.theme = theme;
  }, [theme]);
}
