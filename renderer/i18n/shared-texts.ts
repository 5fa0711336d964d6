// Tables the engine, CLI and UI share (error meanings, package verdicts), in the UI's language. The
// English tables live in electron/shared and stay the CLI's; the Hebrew ones live beside this file.
import type { ErrorCode } from '../../electron/shared/error-codes.js';
import { ERROR_TEXT, type ErrorText } from '../../electron/shared/error-meanings.js';
import { PACKAGE_STATE_TEXT, type PackageState } from '../../electron/shared/package-verdict.js';
import type { UiLanguage } from '../../electron/shared/ui-languages.js';
import { ERROR_TEXT_HE } from './error-meanings-he.js';
import { PACKAGE_STATE_TEXT_HE } from './package-states-he.js';
import type { Translator } from './translator.js';

const ERROR_TEXTS: Readonly<Record<UiLanguage, Readonly<Record<ErrorCode, ErrorText>>>> = {
  en: ERROR_TEXT,
  he: ERROR_TEXT_HE,
};

const PACKAGE_STATE_TEXTS: Readonly<Record<UiLanguage, typeof PACKAGE_STATE_TEXT>> = {
  en: PACKAGE_STATE_TEXT,
  he: PACKAGE_STATE_TEXT_HE,
};

/** What an error code means and what to do, in the UI's language. */
export function errorMeaning(tr: Translator, code: ErrorCode): ErrorText {
  return ERROR_TEXTS[tr.language][code];
}

/** A package verdict's label and what it means, in the UI's language. */
export function packageStateText(
  tr: Translator,
  state: PackageState,
): (typeof PACKAGE_STATE_TEXT)[PackageState] {
  return PACKAGE_STATE_TEXTS[tr.language][state];
}
