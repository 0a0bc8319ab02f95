/**
 * The whole picture of an ML workflow: which parts of it an answer covers. A description that
 * covers fewer than four of the eight parts gets one targeted follow-up naming what is missing.
 */

export interface Part {
  readonly id: string;
  readonly label: string;
  readonly pattern: RegExp;
  /** The follow-up question when the part is missing. */
  readonly ask: string;
}

export const PARTS: readonly Part[] = [
  {
    id: 'sources',
    label: 'data sources',
    pattern:
      /\b(?:warehouse|database|postgres|snowflake|bigquery|s3|bucket|data lake|logs?|events?|csvs?|files?|documents?|tables?|crm|apis?|uploads?|emails?|scans?|pdfs?)\b/i,
    ask: 'Where does the data come from, and how often does new data arrive?',
  },
  {
    id: 'processing',
    label: 'processing',
    pattern:
      /\b(?:clean\w*|preprocess\w*|processing|features?|transform\w*|validat\w*|join\w*|aggregat\w*|dedup\w*|pars\w*|ocr|chunk\w*|embed\w*|label\w*)\b/i,
    ask: 'What has to happen to the data before a model can use it (cleaning, features, parsing)?',
  },
  {
    id: 'training',
    label: 'training',
    pattern: /\b(?:train\w*|retrain\w*|fine-?tun\w*|fit(?:ting)?|models?)\b/i,
    ask: 'How is the model trained, and how often must it be retrained?',
  },
  {
    id: 'evaluation',
    label: 'evaluation',
    pattern:
      /\b(?:evaluat\w*|metrics?|accuracy|auc|precision|recall|f1|holdout|backtest\w*|compar\w*|baseline)\b/i,
    ask: 'How do you decide a new model is good enough to replace the current one?',
  },
  {
    id: 'usage',
    label: 'how the model is used',
    pattern:
      /\b(?:serv\w*|predict\w*|scor\w*|endpoints?|apps?|used by|consum\w*|crm|decisions?|customers?|users?|reviewers?)\b/i,
    ask: 'Who or what uses the predictions, and how quickly do they need them?',
  },
  {
    id: 'monitoring',
    label: 'monitoring',
    pattern: /\b(?:monitor\w*|drift|alert\w*|track\w*|observ\w*|dashboards?)\b/i,
    ask: 'How will you notice that the model or the data has gone wrong in production?',
  },
  {
    id: 'team',
    label: 'the team',
    pattern: /\b(?:team|engineers?|data scientists?|analysts?|people|owners?|owns|on-?call)\b/i,
    ask: 'Who builds and runs this, and who owns which part?',
  },
  {
    id: 'history',
    label: 'what was tried before',
    pattern:
      /\b(?:tried|previous\w*|before|existing|currently|today|notebooks?|prototypes?|legacy|manual(?:ly)?|spreadsheets?|used to)\b/i,
    ask: 'What exists today, and what have you tried that did not work?',
  },
];

/** Fewer parts than this is too thin a picture to classify from. */
export const MIN_PARTS = 4;

export function coveredParts(text: string): Part[] {
  return PARTS.filter((part) => part.pattern.test(text));
}

/** One targeted follow-up: what was covered, and up to three questions about the rest. */
export function pushBackOnPicture(text: string): string | undefined {
  const covered = coveredParts(text);
  if (covered.length >= MIN_PARTS) return undefined;
  const missing = PARTS.filter((part) => !covered.includes(part));
  const got =
    covered.length === 0
      ? 'That is a start, but it names none of the parts a pipeline design needs.'
      : `That covers ${covered.map((part) => part.label).join(', ')}.`;
  return `${got} Before classifying anything, tell me more: ${missing
    .slice(0, 3)
    .map((part) => part.ask)
    .join(' ')} (The design needs at least ${MIN_PARTS} of: ${PARTS.map((part) => part.label).join(', ')}.)`;
}
