// "Saved", said once a form's changes are stored (a polite status, so screen readers hear it too).
import { Icon } from './icon.js';
import { useTranslator } from '../i18n/i18n-provider.js';

export function SavedNote() {
  const tr = useTranslator();
  return (
    <span className="saved" role="status">
      <Icon name="check" /> {tr.text('common.saved')}
    </span>
  );
}
