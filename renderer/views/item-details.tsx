// The expanded part of an artifact row: published and actual hash side by side, signature, what a
// command would run with, references and errors. Everything from the server is inert text.
import { memo } from 'react';
import { ErrorPanel } from '../components/error-panel.js';
import { Fact } from '../components/fact.js';
import { Icon } from '../components/icon.js';
import type { ItemRowModel } from './job-detail-model.js';
import type { AppError } from '../../electron/shared/app-error.js';

/** A fact whose value is data from the server or a digest: shown as code, never interpreted. */
function CodeFact({ term, value, className }: { term: string; value: string; className?: string }) {
  return (
    <Fact term={term}>
      <code className={className}>{value}</code>
    </Fact>
  );
}

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
        <Fact term="Checksum">
          {row.algorithmLabel ?? (row.boundTo ? 'Through the package it describes' : 'None published')}
        </Fact>
        {row.expected !== null ? <CodeFact term="Expected" value={row.expected} className="hash" /> : null}
        <Fact term="Actual">
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
        </Fact>
        {row.actualHex !== null && row.actual !== row.actualHex ? (
          <CodeFact term="Actual (hex)" value={row.actualHex} className="hash" />
        ) : null}
        {row.boundTo !== null ? <CodeFact term="Verified through" value={row.boundTo} /> : null}
        <Fact term="Signature">{row.signature.label}</Fact>
        {row.isExecutable ? (
          <Fact term="Runs on install">
            Yes{row.arguments !== null ? ', with arguments ' : ', without arguments'}
            {row.arguments !== null ? <code className="argument">{row.arguments}</code> : null}
          </Fact>
        ) : row.arguments !== null ? (
          <CodeFact term="Arguments" value={row.arguments} className="argument" />
        ) : null}
        {row.reference !== null ? <CodeFact term="Install from" value={row.reference} /> : null}
        {row.reusedText !== null ? <Fact term="Reused">{row.reusedText}</Fact> : null}
      </dl>
      {error ? <ErrorPanel error={error} compact /> : null}
    </div>
  );
});
