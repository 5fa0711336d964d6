// The read-back results of a copy to a drive, one row per file, in the table style of the artifact
// table: name with its SHA-256, size, whether it was copied now or already there, the read-back verdict.
import { memo } from 'react';
import type { ExportSummary } from '../../electron/shared/ipc-contract.js';
import { DataTable, VerdictCell, type Column } from '../components/data-table.js';
import { formatBytes } from '../format/units.js';
import { howText, readBackStatus } from './export-model.js';

const COLUMNS: readonly Column[] = [
  { label: 'File' },
  { label: 'Size', className: 'num' },
  { label: 'On the drive', className: 'col-how' },
  { label: 'Read-back', className: 'col-verdict' },
];

export const ExportResults = memo(function ExportResults({ summary }: { summary: ExportSummary }) {
  return (
    <DataTable
      className="results"
      caption={`Read-back results of ${summary.catalogId} on the drive`}
      columns={COLUMNS}
    >
      <tbody>
        {summary.files.map((file) => (
          <tr key={file.itemKey}>
            <th scope="row" className="col-name">
              <span className="item-name">{file.file}</span>
              <span className="item-meta">
                SHA-256 <code className="hash-inline">{file.sha256}</code>
              </span>
            </th>
            <td className="num">{formatBytes(file.size)}</td>
            <td className="col-how">{howText(file.how)}</td>
            <VerdictCell status={readBackStatus} />
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
});
