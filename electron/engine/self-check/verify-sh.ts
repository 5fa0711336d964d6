// verify.sh: the drive's own check for Linux and macOS (POSIX sh, coreutils or shasum, openssl), so an
// install site without Courier can confirm the copy. Pure text from a SelfCheckPlan.
import { quoted } from '../display-text.js';
import type { SelfCheckPlan } from './plan.js';
import { KEY_FILE, SIGNATURE_SUFFIX, VERIFY_SH } from './plan.js';

/** A single-quoted sh word: nothing inside is expanded, whatever the manifest holds. */
export function shQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** `"a", "b"` as the scripts print names, fixed at export time. */
export const nameList = (names: readonly string[]): string => names.map((n) => `"${n}"`).join(', ');

export function renderVerifySh(plan: SelfCheckPlan): string {
  const calls = plan.signed.map((s) => `  check_signature ${shQuote(s.file)}\n`).join('');
  return `#!/bin/sh
# Checks this copy of a Courier package on a computer without Courier (Linux, macOS): sh ${VERIFY_SH}
#   1. every file against SHA256SUMS (sha256sum, or shasum on macOS);
#   2. every signed file against its <file>${SIGNATURE_SUFFIX} and the publisher key ${KEY_FILE} (openssl).
# The last line is the result. Exit 0: verified. 1: NOT verified (a file changed or missing, a
# signature or the key wrong, or a package copied as not verified). 2: the check could not run.
# 3: the files are intact but the signatures were not checked (the last line says why).
# Written by Courier from manifest.json; README.txt explains it.

# This package, from its manifest.
package=${shQuote(quoted(plan.catalogId))}
expected_files=${plan.fileCount}
expected_key=${shQuote(plan.keyFingerprint ?? '')}
label=${shQuote(plan.label?.label ?? '')}
label_meaning=${shQuote(plan.label?.meaning ?? '')}
signed_count=${plan.signed.length}
unstorable=${shQuote(nameList(plan.signedWithoutSig))}
check_signatures() {
${calls}  :
}
${SH_BODY}`;
}

// Names reach the output through printf '%s' only: dash's echo would interpret backslashes.
const SH_BODY = `
say() { printf '%s\\n' "$*"; }
count() { if [ "$1" -eq 1 ]; then printf '1 %s' "$2"; else printf '%s %ss' "$1" "$2"; fi; }
LC_ALL=C
export LC_ALL
case $0 in */*) cd "\${0%/*}/" || { say "NOT VERIFIED: the check could not run: cannot open the folder of $0"; exit 2; } ;; esac

if command -v sha256sum >/dev/null 2>&1; then
  sha256_check() { sha256sum -c SHA256SUMS; }
  sha256_stdin() { sha256sum; }
elif command -v shasum >/dev/null 2>&1; then
  sha256_check() { shasum -a 256 -c SHA256SUMS; }
  sha256_stdin() { shasum -a 256; }
else
  say "NOT VERIFIED: the check could not run: neither sha256sum nor shasum is installed."
  exit 2
fi

problems=''
unchecked=''
bad_signatures=''
signatures_ok=0
problem() { problems="$problems\${problems:+; }$1"; }
quoted_lines() {
  list=''
  while IFS= read -r name; do
    [ -n "$name" ] && list="$list\${list:+, }\\"$name\\""
  done
  printf '%s' "$list"
}
check_signature() {
  if [ ! -f "./$1.sig" ]; then
    say "$1: signature MISSING ($1.sig is not here)"
    bad_signatures="$bad_signatures\${bad_signatures:+, }\\"$1\\""
  elif openssl dgst -sha256 -verify cosign.pub -signature "./$1.sig" "./$1" >/dev/null 2>&1; then
    say "$1: signature OK"
    signatures_ok=$((signatures_ok + 1))
  else
    say "$1: signature FAILED"
    bad_signatures="$bad_signatures\${bad_signatures:+, }\\"$1\\""
  fi
}

say "Checking $package in $(pwd)"
if [ ! -f SHA256SUMS ]; then
  say "NOT VERIFIED: SHA256SUMS is missing, so nothing can be checked. Copy the package to the drive again."
  exit 1
fi
intact=0
if [ "$expected_files" -gt 0 ]; then
  results=$(sha256_check 2>/dev/null)
  status=$?
  [ -n "$results" ] && say "$results"
  intact=$(say "$results" | grep -c ': OK$')
  failed=$(say "$results" | grep -v ': OK$' | sed 's/: [^:]*$//' | quoted_lines)
  if [ -n "$failed" ]; then
    problem "changed or missing: $failed"
  elif [ "$status" -ne 0 ] || [ "$intact" -ne "$expected_files" ]; then
    problem "SHA256SUMS does not match the package ($intact of $(count "$expected_files" file) confirmed)"
  fi
fi

if [ "$signed_count" -eq 0 ]; then
  [ -n "$unstorable" ] || say "No signatures to check: the publisher signed none of these files."
elif [ ! -f cosign.pub ]; then
  unchecked="cosign.pub (the publisher's key) is not here, so $(count "$signed_count" signature) were not checked: put it next to verify.sh and run it again"
elif ! command -v openssl >/dev/null 2>&1; then
  unchecked="openssl is not installed, so $(count "$signed_count" signature) were not checked"
elif ! openssl pkey -pubin -in cosign.pub -outform DER >/dev/null 2>&1; then
  problem "cosign.pub is not a public key"
else
  key=$(openssl pkey -pubin -in cosign.pub -outform DER 2>/dev/null | sha256_stdin)
  key=\${key%% *}
  say "Publisher key cosign.pub, SHA-256 fingerprint: $key"
  if [ -n "$expected_key" ] && [ "$key" != "$expected_key" ]; then
    problem "cosign.pub is not the key this package was checked with (its fingerprint must be $expected_key)"
  else
    [ -n "$expected_key" ] || say "Compare this fingerprint with the one the publisher gave you."
    check_signatures
    [ -z "$bad_signatures" ] || problem "signature not valid: $bad_signatures"
  fi
fi
if [ -n "$unstorable" ]; then
  unchecked="$unchecked\${unchecked:+; }the signatures of $unstorable cannot be stored here (a package file has the .sig name): check them with courier verify"
fi

if [ -n "$problems" ]; then
  say "NOT VERIFIED: $problems. Do not install from this drive: copy the package to it again."
  exit 1
fi
if [ -n "$label" ]; then
  say "NOT VERIFIED: $(count "$intact" file) intact, but the package was copied labelled $label: $label_meaning"
  exit 1
fi
if [ -n "$unchecked" ]; then
  say "FILES INTACT, SIGNATURES NOT CHECKED: $(count "$intact" file) intact; $unchecked."
  exit 3
fi
if [ "$signed_count" -eq 0 ]; then
  say "DRIVE VERIFIED: $(count "$intact" file) intact (none is signed)."
else
  say "DRIVE VERIFIED: $(count "$intact" file) intact, $(count "$signatures_ok" signature) valid."
fi
exit 0
`;
