#!/usr/bin/env bash
# Makes fixtures/bad/encrypted.pdf: a digital fixture encrypted with the user
# password "poa" (AES-256). The salt is random, so each run gives other bytes: the committed file is the one the tests use., for the tests of --password. Needs Debian's qpdf
# (apt-get install qpdf); the product itself never does.
set -euo pipefail
cd "$(dirname "$0")/.."
qpdf --static-id --encrypt poa owner-poa 256 -- fixtures/digital/obras2025_t2.pdf fixtures/bad/encrypted.pdf
echo "fixtures/bad/encrypted.pdf"
