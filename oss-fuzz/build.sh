#!/bin/bash -eu
# OSS-Fuzz runs this in the regionfuzz clone (the Dockerfile's WORKDIR).  The
# build is the repository's own, the one ClusterFuzzLite runs too.
exec bash -eu .clusterfuzzlite/build.sh
