// The tunable numbers and policies of the settings form, edited as text and checked here before
// anything is sent (the service validates again). Units shown are the ones technicians read.
import type { SettingsUpdate, SettingsView } from '../../electron/shared/ipc-contract.js';
import { CheckChoice } from '../components/choices.js';
import { TextField } from '../components/text-field.js';
import { FormattedMessage } from 'react-intl';
import { MIB } from '../format/units.js';
import { useTranslator } from '../i18n/i18n-provider.js';
import type { MessageKey } from '../i18n/messages.js';
import type { Translator } from '../i18n/translator.js';

export interface TuneDraft {
  readonly concurrency?: string;
  readonly limitOn?: boolean;
  /** MiB per second, the unit speeds are shown in. */
  readonly limitMBps?: string;
  readonly pollSeconds?: string;
  readonly allowUnverified?: boolean;
  readonly storageOrigins?: string;
  readonly allowHttp?: boolean;
}

type Checked = { ok: true; value: SettingsUpdate } | { ok: false; message: string };

const number = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text));

export function draftToUpdate(tr: Translator, draft: TuneDraft, settings: SettingsView): Checked {
  const update: Record<string, unknown> = {};
  if (draft.concurrency !== undefined) {
    const n = number(draft.concurrency);
    if (!Number.isInteger(n) || n < 1 || n > 16)
      return { ok: false, message: tr.text('settings.tune.concurrencyRange') };
    if (n !== settings.concurrency) update.concurrency = n;
  }
  if (draft.limitOn !== undefined || draft.limitMBps !== undefined) {
    const on = draft.limitOn ?? settings.bandwidthLimit !== null;
    if (!on) {
      if (settings.bandwidthLimit !== null) update.bandwidthLimit = null;
    } else {
      const mbps = number(draft.limitMBps ?? String((settings.bandwidthLimit ?? 0) / MIB));
      if (!Number.isFinite(mbps) || mbps < 0.01 || mbps > 100_000) {
        return { ok: false, message: tr.text('settings.tune.limitRange') };
      }
      const bytes = Math.round(mbps * MIB);
      if (bytes !== settings.bandwidthLimit) update.bandwidthLimit = bytes;
    }
  }
  if (draft.pollSeconds !== undefined) {
    const s = number(draft.pollSeconds);
    if (!Number.isFinite(s) || s < 0.5 || s > 60)
      return { ok: false, message: tr.text('settings.tune.pollRange') };
    const ms = Math.round(s * 1000);
    if (ms !== settings.pollIntervalMs) update.pollIntervalMs = ms;
  }
  if (draft.allowUnverified !== undefined && draft.allowUnverified !== settings.allowUnverified) {
    update.allowUnverified = draft.allowUnverified;
  }
  if (draft.allowHttp !== undefined && draft.allowHttp !== settings.allowHttp)
    update.allowHttp = draft.allowHttp;
  if (draft.storageOrigins !== undefined) {
    const origins = draft.storageOrigins
      .split(/[\n,]+/)
      .map((origin) => origin.trim())
      .filter((origin) => origin.length > 0);
    if (origins.join('\n') !== settings.storageOrigins.join('\n')) update.storageOrigins = origins;
  }
  return { ok: true, value: update as SettingsUpdate };
}

export function TuneFields({
  settings,
  draft,
  onDraft,
}: {
  settings: SettingsView;
  draft: TuneDraft;
  onDraft: (next: TuneDraft) => void;
}) {
  const tr = useTranslator();
  const limitOn = draft.limitOn ?? settings.bandwidthLimit !== null;
  return (
    <>
      <div className="form-row">
        <TextField
          id="concurrency"
          label={tr.text('settings.tune.concurrency')}
          type="number"
          min={1}
          max={16}
          step={1}
          className="input-number"
          value={draft.concurrency ?? String(settings.concurrency)}
          onChange={(event) => onDraft({ concurrency: event.target.value })}
        />
        <TextField
          id="poll-seconds"
          label={tr.text('settings.tune.poll')}
          type="number"
          min={0.5}
          max={60}
          step="any"
          className="input-number"
          value={draft.pollSeconds ?? String(settings.pollIntervalMs / 1000)}
          onChange={(event) => onDraft({ pollSeconds: event.target.value })}
        />
      </div>
      <div className="field">
        <CheckChoice checked={limitOn} onChange={(checked) => onDraft({ limitOn: checked })}>
          {tr.text('settings.tune.limitOn')}
        </CheckChoice>
        <div className="inline-input">
          <label htmlFor="limit-mbps" className="visually-hidden">
            {tr.text('settings.tune.limitLabel')}
          </label>
          <input
            id="limit-mbps"
            type="number"
            min={0.01}
            step="any"
            className="input-number"
            disabled={!limitOn}
            value={
              draft.limitMBps ??
              (settings.bandwidthLimit === null ? '' : String(settings.bandwidthLimit / MIB))
            }
            onChange={(event) => onDraft({ limitMBps: event.target.value })}
          />
          <span className="unit">{tr.text('settings.tune.limitUnit')}</span>
        </div>
      </div>
      <div className="field">
        <CheckChoice
          checked={draft.allowUnverified ?? settings.allowUnverified}
          describedBy="unverified-help"
          onChange={(checked) => onDraft({ allowUnverified: checked })}
        >
          {tr.text('settings.tune.unverified')}
        </CheckChoice>
        <p id="unverified-help" className="help">
          <FormattedMessage
            id={'settings.tune.unverifiedHelp' satisfies MessageKey}
            values={{ unverified: <strong>{tr.text('status.unverified')}</strong> }}
          />
        </p>
      </div>
      <div className="field">
        <label htmlFor="storage-origins">{tr.text('settings.tune.origins')}</label>
        <textarea
          id="storage-origins"
          rows={2}
          dir="ltr"
          spellCheck={false}
          placeholder="https://storage.example.org"
          aria-describedby="origins-help"
          value={draft.storageOrigins ?? settings.storageOrigins.join('\n')}
          onChange={(event) => onDraft({ storageOrigins: event.target.value })}
        />
        <p id="origins-help" className="help">
          {tr.text('settings.tune.originsHelp')}
        </p>
        <CheckChoice
          checked={draft.allowHttp ?? settings.allowHttp}
          onChange={(checked) => onDraft({ allowHttp: checked })}
        >
          {tr.text('settings.tune.allowHttp', { scheme: 'http://' })}
        </CheckChoice>
      </div>
    </>
  );
}
