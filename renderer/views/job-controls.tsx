// The buttons that act on one delivery, as real buttons with names that say which delivery they
// act on. Which ones show follows the job's phase (selectors.jobActions).
import { memo } from 'react';
import type { JobSnapshot } from '../../electron/shared/snapshots.js';
import { Icon, type IconName } from '../components/icon.js';
import { useTranslator } from '../i18n/i18n-provider.js';
import type { MessageKey } from '../i18n/messages.js';
import { jobActions } from '../store/selectors.js';
import { useCourier } from '../store/store-context.js';
import type { JobAction } from '../store/store-types.js';

const ACTION: Readonly<Record<JobAction, { label: MessageKey; icon: IconName; busy: MessageKey }>> = {
  pause: { label: 'deliveries.action.pause', icon: 'pause', busy: 'deliveries.action.pauseBusy' },
  resume: { label: 'deliveries.action.resume', icon: 'play', busy: 'deliveries.action.resumeBusy' },
  cancel: { label: 'deliveries.action.cancel', icon: 'stop', busy: 'deliveries.action.cancelBusy' },
  retry: { label: 'deliveries.action.retry', icon: 'refresh', busy: 'deliveries.action.retryBusy' },
  remove: { label: 'deliveries.action.remove', icon: 'trash', busy: 'deliveries.action.removeBusy' },
  verify: { label: 'deliveries.action.verify', icon: 'shield', busy: 'deliveries.action.verifyBusy' },
  folder: { label: 'deliveries.action.folder', icon: 'folder', busy: 'deliveries.action.openingBusy' },
  report: { label: 'deliveries.action.report', icon: 'file', busy: 'deliveries.action.openingBusy' },
};

export interface ActionButtonProps {
  readonly job: JobSnapshot;
  readonly action: JobAction;
  readonly primary?: boolean;
}

export const ActionButton = memo(function ActionButton({ job, action, primary = false }: ActionButtonProps) {
  const tr = useTranslator();
  const busy = useCourier((s) => s.busy[job.jobId]);
  const run = useCourier((s) => s.runJobAction);
  const spec = ACTION[action];
  return (
    <button
      type="button"
      className={primary ? 'button button-primary' : 'button'}
      disabled={busy !== undefined}
      onClick={() => void run(job.jobId, action)}
    >
      <Icon name={spec.icon} />
      {tr.text(busy === action ? spec.busy : spec.label)}{' '}
      <span className="visually-hidden" dir="ltr">
        {job.catalogId}
      </span>
    </button>
  );
});

/** Pause / resume / cancel / retry / remove, as the phase allows. */
export const JobControls = memo(function JobControls({ job }: { job: JobSnapshot }) {
  return (
    <>
      {jobActions(job).map((action, index) => (
        <ActionButton
          key={action}
          job={job}
          action={action}
          primary={index === 0 && (action === 'resume' || action === 'retry')}
        />
      ))}
    </>
  );
});
