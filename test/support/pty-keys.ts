// What a terminal sends for the keys the tests press (xterm sequences).
export const KEY = {
  enter: '\r',
  down: '\u001b[B',
  up: '\u001b[A',
  ctrlC: '\u0003',
} as const;
