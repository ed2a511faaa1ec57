#!/bin/sh
# Fills fuzz/corpus/<target>/ with seeds from the sample sessions (run from
# the repository root). The corpus itself is not committed.
set -eu
mkdir -p fuzz/corpus/load fuzz/corpus/load_file fuzz/corpus/capture
for f in sessions/*.ron sessions/copies/*.ron; do
    cp "$f" fuzz/corpus/load/
    cp "$f" fuzz/corpus/load_file/
done
# A collection of two different workshops, as `stb merge` writes for them.
{
    printf 'Collection(\n\tformat: 3,\n\tsessions: [\n'
    cat sessions/2026-09-23-gateshead.ron
    printf ',\n'
    cat sessions/2026-10-07-north-ayrshire.ron
    printf '\t],\n)\n'
} > fuzz/corpus/load/collection.ron
cp fuzz/corpus/load/collection.ron fuzz/corpus/load_file/
cp fuzz/seeds/capture/* fuzz/corpus/capture/
