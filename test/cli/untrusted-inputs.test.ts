/**
 * Inputs a careless user or an attacker controls (issue 12, item 3): each gets an error that
 * names the file, line and column, says what is wrong and how to fix it, and exits 1 or 2 —
 * never 4 (a bug), never a hang, never a crash. `check` and `build` say the same.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempProject, type CliRun } from '../helpers/temp-project.js';

const BRIEF = 'briefs/cambodia-law-enforcement-meeting.yaml';
const RELEASE = 'releases/mps-2021-09-28-zh-cambodia-video-meeting.md';

function edit(project: string, file: string, change: (text: string) => string): void {
  const abs = path.join(project, file);
  writeFileSync(abs, change(readFileSync(abs, 'utf8')));
}

/** `file:line:column: error CODE: message` lines of a run. */
function errors(r: CliRun): string[] {
  return r.stderr.split('\n').filter((l) => / error BP\d{3}: /.test(l));
}

/** Line and column (1-based, in characters) where `needle` first stands in a file. */
function where(project: string, file: string, needle: string): string {
  const text = readFileSync(path.join(project, file), 'utf8');
  const at = text.indexOf(needle);
  const before = text.slice(0, at).split('\n');
  return `${before.length}:${[...before.at(-1)!].length + 1}`;
}

const noStack = (r: CliRun) => expect(`${r.stdout}\n${r.stderr}`).not.toMatch(/internal error|\n\s+at .+:\d+:\d+\)?$/m);

describe('includes that are not files of the project', () => {
  it('an include naming a folder is refused at its line', async () => {
    const p = tempProject();
    edit(p, BRIEF, (t) => `${t}  - include: parts\n`);
    const r = await runCli(['check', BRIEF], p);
    expect(r.code).toBe(1);
    noStack(r);
    expect(errors(r)).toEqual([expect.stringMatching(new RegExp(`^${BRIEF}:${where(p, BRIEF, 'include: parts').split(':')[0]}:\\d+: error BP211: include "parts" is a folder`))]);
    expect(r.stderr).toContain('hint: Name one YAML file in it');
  });

  it('an include that is a symbolic link leading out of the project is refused', async () => {
    const p = tempProject();
    writeFileSync(path.join(p, '..', `outside-${path.basename(p)}.yaml`), 'heading: Outside\ntext: secret\n');
    symlinkSync(path.join(p, '..', `outside-${path.basename(p)}.yaml`), path.join(p, 'briefs/parts/linked.yaml'));
    edit(p, BRIEF, (t) => `${t}  - include: parts/linked.yaml\n`);
    const r = await runCli(['check', BRIEF], p);
    expect(r.code).toBe(1);
    expect(errors(r)).toEqual([expect.stringMatching(/error BP211: include "parts\/linked\.yaml" is a symbolic link that leads outside the project/)]);
  });
});

describe('brief arguments that are not brief files', () => {
  it('`build briefs` (a folder) is refused before anything is built or written', async () => {
    const p = tempProject();
    const r = await runCli(['build', 'briefs'], p);
    expect(r.code).toBe(1);
    noStack(r);
    expect(errors(r)).toEqual(['briefs:1:1: error BP510: brief spec "briefs" is a folder, not a file']);
    expect(existsSync(path.join(p, 'output'))).toBe(false);
  });

  it('`build /dev/zero` and `check /dev/zero` read nothing from the device', async () => {
    const p = tempProject();
    const started = Date.now();
    const build = await runCli(['build', '/dev/zero'], p);
    const check = await runCli(['check', '/dev/zero'], p);
    for (const r of [build, check]) {
      expect(r.code).toBe(1);
      expect(errors(r)).toContainEqual(expect.stringMatching(/^\/dev\/zero:1:1: error BP510: brief spec "\/dev\/zero" is a device, not a regular file/));
    }
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it("`--template ''` is a usage error (exit 2) for build and check", async () => {
    const p = tempProject();
    for (const command of ['build', 'check']) {
      const r = await runCli([command, '--template', ''], p);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/--template: expected the name of a template in templates\/.*got "" \(templates: bilingual, one-pager, standard\)/);
    }
    expect(existsSync(path.join(p, 'output'))).toBe(false);
  });
});

describe('project files that are not files', () => {
  it('corrections, glossary and fonts.yaml that are a device or a folder: every one reported, nothing read', async () => {
    const p = tempProject();
    for (const f of ['releases/corrections.yaml', 'fonts/fonts.yaml']) {
      rmSync(path.join(p, f));
      symlinkSync('/dev/zero', path.join(p, f));
    }
    rmSync(path.join(p, 'releases/glossary.yaml'));
    mkdirSync(path.join(p, 'releases/glossary.yaml'));
    for (const argv of [['check'], ['build', BRIEF]]) {
      const r = await runCli(argv, p);
      expect(r.code).toBe(1);
      noStack(r);
      expect(errors(r)).toEqual(
        expect.arrayContaining([
          'fonts/fonts.yaml:1:1: error BP402: font configuration "fonts/fonts.yaml" is a device, not a regular file',
          'releases/glossary.yaml:1:1: error BP510: the glossary "releases/glossary.yaml" is a folder, not a file',
          'releases/corrections.yaml:1:1: error BP510: the corrections file "releases/corrections.yaml" is a device, not a regular file',
        ]),
      );
    }
  }, 60_000);
});

describe('corrections', () => {
  it('an empty find is refused at its line instead of hanging check and build', async () => {
    const p = tempProject();
    edit(p, 'releases/corrections.yaml', (t) => `${t}  - release: mps-2021-09-28-zh-cambodia-video-meeting\n    find: ""\n    replace: x\n    note: empty\n`);
    const at = where(p, 'releases/corrections.yaml', 'find: ""').split(':');
    for (const argv of [['check'], ['build', BRIEF, '--format', 'pdf']]) {
      const r = await runCli(argv, p);
      expect(r.code).toBe(1);
      expect(errors(r)).toContainEqual(`releases/corrections.yaml:${at[0]}:${Number(at[1]) + 'find: '.length}: error BP108: correction has an empty "find": it must name the exact text to replace`);
    }
  }, 60_000);
});

describe('dates that are not calendar dates', () => {
  it.each(['2021-02-30', '2021-13-01', '0000-00-00'])('spec date %s: check and build fail at the date', async (date) => {
    const p = tempProject();
    edit(p, BRIEF, (t) => t.replace('date: 2021-09-30', `date: ${date}`));
    for (const argv of [['check', BRIEF], ['build', BRIEF]]) {
      const r = await runCli(argv, p);
      expect(r.code).toBe(1);
      noStack(r);
      expect(errors(r)).toEqual([expect.stringMatching(new RegExp(`^${BRIEF}:4:7: error BP220: date: "${date}" is not a calendar date: it has `))]);
    }
    expect(existsSync(path.join(p, 'output', 'cambodia-law-enforcement-meeting.pdf'))).toBe(false);
  }, 60_000);

  it.each(['2021-02-30', '2021-13-01', '0000-00-00'])('release date %s: check and build fail at the date', async (date) => {
    const p = tempProject();
    edit(p, RELEASE, (t) => t.replace('issued: 2021-09-28', `issued: ${date}`));
    for (const argv of [['check'], ['build', BRIEF]]) {
      const r = await runCli(argv, p);
      expect(r.code).toBe(1);
      expect(errors(r)).toContainEqual(expect.stringMatching(new RegExp(`^${RELEASE}:4:9: error BP114: "issued" "${date}" is not a calendar date`)));
      // The brief that quotes it says why it cannot use it, without "did you mean" the same id.
      expect(r.stderr).not.toMatch(/Did you mean "mps-2021-09-28-zh-cambodia-video-meeting"/);
    }
  }, 60_000);
});

describe('characters no text should hold', () => {
  it.each([
    ['NUL', '\u0000', 'U+0000 (NUL), a control character'],
    ['a C1 control', '\u0085', 'U+0085, a control character'],
    ['a right-to-left override', '\u202e', 'U+202E, a bidirectional control'],
    ['a first-strong isolate', '\u2068', 'U+2068, a bidirectional control'],
    ['a non-character', '\ufffe', 'U+FFFE, a Unicode non-character'],
  ])('%s in a release paragraph is reported at its own line and column', async (_name, char, words) => {
    const p = tempProject();
    edit(p, RELEASE, (t) => t.replace('柬埔寨', `柬${char}埔寨`));
    const at = where(p, RELEASE, char);
    const r = await runCli(['check'], p);
    expect(r.code).toBe(1);
    const own = errors(r).filter((l) => l.includes('BP113'));
    expect(own).toHaveLength(1);
    expect(own[0]!.startsWith(`${RELEASE}:${at}: error BP113: ${words}`), own[0]).toBe(true);
    expect(r.stderr).not.toMatch(/templates\//);
  });

  it('in a spec: raw characters at their column, escaped ones at their value', async () => {
    const p = tempProject();
    edit(p, BRIEF, (t) => t.replace(/^subtitle: China/m, 'subtitle: Chi\u202ana').replace(/^author: .*$/m, 'author: "a\\0b \\uD800"'));
    const r = await runCli(['check', BRIEF], p);
    expect(r.code).toBe(1);
    noStack(r);
    expect(errors(r)).toEqual([`${BRIEF}:3:14: error BP219: U+202A, a bidirectional control, which reorders how the text is shown`]);
    edit(p, BRIEF, (t) => t.replace('\u202a', ''));
    const escaped = await runCli(['build', BRIEF], p);
    expect(escaped.code).toBe(1);
    expect(errors(escaped)).toEqual([`${BRIEF}:6:9: error BP219: U+0000 (NUL), a control character, written as an escape in this value`]);
  }, 60_000);

  it('a UTF-8 byte order mark at the start of every input file is accepted', async () => {
    const p = tempProject();
    for (const f of [BRIEF, 'briefs/parts/about-this-brief.yaml', RELEASE, 'releases/corrections.yaml', 'releases/glossary.yaml', 'fonts/fonts.yaml', 'templates/standard/brief.hbs', 'templates/standard/template.yaml']) {
      if (existsSync(path.join(p, f))) edit(p, f, (t) => `\ufeff${t}`);
    }
    const r = await runCli(['check'], p);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});

describe('YAML that expands without bound', () => {
  it('an alias bomb is refused at its first alias, in a spec and in a release', async () => {
    const p = tempProject();
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...'bcdefgh'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(',')}]`)].join('\n');
    edit(p, BRIEF, (t) => `${t}${bomb.replace(/^/gm, 'x')}\n`);
    mkdirSync(path.join(p, 'output'));
    const r = await runCli(['check', BRIEF], p);
    expect(r.code).toBe(1);
    noStack(r);
    expect(errors(r)[0]).toMatch(/error BP222: aliases \(\*name\) repeat their anchors more than 100 times/);
    edit(p, BRIEF, (t) => t.slice(0, t.indexOf('xa: &a')));
    edit(p, RELEASE, (t) => t.replace('---\nid:', `---\n${bomb.replace(/^/gm, 'x')}\nid:`));
    const release = await runCli(['check'], p);
    expect(release.code).toBe(1);
    expect(errors(release)).toContainEqual(expect.stringMatching(new RegExp(`^${RELEASE}:3:\\d+: error BP222: `)));
  });
});
