// Settings and connection state: what the UI may see of the settings (never secrets) and the last
// connection test. Talks to Courier only through the injected bridge.
import type { StateCreator } from 'zustand/vanilla';
import type { CourierBridge, SettingsView } from '../../electron/shared/ipc-contract.js';
import { createTurns } from '../../electron/shared/in-turn.js';
import type { Result } from '../../electron/shared/result.js';
import type { CourierState, SettingsSlice } from './store-types.js';

export const createSettingsSlice =
  (bridge: CourierBridge): StateCreator<CourierState, [], [], SettingsSlice> =>
  (set, get) => {
    // Changes go to the service one at a time, in the order they were made: two quick choices
    // (Light, then Dark) may otherwise overtake each other on the way (browser mode sends each over
    // its own HTTP request) and the earlier one would win.
    const inTurn = createTurns();
    // Every settings call answers with the whole view: apply it, keep the error for the form.
    const applying = (call: () => Promise<Result<SettingsView>>): Promise<Result<SettingsView>> =>
      inTurn(async () => {
        const result = await call();
        if (result.ok) get().applySettings(result.value);
        return result;
      });
    return {
      settings: null,
      settingsError: null,
      connection: { state: 'idle' },
      applySettings: (settings) => set({ settings, settingsError: null }),
      async loadSettings() {
        const result = await bridge.getSettings();
        if (result.ok) get().applySettings(result.value);
        else set({ settingsError: result.error });
      },
      updateSettings: (update) => applying(() => bridge.updateSettings(update)),
      setSecret: (kind, value) => applying(() => bridge.setSecret({ kind, value })),
      chooseStagingFolder: () => applying(() => bridge.chooseStagingFolder()),
      chooseFile: (purpose) => applying(() => bridge.chooseFile({ purpose })),
      pastePem: (purpose, pem) => applying(() => bridge.pastePem({ purpose, pem })),
      clearFile: (purpose) => applying(() => bridge.clearFile({ purpose })),
      async testConnection() {
        set({ connection: { state: 'testing' } });
        const result = await bridge.testConnection();
        set({
          connection: result.ok
            ? { state: 'done', result: result.value, at: new Date().toISOString() }
            : { state: 'error', error: result.error },
        });
      },
    };
  };
