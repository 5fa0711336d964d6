// report.html: the package manifest for a person, self-contained (inline CSS, no scripts, nothing
// fetched) so it opens offline in any browser and prints. Pure: no I/O, no fs, no electron.
import type { Manifest, ManifestArtifact } from '../../shared/manifest.js';
import { SUMS_FILE } from '../../shared/manifest.js';
import { PACKAGE_STATE_TEXT, recordedState } from '../../shared/package-verdict.js';
import { digestHex, parseExpectedHash } from '../integrity/hash-format.js';

/** Every server-provided string passes through here before it reaches the page (E4, M9). */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

const UNITS = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];

export function formatBytes(bytes: number): string {
  let unit = 0;
  let value = bytes;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const exact = `${bytes.toLocaleString('en-US')} bytes`;
  return unit === 0 ? exact : `${value.toFixed(1)} ${UNITS[unit]} (${exact})`;
}

const MAX_META_CHARS = 2000;
const cut = (text: string): string =>
  text.length > MAX_META_CHARS ? `${text.slice(0, MAX_META_CHARS)}…` : text;
const code = (text: string | null | undefined): string => (text ? `<code>${escapeHtml(text)}</code>` : '—');

const OUTCOME_TEXT: Record<ManifestArtifact['outcome'], string> = {
  verified: '✔ verified',
  unverified: '⚠ staged, UNVERIFIED (nothing vouches for these bytes)',
  notDownloadable: '○ not downloadable here (reference recorded)',
  failed: '✘ FAILED (not staged)',
  rejected: '✘ REJECTED (unsafe name or URL, not staged)',
};
const HASH_TEXT = { verified: '✔ matches', mismatch: '✘ MISMATCH', none: '— no hash published' } as const;
const SIGNATURE_TEXT = {
  verified: '✔ valid',
  invalid: '✘ INVALID',
  absent: '— none published',
  noKey: '— not checked (no public key configured)',
} as const;

function expectedCell(a: ManifestArtifact): string {
  if (!a.expectedHash) return '—';
  const parsed = parseExpectedHash(
    { algorithm: a.expectedHash.algorithm, hash: a.expectedHash.value },
    a.itemKey,
  );
  const hex =
    parsed.ok && parsed.value && a.expectedHash.algorithm !== 'SHA256Hex'
      ? `<br>hex: ${code(digestHex(parsed.value.digest))}`
      : '';
  return `${code(a.expectedHash.value)} <span class="muted">(${escapeHtml(a.expectedHash.algorithm)})</span>${hex}`;
}

function artifactRow(a: ManifestArtifact): string {
  const notes = [
    a.metaData ? `<div class="muted">metadata: ${code(cut(a.metaData))}</div>` : '',
    a.reference !== undefined ? `<div>reference: ${code(a.reference)}</div>` : '',
    a.boundTo !== undefined ? `<div>verified through the map package ${code(a.boundTo)}</div>` : '',
    a.error ? `<div class="error">${escapeHtml(a.error.code)}: ${escapeHtml(a.error.message)}</div>` : '',
  ].join('');
  return `<tr class="${escapeHtml(a.outcome)}">
<td>${a.file ? `<strong>${escapeHtml(a.file)}</strong>` : '<em>not staged</em>'}<div class="muted">${escapeHtml(a.itemKey)}</div>${notes}</td>
<td>${a.size === null ? 'unknown' : escapeHtml(formatBytes(a.size))}</td>
<td class="hash">${expectedCell(a)}</td>
<td class="hash">${code(a.sha256)}</td>
<td>${HASH_TEXT[a.hashCheck]}</td>
<td>${SIGNATURE_TEXT[a.signatureCheck]}</td>
<td>${OUTCOME_TEXT[a.outcome]}</td>
<td>${a.isExecutable ? 'yes (never run by Courier)' : 'no'}</td>
<td>${a.arguments === null ? '—' : `<pre>${escapeHtml(a.arguments)}</pre>`}</td>
</tr>`;
}

/** The package verdict as recorded (package-verdict.ts): green only for 'verified'. */
function verdict(m: Manifest): string {
  const state = recordedState(m.artifacts);
  const { label, meaning } = PACKAGE_STATE_TEXT[state];
  const downloadable = m.artifacts.filter((a) => a.outcome !== 'notDownloadable');
  const good = downloadable.filter((a) => a.outcome === 'verified').length;
  return state === 'verified'
    ? `<p class="verdict ok">✔ VERIFIED: all ${good} downloadable artifact(s) passed their hash and signature checks.</p>`
    : `<p class="verdict bad">✘ NOT VERIFIED (${escapeHtml(label.toUpperCase())}): ${good} of ${downloadable.length} downloadable artifact(s) verified. ${escapeHtml(meaning)} Do not install anything else from it without checking.</p>`;
}

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:1.5em;color:#111}
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.6em}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:4px 6px;vertical-align:top;text-align:left}
th{background:#eee}code,pre{font:12px ui-monospace,monospace;white-space:pre-wrap;word-break:break-all;margin:0}
.hash{max-width:16em}.muted{color:#555;font-size:.9em}.error{color:#a00}
.verdict{font-size:1.2em;font-weight:bold;padding:.5em;border:3px solid}.ok{border-color:#060}.bad{border-color:#a00}
tr.failed td,tr.rejected td{background:#fdeaea}tr.unverified td{background:#fff6d5}
dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 1em}dt{font-weight:bold}
@media print{body{margin:0;font-size:10pt}tr{break-inside:avoid}th{background:none}@page{size:landscape;margin:12mm}}`;

export function renderReport(m: Manifest): string {
  const key = m.publicKeyFingerprint
    ? code(m.publicKeyFingerprint)
    : 'none configured: signatures were not checked';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Courier package: ${escapeHtml(m.catalogId)}</title>
<style>${STYLE}</style></head>
<body>
<h1>Courier package: ${escapeHtml(m.catalogId)}</h1>
${verdict(m)}
<dl>
<dt>Catalog id</dt><dd>${code(m.catalogId)}</dd>
<dt>Item type</dt><dd>${escapeHtml(m.itemType)}</dd>
<dt>Server</dt><dd>${code(m.server)}</dd>
<dt>Device id</dt><dd>${code(m.deviceId)}</dd>
<dt>Tool</dt><dd>${escapeHtml(`${m.tool.name} ${m.tool.version}`)}</dd>
<dt>Started</dt><dd>${escapeHtml(m.startedAt)}</dd>
<dt>Staged</dt><dd>${escapeHtml(m.stagedAt)}</dd>
<dt>Signing key (SHA-256 of SPKI)</dt><dd>${key}</dd>
</dl>
<h2>Artifacts (${m.artifacts.length})</h2>
<table><thead><tr><th>File / item</th><th>Size</th><th>Expected SHA-256</th><th>Actual SHA-256</th><th>Hash</th><th>Signature</th><th>Outcome</th><th>Executable</th><th>Arguments (data only)</th></tr></thead>
<tbody>
${m.artifacts.map(artifactRow).join('\n')}
</tbody></table>
<h2>How to check this package without Courier</h2>
<p>Open a terminal in this folder. Every file listed in ${SUMS_FILE} must report OK.</p>
<dl>
<dt>Linux</dt><dd><pre>sha256sum -c ${SUMS_FILE}</pre></dd>
<dt>macOS</dt><dd><pre>shasum -a 256 -c ${SUMS_FILE}</pre></dd>
<dt>Windows (PowerShell)</dt><dd><pre>Get-FileHash -Algorithm SHA256 &lt;file&gt;</pre>and compare with the Actual SHA-256 above (it prints upper-case hex).</dd>
<dt>Windows (cmd)</dt><dd><pre>certutil -hashfile &lt;file&gt; SHA256</pre></dd>
</dl>
<p class="muted">A hash shows the file is intact; only a valid signature checked against your pinned key shows who published it.
This page has no scripts and loads nothing from the network. Courier never runs the files it downloads.</p>
</body></html>
`;
}
