// The expanded part of an artifact row: published and actual hash side by side, signature, what a
// command would run with, references and errors. Everything from the server is inert text.
import { memo } from 'react';
import { ErrorPanel } from '../components/error-panel.js';
import { Icon } from '../components/icon.js';
import type { ItemRowModel } from './job-detail-model.js';
import type { AppError } from '../../electron/shared/app-error.js';

export const ItemDetails = memo(function ItemDetails({
  row,
  error,
}: {
  row: ItemRowModel;
  error: AppError | null;
}) {
  return (
    <div className="item-details">
      <dl className="facts">
        <div>
          <dt>Checksum</dt>
          <dd>
            {row.algorithmLabel ?? (row.boundTo ? 'Through the package it describes' : 'None published')}
          </dd>
        </div>
        {row.expected !== null ? (
          <div>
            <dt>Expected</dt>
            <dd>
              <code className="hash">{row.expected}</code>
            </dd>
          </div>
        ) : null}
        <div>
          <dt>Actual</dt>
          <dd>
            {row.actual === null ? (
              <span className="muted">Not computed yet</span>
            ) : (
              <code className={`hash${row.mismatch ? ' hash-bad' : row.expected ? ' hash-good' : ''}`}>
                {row.actual}
              </code>
            )}
            {row.mismatch ? (
              <span className="hash-verdict hash-verdict-bad">
                <Icon name="cross" /> Does not match the published value
              </span>
            ) : row.expected !== null && row.hash.tone === 'success' ? (
              <span className="hash-verdict hash-verdict-good">
                <Icon name="check" /> Matches the published value
              </span>
            ) : null}
          </dd>
        </div>
        {row.actualHex !== null && row.actual !== row.actualHex ? (
          <div>
            <dt>Actual (hex)</dt>
            <dd>
              <code className="hash">{row.actualHex}</code>
            </dd>
          </div>
        ) : null}
        {row.boundTo !== null ? (
          <div>
            <dt>Verified through</dt>
            <dd>
              <code>{row.boundTo}</code>
            </dd>
          </div>
        ) : null}
        <div>
          <dt>Signature</dt>
          <dd>{row.signature.label}</dd>
        </div>
        {row.isExecutable ? (
          <div>
            <dt>Runs on install</dt>
            <dd>
              Yes{row.arguments !== null ? ', with arguments ' : ', without arguments'}
              {row.arguments !== null ? <code className="argument">{row.arguments}</code> : null}
            </dd>
          </div>
        ) : row.arguments !== null ? (
          <div>
            <dt>Arguments</dt>
            <dd>
              <code className="argument">{row.arguments}</code>
            </dd>
          </div>
        ) : null}
        {row.reference !== null ? (
          <div>
            <dt>Install from</dt>
            <dd>
              <code>{row.reference}</code>
            </dd>
          </div>
        ) : null}
        {row.reusedText !== null ? (
          <div>
            <dt>Reused</dt>
            <dd>{row.reusedText}</dd>
          </div>
        ) : null}
      </dl>
      {error ? <ErrorPanel error={error} compact /> : null}
    </div>
  );
});
