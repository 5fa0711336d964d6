// A copy to a drive under way: the three steps (checking, copying, reading back) with the current
// one in words, a bar with an accessible name and value, speed, time left, and Stop.
import { ErrorPanel } from '../components/error-panel.js';
import { Icon } from '../components/icon.js';
import { TransferProgress } from '../components/transfer-progress.js';
import { useTranslator } from '../i18n/i18n-provider.js';
import type { ExportOutcome } from '../store/store-types.js';
import { EXPORT_STEPS, exportProgressModel } from './export-model.js';

type Running = Extract<ExportOutcome, { state: 'running' }>;

function Steps({ step }: { step: number }) {
  const tr = useTranslator();
  return (
    <ol className="export-steps" aria-label={tr.text('history.steps')}>
      {EXPORT_STEPS.map(({ phase, label }, index) => {
        const state = index < step ? 'done' : index === step ? 'current' : 'todo';
        return (
          <li
            key={phase}
            className={`export-step export-step-${state}`}
            aria-current={state === 'current' ? 'step' : undefined}
          >
            <Icon name={state === 'done' ? 'check' : state === 'current' ? 'next' : 'minus'} />
            {tr.text(label)}
            {state !== 'current' ? (
              <span className="visually-hidden">
                {' '}
                {tr.text(state === 'done' ? 'history.stepDone' : 'history.stepTodo')}
              </span>
            ) : null}
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
  const tr = useTranslator();
  const model = exportProgressModel(tr, outcome.progress);
  return (
    <>
      <Steps step={model.step} />
      <p className="export-phase" role="status">
        {outcome.stopping ? tr.text('history.stopping') : model.phaseText}
      </p>
      <TransferProgress
        label={tr.text('history.copyProgressOf', { catalogId })}
        percent={model.percent}
        valueText={model.valueText}
        stats={{ ...model, doneLabel: tr.text('history.doneAmount') }}
      />
      {outcome.progress ? <TargetLine folder={outcome.progress.targetFolder} /> : null}
      {outcome.stopError ? (
        <ErrorPanel error={outcome.stopError} compact context={tr.text('history.stopFailed')} />
      ) : null}
      <div className="button-row">
        <button
          type="button"
          className="button"
          aria-disabled={outcome.stopping || undefined}
          onClick={outcome.stopping ? undefined : onStop}
        >
          <Icon name="stop" /> {tr.text(outcome.stopping ? 'history.stopping' : 'history.stopCopying')}{' '}
          <span className="visually-hidden">{catalogId}</span>
        </button>
      </div>
    </>
  );
}

export function TargetLine({ folder, facts }: { folder: string; facts?: string }) {
  const tr = useTranslator();
  return (
    <p className="folder-line">
      <Icon name="drive" />
      <span className="visually-hidden">{tr.text('history.driveFolder')} </span>
      <code dir="ltr">{folder}</code>
      {facts ? <span>{facts}</span> : null}
    </p>
  );
}
