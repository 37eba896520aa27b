// A preload module (node --import) for the fault-injection tests: makes file-system writes
// below chosen folders fail or slow down, in a real briefpack process, without touching its code.
//
//   BRIEFPACK_TEST_FAULTS="ENOSPC:/abs/folder;EACCES:/other/folder"
//     ENOSPC: files can be created, but nothing can be written into them (a full disk: the
//             file is left empty, as a real full disk leaves it); folders cannot be made.
//     EACCES, EROFS: nothing can be created, written, renamed, linked or removed there.
//   BRIEFPACK_TEST_SLOW_WRITES="<ms>:/abs/folder": each file written there is written in two
//     halves with a pause between (and each rename waits), so that a SIGKILL sent at a random
//     moment often lands in the middle of writing. The first such write prints
//     BRIEFPACK_TEST_WRITING on stderr.
//
// node:fs is patched and syncBuiltinESMExports() makes ES modules' named imports see it.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import path from 'node:path';

const parse = (v) =>
  (v ?? '')
    .split(';')
    .filter(Boolean)
    .map((r) => {
      const i = r.indexOf(':');
      return { what: r.slice(0, i), dir: path.resolve(r.slice(i + 1)) };
    });
const faults = parse(process.env.BRIEFPACK_TEST_FAULTS);
const slow = parse(process.env.BRIEFPACK_TEST_SLOW_WRITES);
const under = (p, dir) => {
  if (typeof p !== 'string' && !(p instanceof URL) && !Buffer.isBuffer(p)) return false;
  const abs = path.resolve(String(p instanceof URL ? p.pathname : p));
  return abs === dir || abs.startsWith(dir + path.sep);
};
const faultOf = (p) => faults.find((f) => under(p, f.dir))?.what;
let announced = false;
/** The pause for a write at p; the first one says so on stderr (the test aims its kill). */
const pauseOf = (p) => {
  const ms = Number(slow.find((s) => under(p, s.dir))?.what ?? 0);
  if (ms && !announced) {
    announced = true;
    real.writeSync(2, 'BRIEFPACK_TEST_WRITING\n');
  }
  return ms;
};
const sleep = (ms) => ms > 0 && Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
const ERRNO = { ENOSPC: -28, EACCES: -13, EROFS: -30 };
function fail(code, syscall, p) {
  const e = new Error(`${code}: ${code === 'ENOSPC' ? 'no space left on device' : code === 'EROFS' ? 'read-only file system' : 'permission denied'}, ${syscall} '${p}'`);
  Object.assign(e, { code, errno: ERRNO[code], syscall, path: String(p) });
  throw e;
}
const writing = (flags) => (typeof flags === 'number' ? (flags & (fs.constants.O_WRONLY | fs.constants.O_RDWR)) !== 0 : /[wax+]/.test(flags ?? 'r'));
const fdFaults = new Map();

const real = { ...fs };
fs.writeFileSync = function (file, data, options) {
  const code = typeof file === 'number' ? fdFaults.get(file) : faultOf(file);
  if (code === 'ENOSPC') {
    if (typeof file !== 'number') real.writeFileSync(file, '', options);
    fail(code, 'write', file);
  }
  if (code) fail(code, 'open', file);
  const pause = typeof file === 'number' ? 0 : pauseOf(file);
  if (pause && typeof data !== 'string' && data.byteLength > 1) {
    const flag = typeof options === 'object' && options?.flag ? options.flag : 'w';
    const fd = real.openSync(file, flag);
    try {
      const half = Math.floor(data.byteLength / 2);
      real.writeSync(fd, data, 0, half);
      sleep(pause);
      real.writeSync(fd, data, half, data.byteLength - half);
    } finally {
      real.closeSync(fd);
    }
    return;
  }
  return real.writeFileSync(file, data, options);
};
fs.openSync = function (file, flags, mode) {
  const code = writing(flags) ? faultOf(file) : undefined;
  if (code && code !== 'ENOSPC') fail(code, 'open', file);
  const fd = real.openSync(file, flags, mode);
  if (code) fdFaults.set(fd, code);
  return fd;
};
fs.closeSync = function (fd) {
  fdFaults.delete(fd);
  return real.closeSync(fd);
};
fs.writeSync = function (fd, ...rest) {
  const code = fdFaults.get(fd);
  if (code) fail(code, 'write', `fd ${fd}`);
  return real.writeSync(fd, ...rest);
};
fs.mkdirSync = function (p, options) {
  const code = faultOf(p);
  if (code && !real.existsSync(p)) fail(code, 'mkdir', p);
  return real.mkdirSync(p, options);
};
fs.renameSync = function (from, to) {
  const code = faultOf(to) ?? faultOf(from);
  if (code && code !== 'ENOSPC') fail(code, 'rename', to);
  sleep(pauseOf(to));
  return real.renameSync(from, to);
};
fs.linkSync = function (existing, p) {
  const code = faultOf(p);
  if (code && code !== 'ENOSPC') fail(code, 'link', p);
  return real.linkSync(existing, p);
};
for (const name of ['unlinkSync', 'rmSync', 'utimesSync']) {
  fs[name] = function (p, ...rest) {
    const code = faultOf(p);
    if (code && code !== 'ENOSPC' && real.existsSync(p)) fail(code, name.replace(/Sync$/, ''), p);
    return real[name](p, ...rest);
  };
}
syncBuiltinESMExports();
