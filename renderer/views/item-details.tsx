// The expanded part of an artifact row: published and actual hash side by side, signature, what a
// command would run with, references and errors. Everything from the server is inert text.
import { memo } from 'react';
import { ErrorPanel } from '../components/error-panel.js';
import { Fact } from '../components/fact.js';
import { Icon } from '../components/icon.js';
import { useTranslator } from '../i18n/i18n-provider.js';
import type { ItemRowModel } from './job-detail-model.js';
import type { AppError } from '../../electron/shared/app-error.js';

/**
 * A fact whose value is data from the server or a digest: shown as code, never interpreted, and
 * left to right on a Hebrew page too.
 */
function CodeFact({ term, value, className }: { term: string; value: string; className?: string }) {
  return (
    <Fact term={term}>
      <code className={className} dir="ltr">
        {value}
      </code>
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
  const tr = useTranslator();
  return (
    <div className="item-details">
      <dl className="facts">
        <Fact term={tr.text('deliveries.fact.checksum')}>
          {row.algorithmLabel !== null ? (
            <bdi dir="ltr">{row.algorithmLabel}</bdi>
          ) : (
            tr.text(row.boundTo ? 'deliveries.checksumViaPackage' : 'deliveries.checksumNone')
          )}
        </Fact>
        {row.expected !== null ? (
          <CodeFact term={tr.text('deliveries.fact.expected')} value={row.expected} className="hash" />
        ) : null}
        <Fact term={tr.text('deliveries.fact.actual')}>
          {row.actual === null ? (
            <span className="muted">{tr.text('deliveries.notComputed')}</span>
          ) : (
            <code
              className={`hash${row.mismatch ? ' hash-bad' : row.expected ? ' hash-good' : ''}`}
              dir="ltr"
            >
              {row.actual}
            </code>
          )}
          {row.mismatch ? (
            <span className="hash-verdict hash-verdict-bad">
              <Icon name="cross" /> {tr.text('deliveries.hashBad')}
            </span>
          ) : row.expected !== null && row.hash.tone === 'success' ? (
            <span className="hash-verdict hash-verdict-good">
              <Icon name="check" /> {tr.text('deliveries.hashGood')}
            </span>
          ) : null}
        </Fact>
        {row.actualHex !== null && row.actual !== row.actualHex ? (
          <CodeFact term={tr.text('deliveries.fact.actualHex')} value={row.actualHex} className="hash" />
        ) : null}
        {row.boundTo !== null ? (
          <CodeFact term={tr.text('deliveries.fact.verifiedThrough')} value={row.boundTo} />
        ) : null}
        <Fact term={tr.text('deliveries.fact.signature')}>{row.signature.label}</Fact>
        {row.isExecutable ? (
          <Fact term={tr.text('deliveries.runsOnInstall')}>
            {row.arguments !== null ? (
              <>
                {tr.text('deliveries.runsWithArguments')}{' '}
                <code className="argument" dir="ltr">
                  {row.arguments}
                </code>
              </>
            ) : (
              tr.text('deliveries.runsWithoutArguments')
            )}
          </Fact>
        ) : row.arguments !== null ? (
          <CodeFact term={tr.text('deliveries.fact.arguments')} value={row.arguments} className="argument" />
        ) : null}
        {row.reference !== null ? (
          <CodeFact term={tr.text('deliveries.fact.installFrom')} value={row.reference} />
        ) : null}
        {row.reusedText !== null ? (
          <Fact term={tr.text('deliveries.fact.reused')}>{row.reusedText}</Fact>
        ) : null}
      </dl>
      {error ? <ErrorPanel error={error} compact /> : null}
    </div>
  );
});
