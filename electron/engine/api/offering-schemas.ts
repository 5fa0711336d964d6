// Client-side checks of the catalog offering answers (protocol §1.6, F17): the fields Courier shows
// or acts on are validated, unknown extra fields pass through.
import { z } from 'zod';
import { ByteCountSchema } from '../../shared/getapp-schemas.js';

const optionalText = z
  .string()
  .nullish()
  .transform((v) => v ?? undefined);

/** A release description. The status stays a free string: only `released` can be delivered. */
export interface Component {
  id: string;
  version: string;
  projectId: number;
  projectName: string;
  displayName?: string | undefined;
  label?: string | undefined;
  releaseNotes?: string | undefined;
  status: string;
  size?: number | undefined;
  latest?: boolean | undefined;
  releasedAt?: string | undefined;
  metadata?: Record<string, unknown> | undefined;
  dependencies?: Component[] | undefined;
  [extra: string]: unknown;
}

export const ComponentSchema: z.ZodType<Component> = z.looseObject({
  id: z.string().min(1),
  version: z.string(),
  projectId: z.int(),
  projectName: z.string(),
  displayName: optionalText,
  label: optionalText,
  releaseNotes: optionalText,
  status: z.string(),
  size: ByteCountSchema.nullish().transform((v) => v ?? undefined),
  latest: z.boolean().optional(),
  releasedAt: optionalText,
  metadata: z.record(z.string(), z.unknown()).optional(),
  get dependencies() {
    return z.array(ComponentSchema).optional();
  },
});

export const ProjectRefSchema = z.looseObject({
  projectName: z.string(),
  projectId: z.int(),
  displayName: optionalText,
  label: optionalText,
  release: ComponentSchema.optional(),
});

export const ProjectsPageSchema = z.object({
  data: z.array(ProjectRefSchema),
  total: z.int().nonnegative(),
  page: z.int().positive(),
  perPage: z.int().positive(),
});

export type ProjectRef = z.output<typeof ProjectRefSchema>;
export type ProjectsPage = z.output<typeof ProjectsPageSchema>;
