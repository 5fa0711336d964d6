// The name of each place in the app: the navigation lists it by this name and its page's heading
// says the same, so the two can never disagree.
import type { MessageKey } from '../i18n/messages.js';
import type { Translator } from '../i18n/translator.js';
import type { ViewName } from '../store/store-types.js';

/** The views the navigation leads to (a delivery's own page is reached from Deliveries). */
export type PlaceName = Exclude<ViewName, 'job'>;

const VIEW_TITLE_KEY: Readonly<Record<PlaceName, MessageKey>> = {
  jobs: 'common.place.jobs',
  get: 'common.place.get',
  history: 'common.place.history',
  connect: 'common.place.connect',
  settings: 'common.place.settings',
};

export function viewTitle(tr: Translator, place: PlaceName): string {
  return tr.text(VIEW_TITLE_KEY[place]);
}
