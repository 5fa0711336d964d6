// An error as a technician needs it: what happened (title), what to do (remedy), the code to quote
// to an administrator, and the engine's own message and details, all as plain escaped text.
import { memo } from 'react';
import type { AppError } from '../../electron/shared/app-error.js';
import { explainError } from '../format/error-text.js';
import { Fact } from './fact.js';
import { Icon } from './icon.js';

export const ErrorPanel = memo(function ErrorPanel({
  error,
  compact = false,
  context,
}: {
  error: AppError;
  compact?: boolean;
  /** What was being attempted, e.g. "Starting 99.nope@1.0.0". */
  context?: string;
}) {
  const text = explainError(error);
  return (
    <div
      className={`error-panel${compact ? ' error-panel-compact' : ''}`}
      role="group"
      aria-label={`Error ${text.code}`}
    >
      <Icon name="alert" className="error-icon" />
      <div className="error-body">
        <p className="error-title">
          <strong>{text.title}</strong>
          <code className="error-code">{text.code}</code>
        </p>
        {context ? <p className="error-context">{context}</p> : null}
        <p className="error-remedy">
          <span className="label-inline">What to do:</span> {text.remedy}
        </p>
        <p className="error-message">{text.message}</p>
        {text.detail.length > 0 ? (
          <dl className="error-detail">
            {text.detail.map(({ key, value }) => (
              <Fact key={key} term={key} className="mono">
                {value}
              </Fact>
            ))}
          </dl>
        ) : null}
      </div>
    </div>
  );
});
