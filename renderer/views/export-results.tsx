// The read-back results of a copy to a drive, one row per file, in the table style of the artifact
// table: name with its SHA-256, size, whether it was copied now or already there, the read-back verdict.
import { memo } from 'react';
import type { ExportSummary } from '../../electron/shared/ipc-contract.js';
import { DataTable, VerdictCell, type Column } from '../components/data-table.js';
import { formatBytes } from '../format/units.js';
import { useTranslator } from '../i18n/i18n-provider.js';
import type { Translator } from '../i18n/translator.js';
import { howText, readBackStatus } from './export-model.js';

const columns = (tr: Translator): readonly Column[] => [
  { label: tr.text('history.col.file') },
  { label: tr.text('history.col.size'), className: 'num' },
  { label: tr.text('history.col.onDrive'), className: 'col-how' },
  { label: tr.text('history.col.readBack'), className: 'col-verdict' },
];

export const ExportResults = memo(function ExportResults({ summary }: { summary: ExportSummary }) {
  const tr = useTranslator();
  const matches = readBackStatus(tr);
  return (
    <DataTable
      className="results"
      caption={tr.text('history.readBackCaption', { catalogId: summary.catalogId })}
      columns={columns(tr)}
    >
      <tbody>
        {summary.files.map((file) => (
          <tr key={file.itemKey}>
            <th scope="row" className="col-name">
              <span className="item-name">
                <bdi>{file.file}</bdi>
              </span>
              <span className="item-meta">
                SHA-256{' '}
                <code className="hash-inline" dir="ltr">
                  {file.sha256}
                </code>
              </span>
            </th>
            <td className="num">
              <bdi>{formatBytes(file.size)}</bdi>
            </td>
            <td className="col-how">{howText(tr, file.how)}</td>
            <VerdictCell status={matches} />
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
});
