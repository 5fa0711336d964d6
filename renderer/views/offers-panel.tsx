// The server's offerings (listProjects): search, page through, read the release notes, and get one.
// Release notes are server text and are shown as plain text only.
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { DataTable, type Column } from '../components/data-table.js';
import { ErrorPanel } from '../components/error-panel.js';
import { Icon } from '../components/icon.js';
import { formatBytes, formatDateTime } from '../format/units.js';
import { useTranslator } from '../i18n/i18n-provider.js';
import type { Translator } from '../i18n/translator.js';
import { useCourier } from '../store/store-context.js';

function offerColumns(tr: Translator): readonly Column[] {
  return [
    { label: tr.text('get.col.project') },
    { label: tr.text('get.col.version') },
    { label: tr.text('get.col.size'), className: 'num' },
    { label: tr.text('get.col.released') },
    { label: tr.text('get.col.action'), className: 'col-action', hidden: true },
  ];
}

export function OffersPanel({ disabled, onGet }: { disabled: boolean; onGet: (catalogId: string) => void }) {
  const tr = useTranslator();
  const columns = useMemo(() => offerColumns(tr), [tr]);
  const offers = useCourier((s) => s.offers);
  const loading = useCourier((s) => s.offersLoading);
  const error = useCourier((s) => s.offersError);
  const savedQuery = useCourier((s) => s.offersQuery);
  const loadOffers = useCourier((s) => s.loadOffers);
  const [query, setQuery] = useState(savedQuery);

  const requested = useRef(offers !== null);
  // Only the first visit loads; later visits keep what was shown (and a failed load stays shown).
  useEffect(() => {
    if (requested.current) return;
    requested.current = true;
    void loadOffers(savedQuery, 1);
  }, [loadOffers, savedQuery]);

  const search = (event: FormEvent) => {
    event.preventDefault();
    void loadOffers(query.trim(), 1);
  };
  const pages = offers ? Math.max(1, Math.ceil(offers.total / offers.perPage)) : 1;

  return (
    <section className="panel" aria-labelledby="offers-heading">
      <div className="panel-head">
        <h2 id="offers-heading">{tr.text('get.offers')}</h2>
        <form className="search" role="search" onSubmit={search}>
          <label htmlFor="offer-query" className="visually-hidden">
            {tr.text('get.searchOffers')}
          </label>
          <input
            id="offer-query"
            type="search"
            value={query}
            placeholder={tr.text('get.searchPlaceholder')}
            onChange={(event) => setQuery(event.target.value)}
          />
          <button type="submit" className="button">
            <Icon name="search" /> {tr.text('get.search')}
          </button>
        </form>
      </div>
      {error ? <ErrorPanel error={error} compact context={tr.text('get.offersFailed')} /> : null}
      {offers && offers.projects.length > 0 ? (
        <DataTable className="offers" columns={columns}>
          <tbody>
            {offers.projects.map((offer) => (
              <tr key={`${offer.projectId}-${offer.catalogId ?? ''}`}>
                <th scope="row">
                  {/* Server text, in whichever language the project was published: each reads its own way. */}
                  <span className="item-name" dir="auto">
                    {offer.displayName ?? offer.projectName}
                  </span>
                  {offer.catalogId ? (
                    <code className="item-meta" dir="ltr">
                      {offer.catalogId}
                    </code>
                  ) : null}
                  {offer.releaseNotes ? (
                    <details className="notes">
                      <summary>{tr.text('get.releaseNotes')}</summary>
                      <p dir="auto">{offer.releaseNotes}</p>
                    </details>
                  ) : null}
                </th>
                <td>
                  <bdi>{offer.version ?? '—'}</bdi>
                </td>
                <td className="num">
                  <bdi>{formatBytes(offer.size)}</bdi>
                </td>
                <td className="date">{formatDateTime(tr, offer.releasedAt)}</td>
                <td className="col-action">
                  {offer.catalogId ? (
                    <button
                      type="button"
                      className="button"
                      disabled={disabled}
                      aria-label={tr.text('get.getNamed', { catalogId: offer.catalogId })}
                      onClick={() => offer.catalogId && onGet(offer.catalogId)}
                    >
                      <Icon name="download" /> {tr.text('get.get')}
                    </button>
                  ) : (
                    <span className="muted">{tr.text('get.noRelease')}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      ) : (
        <p className="muted" role="status">
          {loading ? tr.text('get.loadingOffers') : offers ? tr.text('get.noOffersMatch') : ''}
        </p>
      )}
      {offers && pages > 1 ? (
        <nav className="pager" aria-label={tr.text('get.offerPages')}>
          <button
            type="button"
            className="button"
            disabled={loading || offers.page <= 1}
            onClick={() => void loadOffers(savedQuery, offers.page - 1)}
          >
            <Icon name="back" /> {tr.text('get.previous')}
          </button>
          <span className="num">{tr.text('get.pageOf', { page: offers.page, pages })}</span>
          <button
            type="button"
            className="button"
            disabled={loading || offers.page >= pages}
            onClick={() => void loadOffers(savedQuery, offers.page + 1)}
          >
            {tr.text('get.next')} <Icon name="next" />
          </button>
        </nav>
      ) : null}
    </section>
  );
}
