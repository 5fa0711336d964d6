// An error as a technician needs it: what happened (title), what to do (remedy), the code to quote
// to an administrator, and the engine's own message and details, all as plain escaped text.
import { memo } from 'react';
import type { AppError } from '../../electron/shared/app-error.js';
import { explainError } from '../format/error-text.js';
import { Fact } from './fact.js';
import { Icon } from './icon.js';
import { useTranslator } from '../i18n/i18n-provider.js';

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
  const tr = useTranslator();
  const text = explainError(tr, error);
  return (
    <div
      className={`error-panel${compact ? ' error-panel-compact' : ''}`}
      role="group"
      aria-label={tr.text('common.errorLabel', { code: text.code })}
    >
      <Icon name="alert" className="error-icon" />
      <div className="error-body">
        <p className="error-title">
          <strong>{text.title}</strong>
          <code className="error-code" dir="ltr">
            {text.code}
          </code>
        </p>
        {context ? <p className="error-context">{context}</p> : null}
        <p className="error-remedy">
          <span className="label-inline">{tr.text('common.whatToDo')}</span> {text.remedy}
        </p>
        {/* The engine words its messages in English (as its logs and the CLI): marked so, so a Hebrew
            page reads it left to right and a screen reader in the right voice. */}
        <p className="error-message" lang="en" dir="ltr">
          {text.message}
        </p>
        {text.detail.length > 0 ? (
          <dl className="error-detail">
            {text.detail.map(({ key, value }) => (
              <Fact key={key} term={key} className="mono" dir="ltr">
                {value}
              </Fact>
            ))}
          </dl>
        ) : null}
      </div>
    </div>
  );
});
