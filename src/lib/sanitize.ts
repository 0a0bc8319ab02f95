/**
 * Removes terminal control and escape sequences from text that did not come from this program (a
 * reference file, an answers file, a person's paste, a model, a server's error text), before it is
 * displayed or written. A sequence that reaches a terminal can recolour it, move the cursor, rewrite
 * the title or, with OSC 52, write to the clipboard; in a file it is garbage. Newlines and tabs are
 * kept; everything else below U+0020, DEL and the C1 range U+0080-U+009F go.
 *
 * A string sequence (OSC, DCS, SOS, PM, APC) is removed with its body only when it is terminated
 * (BEL, ST): an introducer without a terminator is removed alone and the text after it is kept, so
 * a stray `ESC ]` in an answer never swallows the rest of the answer.
 */
/* eslint-disable no-control-regex -- matching control characters is this module's whole job */
const STRING_SEQUENCE =
  /(?:\u001b[\]PX^_]|[\u0090\u0098\u009d\u009e\u009f])[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)/g; // OSC, DCS, SOS, PM, APC
const STRING_INTRODUCER = /\u001b[\]PX^_]/g;
const CSI_SEQUENCE = /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]?/g;
const OTHER_ESCAPE = /\u001b[ -/]*[0-~]?/g;
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
/** Select Graphic Rendition with the 16-colour vocabulary the program styles with (no 8, conceal). */
const OWN_SGR = /\u001b\[(?:(?:[0-79]|[1-9]\d|10[0-7])(?:;(?:[0-79]|[1-9]\d|10[0-7]))*)?m/g;
const SGR_PLACEHOLDER = /\ufdd0(\d+)\ufdd1/g;

function strip(text: string): string {
  return text
    .replace(STRING_SEQUENCE, '')
    .replace(STRING_INTRODUCER, '')
    .replace(CSI_SEQUENCE, '')
    .replace(OTHER_ESCAPE, '')
    .replace(CONTROL, '');
}

export function sanitize(text: string): string {
  return strip(text);
}

/**
 * The same, keeping plain colour codes (`ESC[31m`, `ESC[1;22m`): for a line the program styled
 * itself, written to a terminal with colour on. Every other sequence still goes.
 */
export function sanitizeKeepingColour(text: string): string {
  // The colour codes are set aside (noncharacters around their index), the rest is
  // stripped, and they are put back: stripping cannot join two halves into a new sequence.
  const kept: string[] = [];
  const marked = text.replace(/[\ufdd0\ufdd1]/g, '').replace(OWN_SGR, (code) => {
    kept.push(code);
    return `\ufdd0${kept.length - 1}\ufdd1`;
  });
  return strip(marked).replace(SGR_PLACEHOLDER, (_whole, index: string) => kept[Number(index)] ?? '');
}
