// One artifact of a delivery: a table row (name, size, progress, speed, time left, checks, result)
// plus its details row. Memoised on the item snapshot, which the store reuses while unchanged.
import { memo, useId, useState } from 'react';
import type { FileCheck } from '../../electron/shared/ipc-contract.js';
import type { ItemSnapshot } from '../../electron/shared/snapshots.js';
import { Icon } from '../components/icon.js';
import { ProgressMeter } from '../components/progress-meter.js';
import { StatusBadge } from '../components/status-badge.js';
import { useTranslator } from '../i18n/i18n-provider.js';
import { fileCheckStatus } from './check-status.js';
import { itemRowModel } from './job-detail-model.js';
import { ItemDetails } from './item-details.js';

export interface ItemRowProps {
  readonly item: ItemSnapshot;
  readonly catalogId: string;
  /** The verify-again result for this file, when one was run (shown under its result). */
  readonly recheck?: FileCheck | null;
  readonly showRecheck: boolean;
}

export const ItemRow = memo(function ItemRow({ item, catalogId, recheck, showRecheck }: ItemRowProps) {
  const tr = useTranslator();
  const row = itemRowModel(tr, item, catalogId);
  const [open, setOpen] = useState<boolean | null>(null);
  const detailsId = useId();
  // Until the technician chooses, problems, references and install commands are shown open.
  const expanded = open ?? (row.attention || row.isExecutable);
  return (
    <tbody className={`item${row.status.tone === 'danger' ? ' item-bad' : ''}`}>
      <tr>
        <th scope="row" className="col-name">
          <bdi className="item-name">{row.name}</bdi>
          <span className="item-meta">
            {row.typeLabel}
            {row.isExecutable ? <span className="tag">{tr.text('deliveries.runsOnInstall')}</span> : null}
          </span>
        </th>
        <td className="col-size num">
          <bdi>{row.sizeText}</bdi>
        </td>
        <td className="col-progress">
          {row.reference !== null ? (
            <span className="muted">{tr.text('deliveries.notDownloaded')}</span>
          ) : row.status.tone === 'danger' && row.percent !== 100 ? (
            <span className="not-kept">
              <Icon name="cross" /> {tr.text('deliveries.notKept')}
            </span>
          ) : (
            <>
              <span className="progress-cell">
                <ProgressMeter
                  label={tr.text('deliveries.progressOf', { name: row.name })}
                  percent={row.percent}
                  valueText={row.progressText}
                  tone={row.status.tone === 'danger' ? 'danger' : row.percent === 100 ? 'success' : 'info'}
                />
                <span className="num progress-pct">{row.percent === null ? '—' : `${row.percent}%`}</span>
              </span>
              {row.active ? (
                <span className="rate num">
                  <span>
                    <span className="visually-hidden">{tr.text('common.speed')} </span>
                    <bdi>{row.speedText}</bdi>
                  </span>
                  <span>{tr.text('deliveries.etaLeft', { eta: row.etaText })}</span>
                </span>
              ) : null}
            </>
          )}
        </td>
        <td className="col-checks">
          <span className="check-stack">
            <StatusBadge status={row.hash} />
            <StatusBadge status={row.signature} />
          </span>
        </td>
        <td className="col-result">
          <span className="check-stack">
            <StatusBadge status={row.status} />
            {showRecheck ? (
              <span className="recheck-line">
                <span className="visually-hidden">{tr.text('deliveries.recheckLabel')} </span>
                {recheck ? (
                  <StatusBadge
                    status={fileCheckStatus(
                      tr,
                      recheck,
                      item.outcome === 'unverified' ? 'unverified' : 'verified',
                    )}
                  />
                ) : (
                  <span className="muted">{tr.text('deliveries.notRechecked')}</span>
                )}
              </span>
            ) : null}
          </span>
        </td>
        <td className="col-toggle">
          <button
            type="button"
            className="button-icon"
            aria-expanded={expanded}
            aria-controls={detailsId}
            title={tr.text(expanded ? 'deliveries.hideDetails' : 'deliveries.showDetails')}
            onClick={() => setOpen(!expanded)}
          >
            <Icon name={expanded ? 'up' : 'down'} />
            <span className="visually-hidden">{tr.text('deliveries.detailsOf', { name: row.name })}</span>
          </button>
        </td>
      </tr>
      <tr className="item-details-row" id={detailsId} hidden={!expanded}>
        <td colSpan={6}>{expanded ? <ItemDetails row={row} error={item.error} /> : null}</td>
      </tr>
    </tbody>
  );
});
