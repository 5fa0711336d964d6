// The read-back results of a copy to a drive, one row per file, in the table style of the artifact
// table: name with its SHA-256, size, whether it was copied now or already there, the read-back verdict.
import { memo } from 'react';
import type { ExportSummary } from '../../electron/shared/ipc-contract.js';
import { StatusBadge } from '../components/status-badge.js';
import { formatBytes } from '../format/units.js';
import { howText, readBackStatus } from './export-model.js';

export const ExportResults = memo(function ExportResults({ summary }: { summary: ExportSummary }) {
  return (
    <div className="table-wrap">
      <table className="results">
        <caption className="visually-hidden">Read-back results of {summary.catalogId} on the drive</caption>
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col" className="num">
              Size
            </th>
            <th scope="col" className="col-how">
              On the drive
            </th>
            <th scope="col" className="col-verdict">
              Read-back
            </th>
          </tr>
        </thead>
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
              <td className="col-verdict">
                <StatusBadge status={readBackStatus} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
});
