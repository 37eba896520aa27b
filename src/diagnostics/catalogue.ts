/**
 * Every diagnostic code briefpack can emit, with its default severity, the stage that emits
 * it and a one-line fix hint (Astro's error catalogue is the model). Codes are permanent:
 * never renumber or reuse one; retire a code by leaving it here marked as such.
 *
 * Ranges: BP1xx corpus, BP2xx spec, BP3xx template/markup, BP4xx render, BP5xx CLI/files.
 */
export type Severity = 'error' | 'warning' | 'info';
/** The stage a problem belongs to; `build`: the build machinery (files, outputs, the lock). */
export type DiagnosticSource = 'corpus' | 'spec' | 'template' | 'render' | 'build';

interface CatalogueEntry {
  severity: Severity;
  source: DiagnosticSource;
  title: string;
  hint: string;
}

export const CATALOGUE = {
  BP101: {
    severity: 'error',
    source: 'corpus',
    title: 'Release file has no YAML front matter',
    hint: 'Start the file with a line "---", the metadata (id, lang, date, title, source), and another "---".',
  },
  BP102: {
    severity: 'error',
    source: 'corpus',
    title: 'Release metadata is missing or invalid',
    hint: 'Release front matter needs id, lang (zh-Hant, zh-Hans or en, with a region if you like: zh-Hant-HK, zh-Hant-TW, zh-Hans-SG), date (YYYY-MM-DD), title and source.',
  },
  BP103: {
    severity: 'error',
    source: 'corpus',
    title: 'Two release files share one id',
    hint: 'Give each release file a unique id in its front matter.',
  },
  BP104: {
    severity: 'error',
    source: 'corpus',
    title: 'Translation points at a release that does not exist',
    hint: 'Set translation_of to the id of an existing release, or remove it.',
  },
  BP105: {
    severity: 'error',
    source: 'corpus',
    title: 'Curated fact is invalid',
    hint: 'Each fact needs a unique id, a type and an evidence quote that occurs in the release text.',
  },
  BP106: {
    severity: 'error',
    source: 'corpus',
    title: 'Fact evidence does not occur in the release',
    hint: 'Copy the evidence quote exactly from the cleaned release text (briefpack shows the closest match).',
  },
  BP107: {
    severity: 'error',
    source: 'corpus',
    title: 'Glossary entry is invalid',
    hint: 'Each term needs zh-Hant, zh-Hans and a kind (person, organisation, place, event); en is optional.',
  },
  BP108: {
    severity: 'error',
    source: 'corpus',
    title: 'Correction does not apply',
    hint: 'The snippet to replace no longer occurs in the release: update or remove the correction in releases/corrections.yaml.',
  },
  BP109: {
    severity: 'warning',
    source: 'corpus',
    title: 'Suspect text (mojibake, replacement or private-use characters)',
    hint: 'Add a correction to releases/corrections.yaml: release, the exact snippet (find), the right text (replace) and a note.',
  },
  BP110: {
    severity: 'warning',
    source: 'corpus',
    title: 'Simplified-only character in a Traditional-script release',
    hint: 'If it is a scraping error, correct it in releases/corrections.yaml; if it is right, nothing to do.',
  },
  BP111: {
    severity: 'warning',
    source: 'corpus',
    title: 'No configured font has this character',
    hint: 'Correct the text (releases/corrections.yaml) or add a face that covers it to fonts/fonts.yaml.',
  },
  BP112: {
    severity: 'warning',
    source: 'corpus',
    title: 'Release has no date',
    hint: 'Set "date: YYYY-MM-DD" in the front matter; the dump did not say when the release was issued.',
  },
  BP118: {
    severity: 'warning',
    source: 'corpus',
    title: 'Chinese text in a legacy encoding decoded as Latin-1 (Big5 or GBK mojibake)',
    hint: 'Convert the raw file to UTF-8 from its real encoding (iconv -f BIG5 -t UTF-8, or -f GBK) and import it again, or add a correction with the text the warning says the run reads.',
  },
  BP113: {
    severity: 'error',
    source: 'corpus',
    title: 'Input text holds a control character, non-character, lone surrogate or bidi control',
    hint: 'Delete the character (an editor that shows invisible characters helps); if the source has it, add a correction in releases/corrections.yaml.',
  },
  BP114: {
    severity: 'error',
    source: 'corpus',
    title: 'Release date is not a calendar date',
    hint: 'Write a real date, year-month-day with leading zeros, e.g. "issued: 2021-09-28" (months 01–12, days that month has).',
  },
  BP115: {
    severity: 'warning',
    source: 'corpus',
    title: 'Release boundary proposed with low confidence',
    hint: 'Check the boundary with "briefpack import <dump> --plan"; if it is wrong, import with --join LINE (or --split-at LINE where the release really starts).',
  },
  BP116: {
    severity: 'warning',
    source: 'corpus',
    title: 'The text gives a month and day but no year',
    hint: 'Fill in "issued: YYYY-MM-DD" in the imported release file; the importer never guesses a year.',
  },
  BP117: {
    severity: 'warning',
    source: 'corpus',
    title: 'Translation paired with low confidence',
    hint: 'Compare the two releases; remove translation_of from the English release if it is not a translation (use related: for a report on the same event).',
  },
  BP201: {
    severity: 'error',
    source: 'spec',
    title: 'YAML syntax error',
    hint: 'Fix the YAML syntax at this position (indent with spaces, close quotes and brackets).',
  },
  BP202: {
    severity: 'error',
    source: 'spec',
    title: 'Brief spec is not a mapping',
    hint: 'A brief is a YAML mapping with keys such as title, date, classification and sections.',
  },
  BP203: {
    severity: 'error',
    source: 'spec',
    title: 'Unknown key',
    hint: 'Remove the key or correct its spelling.',
  },
  BP204: {
    severity: 'error',
    source: 'spec',
    title: 'Value has the wrong type or form',
    hint: 'Change the value to the expected form.',
  },
  BP205: {
    severity: 'error',
    source: 'spec',
    title: 'Required key is missing',
    hint: 'Add the key.',
  },
  BP206: {
    severity: 'error',
    source: 'spec',
    title: 'Unknown release',
    hint: 'Use the id of a release in releases/ (run `briefpack releases` to list them).',
  },
  BP207: {
    severity: 'error',
    source: 'spec',
    title: 'Paragraph number out of range',
    hint: 'Paragraphs are numbered from 1; see `briefpack releases --text <id>`.',
  },
  BP208: {
    severity: 'error',
    source: 'spec',
    title: 'Unknown fact',
    hint: 'Use the id of a curated fact of one of the brief\'s releases (`briefpack facts <release>`).',
  },
  BP209: {
    severity: 'error',
    source: 'spec',
    title: 'Unknown template',
    hint: 'Use the name of a template in templates/.',
  },
  BP210: {
    severity: 'error',
    source: 'spec',
    title: 'Excerpt quotes suspect text',
    hint: 'Correct the text in releases/corrections.yaml (see `briefpack check`), or quote other paragraphs.',
  },
  BP211: {
    severity: 'error',
    source: 'spec',
    title: 'Include cannot be read',
    hint: 'Point "include" at a YAML file inside the project, relative to the brief.',
  },
  BP212: {
    severity: 'error',
    source: 'spec',
    title: 'Two sections share an id',
    hint: 'Give each section a unique id (or leave ids out and let briefpack derive them).',
  },
  BP213: {
    severity: 'error',
    source: 'spec',
    title: 'Quote not found in the release',
    hint: 'Copy the quote exactly from `briefpack releases --text <release>`.',
  },
  BP214: {
    severity: 'error',
    source: 'spec',
    title: 'Quote occurs more than once',
    hint: 'Add a prefix or suffix (the text just before or after the quote) to say which one.',
  },
  BP215: {
    severity: 'warning',
    source: 'spec',
    title: 'Quoted paragraph changed since the brief was written (pinned)',
    hint: 'Re-read the excerpt against the release, then accept the new text with `briefpack pin --update <brief>`.',
  },
  BP216: {
    severity: 'error',
    source: 'spec',
    title: 'Sentence number out of range',
    hint: 'Sentences are numbered from 1 within their paragraph; see `briefpack releases --text <id>`.',
  },
  BP217: {
    severity: 'error',
    source: 'spec',
    title: 'Editor Markdown contains raw HTML',
    hint: 'Use Markdown only: **bold**, *italic*, [text](https://…) and lists.',
  },
  BP218: {
    severity: 'warning',
    source: 'spec',
    title: 'Cited release lacks its issuer or date',
    hint: 'Add "issuer:" and "issued: YYYY-MM-DD" to the release\'s front matter (docs/corpus.md), so its citations name who issued it and when.',
  },
  BP223: {
    severity: 'info',
    source: 'spec',
    title: 'Fact selected twice: shown once',
    hint: 'Each fact is shown once per brief, where it is selected by id (else where its type is first selected); remove the other selection.',
  },
  BP224: {
    severity: 'warning',
    source: 'render',
    title: 'Excerpt shortened to its first sentence to fit the page limit',
    hint: 'Give the excerpt fewer sentences yourself, mark others `priority: low`, or choose a template without a page limit.',
  },
  BP225: {
    severity: 'warning',
    source: 'render',
    title: 'Fact or glossary table left out to fit the page limit',
    hint: 'Select fewer facts, mark the ones to drop first `priority: low`, or choose a template without a page limit.',
  },
  BP226: {
    severity: 'warning',
    source: 'spec',
    title: '`glossary: auto` finds no glossary term',
    hint: 'Add the names to releases/glossary.yaml, quote text that names them, or remove "glossary: auto".',
  },
  BP227: {
    severity: 'error',
    source: 'spec',
    title: '`translation:` names a release in the same language',
    hint: 'Name the release in the other language (the original or its translation), or remove "translation:" to use the linked one.',
  },
  BP219: {
    severity: 'error',
    source: 'spec',
    title: 'Spec text holds a control character, non-character, lone surrogate or bidi control',
    hint: 'Delete the character (an editor that shows invisible characters helps): it would print differently, or not at all, in the PDF and the DOCX.',
  },
  BP220: {
    severity: 'error',
    source: 'spec',
    title: 'Date is not a calendar date',
    hint: 'Write a real date, year-month-day with leading zeros, e.g. "date: 2021-09-30" (months 01–12, days that month has).',
  },
  BP221: {
    severity: 'warning',
    source: 'spec',
    title: 'Link with a scheme other than http, https or mailto',
    hint: 'Links may only point to http://, https:// or mailto: addresses; the link text is printed as plain text.',
  },
  BP222: {
    severity: 'error',
    source: 'spec',
    title: 'YAML aliases expand too far (alias bomb)',
    hint: 'Write the values out instead of nesting aliases of aliases.',
  },
  BP231: {
    severity: 'warning',
    source: 'spec',
    title: 'Pin lock file (briefs/<name>.lock.yaml) is invalid',
    hint: 'Run `briefpack pin --update <brief>` to write the lock file again.',
  },
  BP301: {
    severity: 'error',
    source: 'template',
    title: 'Template failed to compile or run',
    hint: 'Fix the Handlebars syntax or the data the template asks for at this line.',
  },
  BP302: {
    severity: 'error',
    source: 'template',
    title: 'Template emitted markup that is not well formed',
    hint: 'Close every element the template opens, and quote attribute values.',
  },
  BP303: {
    severity: 'error',
    source: 'template',
    title: 'Unknown markup element or attribute',
    hint: 'Use only the elements listed in docs/templates.md.',
  },
  BP401: {
    severity: 'error',
    source: 'render',
    title: 'No configured font has this character',
    hint: 'Add a face that covers it to the chain in fonts/fonts.yaml, or correct the text (releases/corrections.yaml).',
  },
  BP402: {
    severity: 'error',
    source: 'render',
    title: 'Font file not found or unreadable',
    hint: 'Check the path in fonts/fonts.yaml; npm: paths resolve inside node_modules (run `npm ci`).',
  },
  BP403: {
    severity: 'error',
    source: 'render',
    title: 'Content does not fit the template\'s page limit, even with every cut made',
    hint: 'Remove the excerpts the message names (or shorten the summary and section texts), or choose another template.',
  },
  BP501: {
    severity: 'error',
    source: 'build',
    title: 'File not found',
    hint: 'Check the path; brief specs live in briefs/*.yaml.',
  },
  BP502: {
    severity: 'error',
    source: 'build',
    title: 'Output file could not be written',
    hint: 'Check that the output folder is writable and the disk is not full; the previous output was left as it was.',
  },
  BP503: {
    severity: 'error',
    source: 'build',
    title: 'Another build is writing to the output folder',
    hint: 'Wait for the other build to finish. If no build is running (it was killed), delete the lock file named in the message.',
  },
  BP504: {
    severity: 'info',
    source: 'build',
    title: 'A lock left by a build that is no longer running was taken over',
    hint: 'Nothing to do: the build that left it was killed or crashed (or the lock file was not written by briefpack).',
  },
  BP505: {
    severity: 'error',
    source: 'build',
    title: 'The output folder cannot be used',
    hint: 'Give --out a folder you can write to (it is created if missing); not a file, a device or a read-only place.',
  },
  BP506: {
    severity: 'error',
    source: 'build',
    title: 'The build cache could not be saved',
    hint: 'Check that .briefpack-cache/ is a writable folder and the disk is not full. The outputs were written; the next build builds them again.',
  },
  BP507: {
    severity: 'info',
    source: 'build',
    title: 'An output the brief no longer asks for was removed',
    hint: 'Nothing to do: the brief (its formats:, --format or --emit) no longer writes this file, so the old copy was removed rather than left looking current.',
  },
  BP508: {
    severity: 'warning',
    source: 'build',
    title: 'An output the brief no longer asks for was left in place, stale',
    hint: 'The file was changed after briefpack wrote it (or briefpack has no record of writing it), so it was not removed. Delete it if it is not needed.',
  },
  BP509: {
    severity: 'error',
    source: 'build',
    title: 'The watcher could not watch a folder',
    hint: 'Check the folder exists and is readable; on Linux, raise fs.inotify.max_user_watches if the limit was reached.',
  },
  BP510: {
    severity: 'error',
    source: 'build',
    title: 'Input is not a regular file (a folder, a device, a pipe)',
    hint: 'Name a YAML file, e.g. briefs/cambodia.yaml; with no file named, build and check take every briefs/*.yaml.',
  },
  BP511: {
    severity: 'error',
    source: 'build',
    title: 'Input file is too large',
    hint: 'Input files are limited to 32 MB; split the release or check that the path names the file you meant.',
  },
  BP512: {
    severity: 'error',
    source: 'build',
    title: 'A --split-at or --join line is not a text line of the dump',
    hint: 'Give the number of a non-blank line of the dump, as "briefpack import <dump> --plan" shows them.',
  },
  BP513: {
    severity: 'error',
    source: 'build',
    title: '--join names a line where no release starts',
    hint: 'Use a line where the plan starts a release ("briefpack import <dump> --plan" lists them); --join removes that start.',
  },
  BP514: {
    severity: 'error',
    source: 'build',
    title: 'The import plan file is missing or invalid',
    hint: 'A plan file is YAML with two optional lists of dump line numbers: "split_at: [42]" and "join: [57]".',
  },
  BP515: {
    severity: 'error',
    source: 'build',
    title: 'The same line is given to --split-at and to --join',
    hint: 'Keep one: --split-at starts a release at the line, --join removes a start the importer proposed.',
  },
  BP530: {
    severity: 'error',
    source: 'build',
    title: 'The preview server could not start',
    hint: 'Choose another port with --port N, or leave --port out to take a free one.',
  },
} as const satisfies Record<string, CatalogueEntry>;

export type DiagnosticCode = keyof typeof CATALOGUE;
