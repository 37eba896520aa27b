#!/bin/sh
# `npm run build`: briefpack build, started from the startup snapshot when there is one.
# prebuild (scripts/compile.mjs) has just made dist/ and the snapshot with the same `node`,
# so the snapshot fits; when it could not be made (compile said so), the bundle runs.
# Starting from the snapshot skips loading the bundle (src/cli/snapshot.ts): ~0.1 s of a
# one-brief build. npm appends its extra arguments: `npm run build -- briefs/x.yaml`.
dist="$(dirname "$0")/../dist"
if [ -f "$dist/briefpack.blob" ]; then
  exec node --snapshot-blob "$dist/briefpack.blob" build "$@"
fi
exec node "$(dirname "$0")/../bin/briefpack.js" build "$@"
