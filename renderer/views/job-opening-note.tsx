// What Open folder and Open report leave to show in browser mode, which cannot open anything on
// this computer: a copy button for the package folder's path, or a link to the report page the
// bridge opened in a new tab (should a pop-up blocker have stopped it). Both are data only.
import { FormattedMessage } from 'react-intl';
import { isReportPagePath } from '../../electron/shared/ipc-contract.js';
import { CopyTextButton } from '../components/copy-text-button.js';
import { Icon } from '../components/icon.js';
import { useTranslator } from '../i18n/i18n-provider.js';
import type { MessageKey } from '../i18n/messages.js';
import { useCourier } from '../store/store-context.js';

/** A sentence with the link inside it, where each language puts it: react-intl places the element. */
const REPORT_OPENED: MessageKey = 'deliveries.opening.reportOpened';

export function JobOpeningNote({ jobId }: { jobId: string }) {
  const tr = useTranslator();
  const opening = useCourier((s) => s.jobOpenings[jobId]);
  if (!opening) return null;
  // The folder's path is on show just above (the job's folder line): say what to do with it.
  if (opening.how === 'showPath')
    return (
      <p className="folder-line opening-note">
        <Icon name="folder" /> {tr.text('deliveries.opening.browserFolder')}
        <CopyTextButton
          text={opening.path}
          label={tr.text('deliveries.opening.copyPath')}
          what={tr.text('deliveries.opening.copyPathWhat')}
        />
      </p>
    );
  // Only a report page of this host is ever a link here, whatever the answer held.
  if (!isReportPagePath(opening.url)) return null;
  return (
    <p className="opening-note" role="status">
      <Icon name="file" />{' '}
      <FormattedMessage
        id={REPORT_OPENED}
        values={{
          link: (
            <a href={opening.url} target="_blank" rel="noopener noreferrer">
              {tr.text('deliveries.opening.openReport')}
            </a>
          ),
        }}
      />
    </p>
  );
}
