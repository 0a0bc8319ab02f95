/**
 * Removes terminal control and escape sequences from text that did not come from this program (a
 * reference file, an answers file, a person's paste, a model), before it is displayed or written.
 * A sequence that reaches a terminal can recolour it, move the cursor, rewrite the title or, with
 * OSC 52, write to the clipboard; in a file it is garbage. Newlines and tabs are kept; everything
 * else below U+0020, DEL and the C1 range U+0080-U+009F go.
 */
/* eslint-disable no-control-regex -- matching control characters is this module's whole job */
const STRING_SEQUENCE =
  /(?:\u001b[\]PX^_]|[\u0090\u0098\u009d\u009e\u009f])[\s\S]*?(?:\u0007|\u001b\\|\u009c|$)/g; // OSC, DCS, SOS, PM, APC
const CSI_SEQUENCE = /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]?/g;
const OTHER_ESCAPE = /\u001b[ -/]*[0-~]?/g;
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

export function sanitize(text: string): string {
  return text
    .replace(STRING_SEQUENCE, '')
    .replace(CSI_SEQUENCE, '')
    .replace(OTHER_ESCAPE, '')
    .replace(CONTROL, '');
}
