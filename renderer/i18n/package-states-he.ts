// The package verdicts (electron/shared/package-verdict.ts) in Hebrew: the label beside each state
// and the line that says what it means, as every face shows them. Exhaustive by type.
// "Verified" (מאומת) claims exactly what the English does: checked against a hash or a signature.
import type { PACKAGE_STATE_TEXT } from '../../electron/shared/package-verdict.js';

export const PACKAGE_STATE_TEXT_HE: typeof PACKAGE_STATE_TEXT = {
  verified: {
    label: 'מאומת',
    meaning: 'כל קובץ נבדק מול הגיבוב שבשרת או מול חתימת המפרסם.',
  },
  changed: {
    label: 'שונה',
    meaning: 'חלק מהקבצים כבר לא תואמים למה שהוכן. אל תתקין אותם; הורד או העתק שוב.',
  },
  missing: {
    label: 'קבצים חסרים',
    meaning: 'חלק מהקבצים שהחבילה מפרטת לא נמצאים. העתק שוב את החבילה מהמקור שלה.',
  },
  failed: {
    label: 'נכשל',
    meaning: 'לא כל קובצי המשלוח הורדו ואומתו. פתח אותו כדי לראות למה, ואז הורד אותו שוב.',
  },
  unlisted: {
    label: 'קבצים לא רשומים',
    meaning: 'בתיקייה יש קבצים שהחבילה לא מפרטת, ואין שום דבר שמאמת אותם. הסר אותם.',
  },
  unverified: {
    label: 'לא מאומת',
    meaning: 'הוכן בכוונה עם קבצים שאי אפשר היה לבדוק (אין גיבוב ואין מפתח חתימה).',
  },
  incomplete: {
    label: 'חלקי',
    meaning: 'חלק מהפריטים (אימג׳ים של קונטיינרים, rpm/deb) אינם ניתנים להורדה ב-Courier; השג אותם בנפרד.',
  },
  empty: {
    label: 'ריק',
    meaning: 'החבילה לא מפרטת אף קובץ. אין ממנה מה להתקין.',
  },
};
