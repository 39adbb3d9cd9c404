// Interface text in English and French (data is shown as stored). French must have every key English has: this
// module does not compile otherwise, and test/console/messages.test.ts checks the JSON files themselves.
import en from "./en.json";
import frText from "./fr.json";

export type MessageId = keyof typeof en;

export const fr: Record<MessageId, string> = frText;

export const messages = { en: en as Record<MessageId, string>, fr };
export type Locale = keyof typeof messages;
export { en };
