// "Get a delivery": paste catalog ids (one per line or comma separated) with their item type, or
// pick from the server's offerings below. Starting sends ids only; Courier does the rest.
import { useState, type FormEvent } from 'react';
import type { AppError } from '../../electron/shared/app-error.js';
import { ITEM_TYPES, type ItemType } from '../../electron/shared/getapp-protocol.js';
import { CheckChoice } from '../components/choices.js';
import { ErrorPanel } from '../components/error-panel.js';
import { Icon } from '../components/icon.js';
import { ViewPage } from '../components/view-page.js';
import { MAX_IDS_PER_START, parseCatalogIds } from '../format/catalog-ids.js';
import { useTranslator } from '../i18n/i18n-provider.js';
import type { MessageKey } from '../i18n/messages.js';
import { useCourier } from '../store/store-context.js';
import { OffersPanel } from './offers-panel.js';

const TYPE_LABEL: Readonly<Record<ItemType, MessageKey>> = {
  software: 'get.type.software',
  map: 'get.type.map',
  cache: 'get.type.cache',
  config: 'get.type.config',
};

/** Ids are the same in every language: only the words before them are translated. */
const EXAMPLE_IDS = ['1.field-nav@2.3.1', '2d6a4f0e-6b1c-4c8e-9f3a-5b7d2e1c0a94'] as const;

export function GetView() {
  const tr = useTranslator();
  const defaultType = useCourier((s) => s.settings?.itemType ?? 'software');
  const startJobs = useCourier((s) => s.startJobs);
  const navigate = useCourier((s) => s.navigate);
  const [text, setText] = useState('');
  const [itemType, setItemType] = useState<ItemType | null>(null);
  const [error, setError] = useState<{ error: AppError; ids: string } | null>(null);
  const [starting, setStarting] = useState(false);
  const [withDependencies, setWithDependencies] = useState(false);
  const ids = parseCatalogIds(text);
  const type = itemType ?? defaultType;

  const start = async (catalogIds: readonly string[]) => {
    setStarting(true);
    setError(null);
    const result = await startJobs(catalogIds, type, withDependencies);
    setStarting(false);
    if (!result.ok) {
      setError({ error: result.error, ids: catalogIds.join(', ') });
      return;
    }
    setText('');
    navigate('jobs');
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (ids.length > 0 && ids.length <= MAX_IDS_PER_START) void start(ids);
  };

  return (
    <ViewPage view="get" sub={tr.text('get.sub')}>
      <form className="panel form" onSubmit={submit}>
        <h2>{tr.text('get.byCatalogId')}</h2>
        <div className="field">
          <label htmlFor="catalog-ids">{tr.text('get.catalogIds')}</label>
          {/* Catalog ids are Latin, and a pasted list must read the same in a Hebrew page. */}
          <textarea
            id="catalog-ids"
            dir="ltr"
            rows={4}
            value={text}
            spellCheck={false}
            autoComplete="off"
            placeholder={[tr.text('get.forExample'), ...EXAMPLE_IDS].join('\n')}
            aria-describedby="catalog-ids-help"
            onChange={(event) => setText(event.target.value)}
          />
          <p id="catalog-ids-help" className="help">
            {tr.text('get.idsHelp')} {ids.length > 0 ? tr.text('get.idsToStart', { count: ids.length }) : ''}
            {ids.length > MAX_IDS_PER_START ? ` ${tr.text('get.idsAtMost', { max: MAX_IDS_PER_START })}` : ''}
          </p>
        </div>
        <div className="form-row form-row-end">
          <div className="field field-inline">
            <label htmlFor="item-type">{tr.text('get.itemType')}</label>
            <select
              id="item-type"
              value={type}
              onChange={(event) => setItemType(event.target.value as ItemType)}
            >
              {ITEM_TYPES.map((value) => (
                <option key={value} value={value}>
                  {tr.text(TYPE_LABEL[value])}
                </option>
              ))}
            </select>
          </div>
          <div className="field field-inline">
            <CheckChoice
              checked={withDependencies}
              onChange={setWithDependencies}
              describedBy="with-dependencies-help"
            >
              {tr.text('get.withDependencies')}
            </CheckChoice>
            <p id="with-dependencies-help" className="help">
              {tr.text('get.withDependenciesHelp')}
            </p>
          </div>
          <button
            type="submit"
            className="button button-primary"
            disabled={starting || ids.length === 0 || ids.length > MAX_IDS_PER_START}
          >
            <Icon name="download" />
            {/* An empty box still names the button as it will act: one delivery. */}
            {starting ? tr.text('get.starting') : tr.text('get.start', { count: Math.max(1, ids.length) })}
          </button>
        </div>
        {error ? (
          <ErrorPanel error={error.error} context={tr.text('get.startFailed', { ids: error.ids })} />
        ) : null}
      </form>
      <OffersPanel disabled={starting} onGet={(catalogId) => void start([catalogId])} />
    </ViewPage>
  );
}
