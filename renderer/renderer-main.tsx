// Renderer entry: picks the bridge (Electron preload or browser-mode HTTP), creates the store,
// subscribes to pushes before loading snapshots, and mounts the app in the UI's language.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import { getBridge } from './bridge/get-bridge.js';
import { I18nProvider } from './i18n/i18n-provider.js';
import { connectStore, createCourierStore } from './store/store.js';
import { StoreProvider } from './store/store-context.js';
import './styles/base.css';
import './styles/layout.css';
import './styles/components.css';
import './styles/tables.css';
import './styles/export.css';

const bridge = getBridge();
const store = createCourierStore(bridge);
connectStore(store, bridge);

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element.');
createRoot(container).render(
  <StrictMode>
    <StoreProvider store={store}>
      <I18nProvider>
        <App />
      </I18nProvider>
    </StoreProvider>
  </StrictMode>,
);
