// The buttons that act on one delivery, as real buttons with names that say which delivery they
// act on. Which ones show follows the job's phase (selectors.jobActions).
import { memo } from 'react';
import type { JobSnapshot } from '../../electron/shared/snapshots.js';
import { Icon, type IconName } from '../components/icon.js';
import { jobActions } from '../store/selectors.js';
import { useCourier } from '../store/store-context.js';
import type { JobAction } from '../store/store-types.js';

const ACTION: Readonly<Record<JobAction, { label: string; icon: IconName; busy: string }>> = {
  pause: { label: 'Pause', icon: 'pause', busy: 'Pausing…' },
  resume: { label: 'Resume', icon: 'play', busy: 'Resuming…' },
  cancel: { label: 'Cancel', icon: 'stop', busy: 'Cancelling…' },
  retry: { label: 'Retry', icon: 'refresh', busy: 'Retrying…' },
  remove: { label: 'Remove from list', icon: 'trash', busy: 'Removing…' },
  verify: { label: 'Verify again', icon: 'shield', busy: 'Verifying…' },
  folder: { label: 'Open folder', icon: 'folder', busy: 'Opening…' },
  report: { label: 'Open report', icon: 'file', busy: 'Opening…' },
};

export interface ActionButtonProps {
  readonly job: JobSnapshot;
  readonly action: JobAction;
  readonly primary?: boolean;
}

export const ActionButton = memo(function ActionButton({ job, action, primary = false }: ActionButtonProps) {
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
      {busy === action ? spec.busy : spec.label} <span className="visually-hidden">{job.catalogId}</span>
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
