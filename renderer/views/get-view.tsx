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
import { useCourier } from '../store/store-context.js';
import { OffersPanel } from './offers-panel.js';

const TYPE_LABEL: Readonly<Record<ItemType, string>> = {
  software: 'Software',
  map: 'Map',
  cache: 'Cache',
  config: 'Configuration',
};

export function GetView() {
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
    <ViewPage view="get" sub="Courier prepares it on the server, downloads every file and verifies it.">
      <form className="panel form" onSubmit={submit}>
        <h2>By catalog id</h2>
        <div className="field">
          <label htmlFor="catalog-ids">Catalog ids</label>
          <textarea
            id="catalog-ids"
            rows={4}
            value={text}
            spellCheck={false}
            autoComplete="off"
            placeholder={'For example:\n1.field-nav@2.3.1\n2d6a4f0e-6b1c-4c8e-9f3a-5b7d2e1c0a94'}
            aria-describedby="catalog-ids-help"
            onChange={(event) => setText(event.target.value)}
          />
          <p id="catalog-ids-help" className="help">
            One per line, or separated by commas. {ids.length > 0 ? `${ids.length} to start.` : ''}
            {ids.length > MAX_IDS_PER_START ? ` At most ${MAX_IDS_PER_START} at a time.` : ''}
          </p>
        </div>
        <div className="form-row form-row-end">
          <div className="field field-inline">
            <label htmlFor="item-type">Item type</label>
            <select
              id="item-type"
              value={type}
              onChange={(event) => setItemType(event.target.value as ItemType)}
            >
              {ITEM_TYPES.map((value) => (
                <option key={value} value={value}>
                  {TYPE_LABEL[value]}
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
              Also stage its dependencies
            </CheckChoice>
            <p id="with-dependencies-help" className="help">
              Leaf first, each in its own folder.
            </p>
          </div>
          <button
            type="submit"
            className="button button-primary"
            disabled={starting || ids.length === 0 || ids.length > MAX_IDS_PER_START}
          >
            <Icon name="download" />
            {starting ? 'Starting…' : ids.length > 1 ? `Start ${ids.length} deliveries` : 'Start delivery'}
          </button>
        </div>
        {error ? <ErrorPanel error={error.error} context={`Starting ${error.ids} did not work.`} /> : null}
      </form>
      <OffersPanel disabled={starting} onGet={(catalogId) => void start([catalogId])} />
    </ViewPage>
  );
}
