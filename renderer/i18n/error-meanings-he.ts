// The error table (electron/shared/error-meanings.ts) in Hebrew: what each code means to a
// technician and what to do, written for the field rather than word for word. Codes and option
// names stay as they are (a technician quotes them to an administrator). Exhaustive by type.
// Texts say "http" rather than "http://": in right-to-left text the bidi algorithm would detach
// the "://" from the word. They also avoid opening with a Latin word, which can flip the line.
import type { ErrorCode } from '../../electron/shared/error-codes.js';
import type { ErrorText } from '../../electron/shared/error-meanings.js';

export const ERROR_TEXT_HE: Readonly<Record<ErrorCode, ErrorText>> = {
  'DELIVERY.notFound': {
    title: 'השרת לא מכיר את המשלוח הזה',
    remedy: 'בדוק את מזהה הקטלוג (העתק אותו מרשימת ההיצע). ייתכן שהוא שייך לשרת אחר.',
  },
  'DELIVERY.downloadNotAvailable': {
    title: 'הגרסה הזו עדיין לא שוחררה למשלוח',
    remedy: 'בקש ממנהל הגרסאות לשחרר אותה, או בחר גרסה שכבר שוחררה.',
  },
  'DELIVERY.invalid': {
    title: 'השרת לא מצא אחד מקובצי החבילה',
    remedy: 'החבילה בשרת לא שלמה. דווח על מזהה הקטלוג למנהל GetApp.',
  },
  'DELIVERY.download': {
    title: 'השרת לא הצליח להעתיק את החבילה למטמון שלו',
    remedy: 'גם הניסיון החוזר של Courier נכשל. נסה שוב מאוחר יותר; אם זה נמשך, פנה למנהל GetApp.',
  },
  'DELIVERY.notVerified': {
    title: 'בדיקת הגיבוב שהשרת עצמו עושה לחבילה נכשלה',
    remedy: 'העותק שבשרת פגום. נסה שוב מאוחר יותר; אם זה נמשך, דווח על כך.',
  },
  'DELIVERY.unableClearCache': {
    title: 'לא נשאר מקום במטמון של השרת',
    remedy: 'בקש ממנהל GetApp לפנות מקום במטמון, ואז נסה שוב.',
  },
  'DELIVERY.notExist': {
    title: 'העותק שהוכן נעלם מהשרת',
    remedy: 'התחל את המשלוח מחדש; השרת יכין אותו שוב.',
  },
  'DELIVERY.unknown': {
    title: 'השרת דיווח על שגיאת משלוח לא צפויה',
    remedy: 'נסה שוב. אם זה חוזר, דווח למנהל GetApp על מזהה הקטלוג ועל השעה.',
  },
  'DELIVERY.packageTooLarge': {
    title: 'החבילה גדולה ממה שהשרת מרשה',
    remedy: 'שאל את מנהל GetApp מהי מגבלת הגודל.',
  },
  'APP.unknown': {
    title: 'השרת דיווח על שגיאה ש-Courier לא מכיר',
    remedy: 'נסה שוב; אם זה חוזר, דווח למנהל GetApp על ההודעה שמוצגת.',
  },
  'CLIENT.network': {
    title: 'אין גישה לשרת',
    remedy: 'בדוק את חיבור הרשת ואת כתובת השרת. ההורדה ב-Courier תמשיך מאיפה שנעצרה.',
  },
  'CLIENT.timeout': {
    title: 'השרת לא ענה בזמן',
    remedy: 'ייתכן שהקו איטי או שהשרת עמוס. נסה שוב; מה שכבר הורד לא הולך לאיבוד.',
  },
  'CLIENT.stalled': {
    title: 'ההורדה נתקעה',
    remedy: 'הקו נפל או נעשה איטי מדי. נסה שוב; ההורדה תמשיך מאיפה שנעצרה.',
  },
  'CLIENT.auth': {
    title: 'ההתחברות נכשלה',
    remedy: 'בדוק את שם המשתמש והסיסמה (או את סוד המכשיר) והתחבר שוב.',
  },
  'CLIENT.badResponse': {
    title: 'השרת שלח תשובה ש-Courier לא יכול להשתמש בה',
    remedy: 'ייתכן ששרת פרוקסי או דף התחברות מפריעים בדרך. בדוק את כתובת השרת ונסה שוב.',
  },
  'CLIENT.serverError': {
    title: 'אירעה שגיאה פנימית בשרת',
    remedy: 'נסה שוב בעוד כמה דקות. אם זה נמשך, פנה למנהל GetApp.',
  },
  'CLIENT.hashMismatch': {
    title: 'קובץ לא תואם לגיבוב שפורסם עבורו',
    remedy: 'הקובץ נפגם או שונה בדרך ולכן לא נשמר. נסה שוב; אם זה חוזר, דווח על כך.',
  },
  'CLIENT.hashFormat': {
    title: 'השרת פרסם גיבוב בפורמט שגוי',
    remedy: 'אי אפשר לבדוק את הקובץ, ולכן הוא לא נשמר. דווח על מזהה הקטלוג למנהל GetApp.',
  },
  'CLIENT.sizeMismatch': {
    title: 'גודל הקובץ שונה ממה שהשרת הצהיר',
    remedy: 'ההעברה נקטעה או שונתה, והקובץ לא נשמר. נסה שוב.',
  },
  'CLIENT.signatureInvalid': {
    title: 'חתימת הקובץ לא תקינה',
    remedy: 'אל תתקין אותו. בדוק שהוגדר המפתח הציבורי הנכון, ואז דווח על הקובץ.',
  },
  'CLIENT.signatureMissing': {
    title: 'קובץ הגיע בלי חתימת המפרסם',
    remedy:
      'אל תתקין אותו: כשמוגדר מפתח חתימה, כל קובץ בגרסה חייב להיות חתום. שאל את מפעיל השרת למה החתימה חסרה.',
  },
  'CLIENT.unverified': {
    title: 'אין במה לאמת קובץ',
    remedy:
      'הגדר את המפתח הציבורי לחתימה (cosign.pub), או הפעל את האפשרות לקבצים לא מאומתים אם הנוהל מתיר זאת.',
  },
  'CLIENT.diskFull': {
    title: 'אין מספיק מקום פנוי',
    remedy: 'פנה מקום ביעד (הנפחים מוצגים), ואז המשך; שום דבר לא הולך לאיבוד.',
  },
  'CLIENT.fileSystem': {
    title: 'אי אפשר לכתוב לתיקיית היעד',
    remedy: 'בדוק שאפשר לכתוב לכונן ושהוא לא במצב קריאה בלבד, ואז נסה שוב.',
  },
  'CLIENT.targetRemoved': {
    title: 'היעד נעלם',
    remedy: 'חבר שוב את הכונן והמשך. שום דבר לא נכתב למקום אחר.',
  },
  'CLIENT.unsafeName': {
    title: 'שם קובץ שהגיע מהשרת לא בטוח',
    remedy: 'הקובץ נדחה ושום דבר לא נכתב עבורו. דווח על מזהה הקטלוג למנהל GetApp.',
  },
  'CLIENT.urlRejected': {
    title: 'כתובת ההורדה אסורה',
    remedy:
      'היא מפנה אל מחוץ לשרתים שהוגדרו, או משתמשת ב-http רגיל. אם השרת הזה שלך, הוסף אותו לשרתי האחסון הנוספים בהגדרות (ולשרת מעבדה, הפעל גם הורדות ב-http).',
  },
  'CLIENT.urlExpired': {
    title: 'תוקף קישור ההורדה פג',
    remedy: 'נסה שוב: Courier יבקש מהשרת קישורים חדשים וישמור את מה שכבר הורד.',
  },
  'CLIENT.notDownloadable': {
    title: 'הפריט הזה אינו קובץ להורדה',
    remedy: 'אימג׳ים של קונטיינרים וחבילות מערכת מותקנים מה-registry או מהמאגר שלהם.',
  },
  'CLIENT.cancelled': {
    title: 'נעצר',
    remedy: 'המשך כשתהיה מוכן: ההורדות ימשיכו מאיפה שנעצרו.',
  },
  'CLIENT.invalidRequest': {
    title: 'הבקשה לא תקינה',
    remedy: 'בדוק את הערכים שהוזנו.',
  },
  'CLIENT.notAPackage': {
    title: 'התיקייה הזו אינה חבילת Courier',
    remedy: 'בחר את תיקיית החבילה עצמה: זו שיש בה manifest.json, לא את הכונן ולא תיקייה שמעליה.',
  },
  'CLIENT.badKey': {
    title: 'אי אפשר להשתמש בקובץ המפתח או התעודה',
    remedy:
      'בחר את הקובץ הנכון: מפתח החתימה הוא cosign.pub של המפרסם (ECDSA P-256, PEM); תעודות ומפתחות הם קובצי PEM.',
  },
  'CLIENT.unknownJob': {
    title: 'המשימה הזו כבר לא ברשימה',
    remedy: 'היא הוסרה, או שהיא שייכת להפעלה קודמת. התחל את המשלוח מחדש.',
  },
  'CLIENT.internal': {
    title: 'ב-Courier אירעה תקלה לא צפויה',
    remedy: 'נסה שוב. אם זה חוזר, הפעל מחדש את Courier ודווח מה עשית; מה שכבר הורד לא הולך לאיבוד.',
  },
  'CLIENT.locked': {
    title: 'חלון או תהליך אחר של Courier עובד על המשלוח הזה',
    remedy: 'חכה שיסיים או סגור אותו, ואז נסה שוב.',
  },
};
