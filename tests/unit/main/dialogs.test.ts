// E1: the confirmation behind "keep unverified files" is a native message box shown by main, modal to
// our window; only a click on the named button says yes (Cancel is the default and the Escape answer).
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { Confirmation } from '../../../electron/service/index.js';
import { FakeBrowserWindow, fake } from '../../support/electron-mock.js';

vi.mock('electron', async () => (await import('../../support/electron-mock.js')).electronModule());
const { confirmationBox, createDialogs } = await import('../../../electron/main/dialogs.js');

const QUESTION: Confirmation = {
  title: 'Keep unverified files?',
  message: 'Keep files that nothing can vouch for?',
  detail: 'Why it matters.',
  confirmLabel: 'Keep unverified files',
};

afterEach(() => {
  fake.dialog.showMessageBox.mockReset();
  fake.dialog.showMessageBox.mockImplementation(async () => ({ response: 0, checkboxChecked: false }));
});

describe('main: confirm dialog', () => {
  test('the box names the action on its yes button, and Cancel is the default and the Escape answer', () => {
    const box = confirmationBox(QUESTION);
    expect(box).toMatchObject({
      type: 'warning',
      title: QUESTION.title,
      message: QUESTION.message,
      detail: QUESTION.detail,
      buttons: ['Cancel', 'Keep unverified files'],
      defaultId: 0,
      cancelId: 0,
    });
  });

  test.each([
    [0, false],
    [1, true],
    [2, false],
  ])('answer %i means confirmed=%s; the box is modal to our window', async (response, confirmed) => {
    const win = new FakeBrowserWindow({});
    fake.dialog.showMessageBox.mockImplementation(async () => ({ response, checkboxChecked: false }));
    const dialogs = createDialogs(() => win as never);
    expect(await dialogs.confirm!(QUESTION)).toBe(confirmed);
    expect(fake.dialog.showMessageBox).toHaveBeenCalledWith(win, confirmationBox(QUESTION));
  });

  test('without a window it still asks (never answers yes by itself)', async () => {
    const dialogs = createDialogs(() => undefined);
    expect(await dialogs.confirm!(QUESTION)).toBe(false);
    expect(fake.dialog.showMessageBox).toHaveBeenCalledWith(confirmationBox(QUESTION));
    expect(dialogs.unavailable).toBeUndefined();
  });
});
