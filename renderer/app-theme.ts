// Applies the Appearance setting to the page: html[data-theme] pins light or dark (base.css), and
// no attribute leaves the page to follow the system's prefers-color-scheme, as before the settings
// have loaded.
import { useEffect } from 'react';
import { useCourier } from './store/store-context.js';

export function useDocumentTheme(): void {
  const theme = useCourier((s) => s.settings?.theme ?? 'system');
  useEffect(() => {
    const root = document.documentElement;
    if (theme === 'system') delete root.dataset.theme;
    else root.dataset.theme = theme;
  }, [theme]);
}
