// README.txt: how a field technician checks the drive on a computer without Courier, in Hebrew and
// English, each written for the reader rather than translated word for word. Pure text from a
// SelfCheckPlan.
import { quoted } from '../display-text.js';
import type { SelfCheckPlan } from './plan.js';
import { KEY_FILE, SIGNATURE_SUFFIX, VERIFY_PS1, VERIFY_SH } from './plan.js';

const RUN_SH = `sh ${VERIFY_SH}`;
const RUN_PS1 = `powershell -ExecutionPolicy Bypass -File .\\${VERIFY_PS1}`;

function hebrew(plan: SelfCheckPlan): string[] {
  const signed = plan.signed.length + plan.signedWithoutSig.length > 0;
  return [
    `חבילת Courier: ${quoted(plan.catalogId)}`,
    'בדיקת הכונן במחשב שאין בו Courier',
    '',
    'בתיקייה הזו נמצאים קובצי החבילה והקובץ SHA256SUMS, ובו ערך ה-SHA-256 של כל קובץ.',
    ...(signed
      ? [
          `לכל קובץ שהמפרסם חתם עליו יש כאן קובץ חתימה בשם <שם הקובץ>${SIGNATURE_SUFFIX},`,
          `והמפתח הציבורי של המפרסם נמצא בקובץ ${KEY_FILE}.`,
        ]
      : []),
    '',
    'לינוקס או macOS: פתחו מסוף (Terminal) בתיקייה הזו והריצו:',
    `    ${RUN_SH}`,
    'Windows: פתחו PowerShell בתיקייה הזו והריצו:',
    `    ${RUN_PS1}`,
    '',
    'השורה האחרונה היא התוצאה:',
    '  DRIVE VERIFIED – כל הקבצים שלמים וכל החתימות תקינות. אפשר להתקין.',
    '  NOT VERIFIED – לא להתקין. השורה מציינת אילו קבצים נכשלו. העתיקו את החבילה לכונן מחדש.',
    '  FILES INTACT, SIGNATURES NOT CHECKED – הקבצים שלמים, אבל החתימות לא נבדקו (השורה מסבירה למה).',
    ...(plan.label
      ? [
          '',
          `שימו לב: החבילה הועתקה לכונן כשהיא מסומנת „${plan.label.label}“ – היא לא אומתה במלואה,`,
          'ולכן הבדיקה תסתיים ב-NOT VERIFIED. קראו את report.html לפני התקנה.',
        ]
      : []),
    ...(signed
      ? [
          '',
          'רק בדיקת החתימות מוכיחה מי הכין את הקבצים. השוו את טביעת האצבע של המפתח שהבדיקה',
          'מציגה לזו שקיבלתם מהמפרסם. אם הקובץ cosign.pub חסר, בקשו אותו מהמפרסם, שימו אותו',
          'בתיקייה הזו והריצו את הבדיקה שוב. ב-Windows בדיקת החתימות דורשת openssl',
          '(הוא מגיע עם Git for Windows); בלעדיו נבדקים רק הקבצים.',
        ]
      : []),
  ];
}

function english(plan: SelfCheckPlan): string[] {
  const signed = plan.signed.length + plan.signedWithoutSig.length > 0;
  return [
    `Courier package: ${quoted(plan.catalogId)}`,
    'Checking this drive on a computer without Courier',
    '',
    'This folder holds the package files and SHA256SUMS, the SHA-256 of every file.',
    ...(signed
      ? [
          `Each file the publisher signed has its signature next to it as <file>${SIGNATURE_SUFFIX}, and the`,
          `publisher's public key is ${KEY_FILE}.`,
        ]
      : []),
    '',
    'Linux or macOS: open a terminal in this folder and run',
    `    ${RUN_SH}`,
    'Windows: open PowerShell in this folder and run',
    `    ${RUN_PS1}`,
    '',
    'The last line is the result:',
    '  DRIVE VERIFIED - every file is intact and every signature is valid. You may install.',
    '  NOT VERIFIED - do not install. The line names the files that failed. Copy the package again.',
    '  FILES INTACT, SIGNATURES NOT CHECKED - the files are intact, but the signatures were not',
    '  checked (the line says why).',
    ...(plan.label
      ? [
          '',
          `Note: this package was copied labelled "${plan.label.label}": ${plan.label.meaning}`,
          'The check therefore ends NOT VERIFIED. Read report.html before installing.',
        ]
      : []),
    ...(signed
      ? [
          '',
          'Only the signatures prove who made the files: compare the key fingerprint the check prints',
          'with the one the publisher gave you. If cosign.pub is missing, get it from the publisher, put',
          'it in this folder and run the check again. On Windows the signatures need openssl (Git for',
          'Windows includes it); without it only the files are checked.',
          '',
          'By hand: sha256sum -c SHA256SUMS',
          `         openssl dgst -sha256 -verify ${KEY_FILE} -signature FILE${SIGNATURE_SUFFIX} FILE`,
        ]
      : ['', 'By hand: sha256sum -c SHA256SUMS']),
  ];
}

/** Hebrew first (most technicians read it), then English; plain UTF-8 text, one line per thought. */
export function renderReadme(plan: SelfCheckPlan): string {
  return `${[...hebrew(plan), '', '----------------------------------------', '', ...english(plan)].join('\n')}\n`;
}
