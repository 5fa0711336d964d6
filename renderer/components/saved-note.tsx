// "Saved", said once a form's changes are stored (a polite status, so screen readers hear it too).
import { Icon } from './icon.js';

export function SavedNote() {
  return (
    <span className="saved" role="status">
      <Icon name="check" /> Saved
    </span>
  );
}
