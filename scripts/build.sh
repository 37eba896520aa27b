#!/bin/sh
# `npm run build`: briefpack build, started from the startup snapshot when it helps.
#
# Starting from the snapshot (src/cli/snapshot.ts) skips loading the bundle: ~0.1 s of a
# one-brief build. A build of many briefs gains nothing from that and the snapshot's heap
# costs memory all through it (100 briefs: ~75 MB more at the peak, measured), so from
# MANY_BRIEFS briefs (src/builder/session.ts: 30, where build starts a builder per CPU)
# the bundle runs. prebuild (scripts/compile.mjs) has just made dist/ and the snapshot with
# the same `node`, so the snapshot fits; when it could not be made (compile said so), the
# bundle runs. npm appends its extra arguments: `npm run build -- briefs/x.yaml`.
here="$(dirname "$0")"
many=30

# The briefs this build takes: those named, or every briefs/*.yaml but lock files.
briefs=0
for arg in "$@"; do
  case "$arg" in *.yaml | *.yml) briefs=$((briefs + 1)) ;; esac
done
if [ "$briefs" -eq 0 ]; then
  for f in briefs/*.yaml briefs/*.yml; do
    [ -f "$f" ] || continue
    case "$f" in *.lock.yaml | *.lock.yml) continue ;; esac
    briefs=$((briefs + 1))
  done
fi

if [ -f "$here/../dist/briefpack.blob" ] && [ "$briefs" -lt "$many" ]; then
  exec node --snapshot-blob "$here/../dist/briefpack.blob" build "$@"
fi
exec node "$here/../bin/briefpack.js" build "$@"
