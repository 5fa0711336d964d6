// Fixed corpus of hostile file-name candidates (M1, M2, M3, F9; goal 2): POSIX and
// Windows traversal, encodings, device names, control and Unicode tricks. Every entry must be refused.

// One category per line reads better than one string per line.
// prettier-ignore
const literal: readonly string[] = [
  // Empty and dot forms (M1)
  '', '.', '..', '...', '....', '. .', '.. ', ' ..', '.\u200b.',
  // POSIX traversal and absolute paths
  '../', '../..', '../../etc/passwd', '../../../../../../etc/shadow', '/etc/passwd', '/', '//', '/x', './x',
  'a/../../b', 'a/b', 'a/./b', 'x/..', 'x/', '..//..//x', '.../x', '..;/x', 'a/..', '~/x',
  // Percent-encoded traversal: never decoded, so refused for the '%' itself (M1)
  '%2e%2e%2f', '%2e%2e/', '%2E%2E%2F', '..%2f..%2fetc%2fpasswd', '..%2F', '..%5c..%5cx', '%2e', '%2e%2e',
  '%252e%252e%252f', '..%c0%af', '..%c1%9c', '%00', 'a%00.txt', '100%', 'a%20b', '%', '%u002e%u002e',
  // Windows traversal, drives, UNC and device namespaces (M1, M2)
  '..\\..\\x', '..\\', '\\x', '\\', 'a\\b', 'C:\\x', 'C:x', 'C:', 'c:/windows/system32', 'C:..\\x',
  '\\\\host\\share\\x', '\\\\?\\C:\\x', '\\\\.\\PhysicalDrive0', '\\\\.\\pipe\\x', '//host/share/x',
  '\\\\?\\UNC\\host\\share', 'x\\..\\..\\y',
  // Alternate data streams and Windows-forbidden characters (M2)
  'file.exe:Zone.Identifier', 'file.txt::$DATA', 'a:b', 'api:2.3.1', 'a<b', 'a>b', 'a"b', 'a|b', 'a?b',
  'a*b',
  // Trailing dot or space (Windows strips them: two names become one)
  'file.', 'file. ', 'file ', ' file', 'file...', 'nul.', 'setup.msi.', 'setup.msi ',
  // 8.3 short-name aliases
  'PROGRA~1', 'LONGNA~1.ZIP', 'x~9.tar', 'SETUP~10.MSI',
  // Device names with superscripts, fullwidth forms and the $ devices
  'COM¹', 'com²', 'LPT³', 'COM¹.txt', 'lpt².tar.gz', 'CONIN$', 'CONOUT$', 'CLOCK$', 'ＣＯＮ', 'ａｕｘ.txt',
  // Control characters and NUL (M1)
  'a\0b', '\0', 'x.bin\0.txt', 'a\nb', 'a\rb', 'a\tb', '\u0001', '\u001b[31mred', 'a\u007f', 'a\u0085b',
  'a\u009bb',
  // Unicode tricks: bidi override, zero-width, BOM, separators and slash look-alikes
  '\u202egnp.exe', 'a\u202eb', 'a\u200bb', 'a\u200db', '\ufeffa', 'a\u2028b', 'a\u2029b', 'a\u2066b',
  '\u2215etc', '\uff0fetc', 'a\u2044b', 'a\ufe68b', 'a\uff3cb', 'a\uff1ab', '\u2024\u2024', '\uff0e\uff0e',
  '..\u2215x', '\u0301a', 'a\u00a0b', '\u3000', 'a\u3000b', '\ud800', 'x\udc00', '😀', 'a😀.bin', 'a\u00adb',
  'a\u034fb', 'a\ufe0fb', '\u3164', 'a\u3164b', 'a\u115fb', 'a\uffa0b', 'a\u180eb', 'a\u2060b', 'a\ufff9b',
  '\u2488', 'x\u00b2', '\u2160.bin',
  // Our own names and sidecars (M3)
  'manifest.json', 'MANIFEST.JSON', 'Manifest.Json', 'report.html', 'REPORT.HTML', 'SHA256SUMS',
  'sha256sums', 'Sha256Sums', 'x.part', 'X.PART', 'file.tar.gz.part', 'manifest.json.part', 'x.Part',
  'x.ｐａｒｔ', '.courier', '.courier/journal', '.lock', '.hidden', '.git', '.gitconfig', '.bashrc', '.DS_Store',
  '.part',
  // Leading characters tools misread
  '-rf', '--help', '-', '~', '~root', '+x', '@args.txt', '@', '~1',
  // Over 255 bytes (M2, F9)
  'a'.repeat(256), `${'b'.repeat(252)}.bin`, 'é'.repeat(128), 'א'.repeat(128), '字'.repeat(86),
  'x'.repeat(4096),
  // Shell and URL punctuation outside the allowlist
  'a ', ' a', 'a\tb', 'a\u00a0b', 'a$b', '$MFT', 'a;b', 'a&b', 'a`b', "a'b", 'a,b', 'a=b', 'a#b', 'a(1).msi', '[x]', '{x}', 'a!b',
  'a^b', 'http://evil/x', 'file:///etc/passwd', 'a\u00a7b',
];

const traversalPrefixes = [
  '../',
  '..\\',
  '/',
  '\\',
  'C:\\',
  'C:',
  '\\\\srv\\s\\',
  '%2e%2e%2f',
  './',
  '..%5c',
];
const targets = ['etc/passwd', 'Windows\\System32\\x.dll', 'x.bin'];
const devices = ['CON', 'PRN', 'AUX', 'NUL', ...Array.from({ length: 10 }, (_, i) => `COM${i}`)].concat(
  Array.from({ length: 10 }, (_, i) => `LPT${i}`),
);
const deviceSuffixes = ['', '.txt', '.tar.gz'];

/** The corpus: literal entries plus a deterministic cross product of prefixes and device names. */
export const HOSTILE_NAMES: readonly string[] = [
  ...new Set([
    ...literal,
    ...traversalPrefixes.flatMap((prefix) => targets.map((target) => prefix + target)),
    ...devices.flatMap((device) =>
      deviceSuffixes.flatMap((suffix) => [device + suffix, device.toLowerCase() + suffix]),
    ),
  ]),
];

/** Real and plausible names that must keep working. */
export const ACCEPTED_NAMES: readonly string[] = [
  'field-nav-setup-2.3.1.msi',
  'field-nav-2.3.1-linux-x64.tar.gz',
  'field-nav-offline-tiles-2.3.1.zip',
  'b64-tools-1.0.0.tar.gz',
  'mixed-stack-config-1.0.0.tar.gz',
  'large-image-1.0.0.img',
  'Orthophoto_gaza_north_2_0_19_2023_11_21T13_13_01_792Z.gpkg',
  'tool@2.1.tgz',
  'c++-runtime.deb',
  'a~b',
  '_private.bin',
  'מפה.gpkg',
  'Ünïcödé.bin',
  'e\u0301t\u00e9.txt',
  'console.log',
  'con-1.0.zip',
  'aux2',
  'com10.bin',
  'lpt',
  'CONFIG.SYS',
  'x.partial',
  'part',
  'manifest.json.bak',
  'report.htm',
  'a..b',
  'a'.repeat(255),
  'א'.repeat(127),
  '7z.exe',
];
