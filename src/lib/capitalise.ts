/** The text with its first letter in upper case: a sentence that starts with a value ("a" -> "A"). */
export const capitalise = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
