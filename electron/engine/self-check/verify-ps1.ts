// verify.ps1: the drive's own check for Windows (PowerShell 5.1 or later: Get-FileHash; openssl for the
// signatures when it is installed), the same checks and exit codes as verify.sh. Pure text from a
// SelfCheckPlan.
import { quoted } from '../display-text.js';
import type { SelfCheckPlan } from './plan.js';
import { KEY_FILE, SIGNATURE_SUFFIX, VERIFY_PS1 } from './plan.js';
import { nameList } from './verify-sh.js';

/** A single-quoted PowerShell string: PowerShell also closes one on the typographic quotes. */
export function psQuote(value: string): string {
  return `'${value.replace(/['\u2018\u2019\u201a\u201b]/g, (quote) => quote + quote)}'`;
}

export function renderVerifyPs1(plan: SelfCheckPlan): string {
  const signed = plan.signed.map((s) => `  ${psQuote(s.file)}\n`).join('');
  return `# Checks this copy of a Courier package on a computer without Courier (Windows). In PowerShell,
# in this folder:  powershell -ExecutionPolicy Bypass -File .\\${VERIFY_PS1}
#   1. every file against SHA256SUMS (Get-FileHash);
#   2. every signed file against its <file>${SIGNATURE_SUFFIX} and the publisher key ${KEY_FILE}, with openssl
#      when it is installed (Git for Windows includes it); without it the signatures are not checked.
# The last line is the result; exit codes as verify.sh: 0 verified, 1 NOT verified, 2 the check could
# not run, 3 the files are intact but the signatures were not checked.
# Written by Courier from manifest.json; README.txt explains it.

# This package, from its manifest.
$package = ${psQuote(quoted(plan.catalogId))}
$expectedFiles = ${plan.fileCount}
$expectedKey = ${psQuote(plan.keyFingerprint ?? '')}
$label = ${psQuote(plan.label?.label ?? '')}
$labelMeaning = ${psQuote(plan.label?.meaning ?? '')}
$signed = @(
${signed})
$unstorable = ${psQuote(nameList(plan.signedWithoutSig))}
${PS_BODY}`;
}

// Native tools get "./name": a name starting with "-" must never read as an option.
const PS_BODY = `
function Count($n, $word) { if ($n -eq 1) { "1 $word" } else { "$n $($word)s" } }
Set-Location -LiteralPath $PSScriptRoot
$problems = @()
$unchecked = @()
Write-Output "Checking $package in $PSScriptRoot"
$sums = Join-Path $PSScriptRoot 'SHA256SUMS'
if (-not (Test-Path -LiteralPath $sums -PathType Leaf)) {
  Write-Output 'NOT VERIFIED: SHA256SUMS is missing, so nothing can be checked. Copy the package to the drive again.'
  exit 1
}

$intact = 0
$failed = @()
if ($expectedFiles -gt 0) {
  foreach ($line in [System.IO.File]::ReadAllLines($sums, [System.Text.Encoding]::UTF8)) {
    if (-not ($line -match '^([0-9a-f]{64}) [ *](.+)$')) { continue }
    $want = $Matches[1]
    $name = $Matches[2]
    $path = Join-Path $PSScriptRoot $name
    $got = ''
    if (Test-Path -LiteralPath $path -PathType Leaf) {
      try { $got = (Get-FileHash -LiteralPath $path -Algorithm SHA256 -ErrorAction Stop).Hash.ToLowerInvariant() }
      catch { $got = '' }
    }
    if ($got -eq $want) { Write-Output "\${name}: OK"; $intact++ }
    else { Write-Output "\${name}: FAILED"; $failed += '"' + $name + '"' }
  }
  if ($failed.Count -gt 0) { $problems += 'changed or missing: ' + ($failed -join ', ') }
  elseif ($intact -ne $expectedFiles) {
    $problems += "SHA256SUMS does not match the package ($intact of $(Count $expectedFiles 'file') confirmed)"
  }
}

$signaturesOk = 0
$badSignatures = @()
$keyPath = Join-Path $PSScriptRoot 'cosign.pub'
$openssl = Get-Command openssl -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
if ($signed.Count -eq 0) {
  if ($unstorable -eq '') { Write-Output 'No signatures to check: the publisher signed none of these files.' }
} elseif (-not (Test-Path -LiteralPath $keyPath -PathType Leaf)) {
  $unchecked += "cosign.pub (the publisher's key) is not here, so $(Count $signed.Count 'signature') were not checked: put it next to verify.ps1 and run it again"
} else {
  # The fingerprint is SHA-256 of the key's DER (the PEM body), as Courier shows it: no openssl needed.
  $key = ''
  try {
    $body = ([System.IO.File]::ReadAllText($keyPath) -replace '-----[^-]*-----', '') -replace '\\s', ''
    $sha = [System.Security.Cryptography.SHA256]::Create()
    $key = ([BitConverter]::ToString($sha.ComputeHash([Convert]::FromBase64String($body))) -replace '-', '').ToLowerInvariant()
  } catch { $problems += 'cosign.pub is not a public key' }
  if ($key -ne '') {
    Write-Output "Publisher key cosign.pub, SHA-256 fingerprint: $key"
    if ($expectedKey -ne '' -and $key -ne $expectedKey) {
      $problems += "cosign.pub is not the key this package was checked with (its fingerprint must be $expectedKey)"
    } elseif (-not $openssl) {
      $unchecked += "openssl is not installed, so $(Count $signed.Count 'signature') were not checked (install Git for Windows, or run verify.sh on Linux)"
    } else {
      if ($expectedKey -eq '') { Write-Output 'Compare this fingerprint with the one the publisher gave you.' }
      foreach ($name in $signed) {
        $sig = "$name.sig"
        if (-not (Test-Path -LiteralPath (Join-Path $PSScriptRoot $sig) -PathType Leaf)) {
          Write-Output "\${name}: signature MISSING ($sig is not here)"
          $badSignatures += '"' + $name + '"'
          continue
        }
        & $openssl.Path dgst -sha256 -verify cosign.pub -signature "./$sig" "./$name" *> $null
        if ($LASTEXITCODE -eq 0) { Write-Output "\${name}: signature OK"; $signaturesOk++ }
        else { Write-Output "\${name}: signature FAILED"; $badSignatures += '"' + $name + '"' }
      }
      if ($badSignatures.Count -gt 0) { $problems += 'signature not valid: ' + ($badSignatures -join ', ') }
    }
  }
}
if ($unstorable -ne '') {
  $unchecked += "the signatures of $unstorable cannot be stored here (a package file has the .sig name): check them with courier verify"
}

if ($problems.Count -gt 0) {
  Write-Output ('NOT VERIFIED: ' + ($problems -join '; ') + '. Do not install from this drive: copy the package to it again.')
  exit 1
}
if ($label -ne '') {
  Write-Output "NOT VERIFIED: $(Count $intact 'file') intact, but the package was copied labelled \${label}: $labelMeaning"
  exit 1
}
if ($unchecked.Count -gt 0) {
  Write-Output ("FILES INTACT, SIGNATURES NOT CHECKED: $(Count $intact 'file') intact; " + ($unchecked -join '; ') + '.')
  exit 3
}
if ($signed.Count -eq 0) { Write-Output "DRIVE VERIFIED: $(Count $intact 'file') intact (none is signed)." }
else { Write-Output "DRIVE VERIFIED: $(Count $intact 'file') intact, $(Count $signaturesOk 'signature') valid." }
exit 0
`;
