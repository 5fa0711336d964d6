// @vitest-environment jsdom
// Every error code Courier can show renders its code, title and remedy in both UI languages (the
// tables are exhaustive, and the panel must use them for each one); an unknown code falls back to
// APP.unknown's text. In Hebrew the code and the engine's English message stay left to right.
import '@testing-library/jest-dom/vitest';
import { screen, within } from '@testing-library/react';
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { appError } from '../../../../electron/shared/app-error.js';
import {
  CLIENT_ERROR_CODES,
  SERVER_ERROR_CODES,
  type ErrorCode,
} from '../../../../electron/shared/error-codes.js';
import { ERROR_TEXT } from '../../../../electron/shared/error-meanings.js';
import { ErrorPanel } from '../../../../renderer/components/error-panel.js';
import { explainError } from '../../../../renderer/format/error-text.js';
import { ERROR_TEXT_HE } from '../../../../renderer/i18n/error-meanings-he.js';
import { translatorFor } from '../../../../renderer/i18n/translator.js';
import { renderWithStore } from '../../../support/renderer-render.js';

const ALL_CODES: readonly ErrorCode[] = [...SERVER_ERROR_CODES, ...CLIENT_ERROR_CODES];

describe('ErrorPanel', () => {
  it.each(ALL_CODES)('%s shows its code, title and remedy', (code) => {
    const error = appError({ code, message: `engine says ${code}`, retryable: false });
    renderWithStore(createElement(ErrorPanel, { error }));
    const panel = screen.getByRole('group', { name: `Error ${code}` });
    const text = ERROR_TEXT[code];
    expect(text.title.length).toBeGreaterThan(0);
    expect(text.remedy.length).toBeGreaterThan(0);
    expect(within(panel).getByText(text.title)).toBeInTheDocument();
    expect(within(panel).getByText(text.remedy)).toBeInTheDocument();
    expect(within(panel).getByText(code)).toBeInTheDocument();
    expect(within(panel).getByText(`engine says ${code}`)).toBeInTheDocument();
  });

  it.each(ALL_CODES)(
    '%s in Hebrew: the Hebrew title and remedy, the code and message left to right',
    (code) => {
      const error = appError({ code, message: `engine says ${code}`, retryable: false });
      renderWithStore(createElement(ErrorPanel, { error }), { language: 'he' });
      const panel = screen.getByRole('group', { name: /^שגיאה/ });
      expect(within(panel).getByText(ERROR_TEXT_HE[code].title)).toBeInTheDocument();
      expect(within(panel).getByText(ERROR_TEXT_HE[code].remedy)).toBeInTheDocument();
      expect(within(panel).getByText(code)).toHaveAttribute('dir', 'ltr');
      expect(within(panel).getByText(`engine says ${code}`)).toHaveAttribute('lang', 'en');
    },
  );

  it('lists machine details except hashes, which the hash panel shows in full', () => {
    const error = appError({
      code: 'CLIENT.diskFull',
      message: 'No space',
      retryable: true,
      detail: { needed: 1000, available: 10, expected: 'x', actual: 'y' },
    });
    renderWithStore(createElement(ErrorPanel, { error }));
    expect(screen.getByText('needed')).toBeInTheDocument();
    expect(screen.getByText('1000')).toBeInTheDocument();
    expect(screen.queryByText('expected')).toBeNull();
  });
});

describe('explainError', () => {
  it('explains an unknown code with APP.unknown and keeps the code as received', () => {
    const explained = explainError(translatorFor('en'), {
      code: 'DELIVERY.fromTheFuture',
      message: 'm',
      retryable: false,
    } as never);
    expect(explained.code).toBe('DELIVERY.fromTheFuture');
    expect(explained.title).toBe(ERROR_TEXT['APP.unknown'].title);
  });
});
