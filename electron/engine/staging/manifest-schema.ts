// Runtime validation of a package's manifest.json, which may come from any USB stick: every file name
// must be a plain name inside the package. No I/O.
import { z } from 'zod';
import { ARTIFACT_TYPES, HASH_ALGORITHMS, ITEM_TYPES } from '../../shared/getapp-protocol.js';
import {
  MANIFEST_FILE,
  MANIFEST_FORMAT,
  REPORT_FILE,
  SUMS_FILE,
  CONTROL_DIR,
} from '../../shared/manifest.js';

const RESERVED = new Set([MANIFEST_FILE, REPORT_FILE, SUMS_FILE, CONTROL_DIR].map((n) => n.toLowerCase()));

/**
 * A file name `verifyFolder` may open and SHA256SUMS may list: one component, no leading dot (our
 * `.courier/` and hidden files), no separators, controls or backslash (sha256sum would escape it),
 * not one of the package's own files, at most 255 bytes.
 */
export function isPlainFileName(name: string): boolean {
  return (
    name !== '' &&
    !name.startsWith('.') &&
    !/[/\\\p{Cc}]/u.test(name) &&
    !RESERVED.has(name.toLowerCase()) &&
    new TextEncoder().encode(name).length <= 255
  );
}

const nullableString = z.string().nullable();
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

const artifact = z
  .object({
    itemKey: z.string(),
    artifactType: z.enum(ARTIFACT_TYPES),
    file: z.string().refine(isPlainFileName, 'not a plain file name inside the package').nullable(),
    size: z.int().nonnegative().max(Number.MAX_SAFE_INTEGER).nullable(),
    sha256: sha256Hex.nullable(),
    expectedHash: z.object({ algorithm: z.enum(HASH_ALGORITHMS), value: z.string() }).nullable(),
    hashCheck: z.enum(['verified', 'mismatch', 'none']),
    signature: nullableString,
    signatureCheck: z.enum(['verified', 'invalid', 'absent', 'noKey']),
    outcome: z.enum(['verified', 'unverified', 'notDownloadable', 'failed', 'rejected']),
    boundTo: z.string().optional(),
    reference: z.string().optional(),
    isExecutable: z.boolean(),
    arguments: nullableString,
    metaData: nullableString,
    stagedAt: nullableString,
    error: z.object({ code: z.string(), message: z.string() }).optional(),
  })
  // A staged file is only re-verifiable with its size and hash.
  .refine(
    (a) => a.file === null || (a.sha256 !== null && a.size !== null),
    'a staged file needs size and sha256',
  );

export const ManifestSchema = z
  .object({
    format: z.literal(MANIFEST_FORMAT),
    catalogId: z.string(),
    itemType: z.enum(ITEM_TYPES),
    server: z.string(),
    deviceId: z.string(),
    tool: z.object({ name: z.literal('courier'), version: z.string() }),
    startedAt: z.string(),
    stagedAt: z.string(),
    publicKeyFingerprint: nullableString,
    verified: z.boolean(),
    artifacts: z.array(artifact),
    // Folder names are resolved next to this package: the same plain-name rule keeps them there.
    dependencies: z
      .array(
        z.object({
          catalogId: z.string(),
          folder: z.string().refine(isPlainFileName, 'not a plain folder name next to the package'),
        }),
      )
      .optional(),
  })
  .refine((m) => {
    const names = m.artifacts.flatMap((a) => (a.file === null ? [] : [a.file.toLowerCase()]));
    return new Set(names).size === names.length;
  }, 'two artifacts name the same file');
