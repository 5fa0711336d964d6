// Courier's notices in the UI's language. The service words each notice in English (its logs say
// the same) and names its topic; a UI in another language words the topic itself from this table
// (ICU MessageFormat, filled with the topic's values). A notice without a topic shows its English.
import type { Notice, NoticeTopicName } from '../../electron/shared/ipc-payloads.js';
import type { UiLanguage } from '../../electron/shared/ui-languages.js';
import type { Translator } from './translator.js';

export const NOTICE_TEXTS: Readonly<
  Record<Exclude<UiLanguage, 'en'>, Readonly<Record<NoticeTopicName, string>>>
> = {
  he: {
    downloadsPaused: 'הגדרות החיבור השתנו, ולכן ההורדות הפעילות הושהו. אפשר להמשיך אותן כשמוכנים.',
    settingsNotSaved: 'לא ניתן לשמור את ההגדרות: הן חלות עד ש־Courier ייסגר.',
    resuming: 'ממשיכים משלוחים שלא הסתיימו: {names}.',
    reportsWaiting:
      '{count, plural, one {דוח מצב אחד ממתין} two {שני דוחות מצב ממתינים} other {# דוחות מצב ממתינים}} לשרת, שאינו זמין כרגע. Courier שומר אותם ושולח כשאפשר.',
    reportsSent: 'דוחות המצב שהמתינו הגיעו לשרת.',
    secretsDropped:
      'כתובת השרת, כתובות האחסון או הגדרת ה־http השתנו, ולכן הסיסמה וסוד המכשיר השמורים נמחקו: הם נשלחים רק לשרת שעבורו הוזנו. הזינו אותם שוב בעמוד החיבור.',
    noPickers:
      'במצב דפדפן אי אפשר לפתוח חלון בחירת קבצים. החבילות נשמרות ב־{folder} (כדי לשנות, הפעילו עם --out DIR).',
  },
};

/** What a notice says in the UI's language. */
export function noticeText(tr: Translator, notice: Notice): string {
  if (tr.language === 'en' || !notice.topic) return notice.message;
  const values = 'values' in notice.topic ? notice.topic.values : undefined;
  return tr.format(NOTICE_TEXTS[tr.language][notice.topic.name], values);
}
