// A copy to a drive under way: the three steps (checking, copying, reading back) with the current
// one in words, a bar with an accessible name and value, speed, time left, and Stop.
import { Icon } from '../components/icon.js';
import { TransferProgress } from '../components/transfer-progress.js';
import type { ExportOutcome } from '../store/store-types.js';
import { EXPORT_STEPS, exportProgressModel } from './export-model.js';

type Running = Extract<ExportOutcome, { state: 'running' }>;

function Steps({ step }: { step: number }) {
  return (
    <ol className="export-steps" aria-label="Steps">
      {EXPORT_STEPS.map(({ phase, label }, index) => {
        const state = index < step ? 'done' : index === step ? 'current' : 'todo';
        return (
          <li
            key={phase}
            className={`export-step export-step-${state}`}
            aria-current={state === 'current' ? 'step' : undefined}
          >
            <Icon name={state === 'done' ? 'check' : state === 'current' ? 'next' : 'minus'} />
            {label}
            <span className="visually-hidden">
              {state === 'done' ? ' (done)' : state === 'todo' ? ' (to do)' : ''}
            </span>
          </li>
        );
      })}
    </ol>
  );
}

export function RunningBody({
  outcome,
  catalogId,
  onStop,
}: {
  outcome: Running;
  catalogId: string;
  onStop: () => void;
}) {
  const model = exportProgressModel(outcome.progress);
  return (
    <>
      <Steps step={model.step} />
      <p className="export-phase" role="status">
        {outcome.stopping ? 'Stopping…' : model.phaseText}
      </p>
      <TransferProgress
        label={`Copy progress of ${catalogId}`}
        percent={model.percent}
        valueText={model.valueText}
        stats={{ ...model, doneLabel: 'Done' }}
      />
      {outcome.progress ? <TargetLine folder={outcome.progress.targetFolder} /> : null}
      <div className="button-row">
        <button
          type="button"
          className="button"
          aria-disabled={outcome.stopping || undefined}
          onClick={outcome.stopping ? undefined : onStop}
        >
          <Icon name="stop" /> {outcome.stopping ? 'Stopping…' : 'Stop copying'}{' '}
          <span className="visually-hidden">{catalogId}</span>
        </button>
      </div>
    </>
  );
}

export function TargetLine({ folder, facts }: { folder: string; facts?: string }) {
  return (
    <p className="folder-line">
      <Icon name="drive" />
      <span className="visually-hidden">Drive folder: </span>
      <code>{folder}</code>
      {facts ? <span>{facts}</span> : null}
    </p>
  );
}
