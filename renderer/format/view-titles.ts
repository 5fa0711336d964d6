// The name of each place in the app: the navigation lists it by this name and its page's heading
// says the same, so the two can never disagree.
import type { ViewName } from '../store/store-types.js';

/** The views the navigation leads to (a delivery's own page is reached from Deliveries). */
export type PlaceName = Exclude<ViewName, 'job'>;

export const VIEW_TITLE: Readonly<Record<PlaceName, string>> = {
  jobs: 'Deliveries',
  get: 'Get a delivery',
  history: 'History',
  connect: 'Connection',
  settings: 'Settings',
};
