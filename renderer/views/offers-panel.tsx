// The server's offerings (listProjects): search, page through, read the release notes, and get one.
// Release notes are server text and are shown as plain text only.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { DataTable, type Column } from '../components/data-table.js';
import { ErrorPanel } from '../components/error-panel.js';
import { Icon } from '../components/icon.js';
import { formatBytes, formatDateTime } from '../format/units.js';
import { useCourier } from '../store/store-context.js';

const COLUMNS: readonly Column[] = [
  { label: 'Project' },
  { label: 'Version' },
  { label: 'Size', className: 'num' },
  { label: 'Released' },
  { label: 'Action', className: 'col-action', hidden: true },
];

export function OffersPanel({ disabled, onGet }: { disabled: boolean; onGet: (catalogId: string) => void }) {
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
        <h2 id="offers-heading">Offerings on the server</h2>
        <form className="search" role="search" onSubmit={search}>
          <label htmlFor="offer-query" className="visually-hidden">
            Search offerings
          </label>
          <input
            id="offer-query"
            type="search"
            value={query}
            placeholder="Search projects"
            onChange={(event) => setQuery(event.target.value)}
          />
          <button type="submit" className="button">
            <Icon name="search" /> Search
          </button>
        </form>
      </div>
      {error ? <ErrorPanel error={error} compact context="The offerings could not be listed." /> : null}
      {offers && offers.projects.length > 0 ? (
        <DataTable className="offers" columns={COLUMNS}>
          <tbody>
            {offers.projects.map((offer) => (
              <tr key={`${offer.projectId}-${offer.catalogId ?? ''}`}>
                <th scope="row">
                  <span className="item-name">{offer.displayName ?? offer.projectName}</span>
                  {offer.catalogId ? <code className="item-meta">{offer.catalogId}</code> : null}
                  {offer.releaseNotes ? (
                    <details className="notes">
                      <summary>Release notes</summary>
                      <p>{offer.releaseNotes}</p>
                    </details>
                  ) : null}
                </th>
                <td>{offer.version ?? '—'}</td>
                <td className="num">{formatBytes(offer.size)}</td>
                <td className="date">{formatDateTime(offer.releasedAt)}</td>
                <td className="col-action">
                  {offer.catalogId ? (
                    <button
                      type="button"
                      className="button"
                      disabled={disabled}
                      onClick={() => offer.catalogId && onGet(offer.catalogId)}
                    >
                      <Icon name="download" /> Get <span className="visually-hidden">{offer.catalogId}</span>
                    </button>
                  ) : (
                    <span className="muted">No release</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      ) : (
        <p className="muted" role="status">
          {loading ? 'Loading offerings…' : offers ? 'No offerings match.' : ''}
        </p>
      )}
      {offers && pages > 1 ? (
        <nav className="pager" aria-label="Offering pages">
          <button
            type="button"
            className="button"
            disabled={loading || offers.page <= 1}
            onClick={() => void loadOffers(savedQuery, offers.page - 1)}
          >
            <Icon name="back" /> Previous
          </button>
          <span className="num">
            Page {offers.page} of {pages}
          </span>
          <button
            type="button"
            className="button"
            disabled={loading || offers.page >= pages}
            onClick={() => void loadOffers(savedQuery, offers.page + 1)}
          >
            Next <Icon name="next" />
          </button>
        </nav>
      ) : null}
    </section>
  );
}
