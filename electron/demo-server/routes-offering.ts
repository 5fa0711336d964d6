// The catalog offering routes a technician needs (protocol §1.6): one component by catalogId, and the
// paged project list with each project's latest released component.
import type {
  ComponentV2Dto,
  ProjectRefOfferingDto,
  ProjectsOfferingPageDto,
} from '../shared/getapp-protocol.js';
import type { DemoCatalog } from './catalog-model.js';
import { badRequest, httpError } from './gateway-errors.js';
import type { Route } from './routing.js';
import { positiveIntQuery } from './validation.js';

const VERSIONS = [1, 2] as const;
/** Project types the list leaves out unless asked for explicitly. */
const HIDDEN_BY_DEFAULT = new Set(['config', 'config_map']);

function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/).map((p) => Number.parseInt(p, 10) || 0);
  const pb = b.split(/[.-]/).map((p) => Number.parseInt(p, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** Every project with at least one released component, each with its latest one, by projectId. */
export function offeredProjects(catalog: DemoCatalog): ProjectRefOfferingDto[] {
  const latest = new Map<number, ComponentV2Dto>();
  for (const delivery of catalog.deliveries.values()) {
    const component = delivery.component;
    if (!component || component.status !== 'released') continue;
    const known = latest.get(component.projectId);
    if (!known || compareVersions(component.version, known.version) > 0)
      latest.set(component.projectId, component);
  }
  return [...latest.values()]
    .sort((a, b) => a.projectId - b.projectId)
    .map((release) => ({
      projectName: release.projectName,
      projectId: release.projectId,
      ...(release.displayName === undefined ? {} : { displayName: release.displayName }),
      ...(release.label === undefined ? {} : { label: release.label }),
      release,
    }));
}

export function offeringRoutes(catalog: DemoCatalog): Route[] {
  return [
    {
      method: 'GET',
      path: 'catalog/offering/component/:catalogId',
      versions: VERSIONS,
      handle(ctx) {
        const catalogId = ctx.params[0]!;
        const component = catalog.deliveries.get(catalogId)?.component;
        if (!component)
          return httpError(ctx.errors, 404, `Component with catalogId '${catalogId}' not found`);
        return { status: 200, json: component };
      },
    },
    {
      method: 'GET',
      path: 'catalog/offering/projects',
      versions: VERSIONS,
      handle(ctx) {
        const page = positiveIntQuery('page', ctx.query.get('page'), 1);
        const perPage = positiveIntQuery('perPage', ctx.query.get('perPage'), 20);
        const problems = [...page.messages, ...perPage.messages];
        if (problems.length > 0) return badRequest(ctx.errors, problems);

        const text = (ctx.query.get('query') ?? '').trim().toLowerCase();
        const types = (ctx.query.get('projectTypes') ?? '')
          .split(',')
          .map((t) => t.trim())
          .filter((t) => t !== '');
        const matches = offeredProjects(catalog).filter((project) => {
          const type = project.release?.projectTypeV2 ?? 'application';
          const typeOk = types.length > 0 ? types.includes(type) : !HIDDEN_BY_DEFAULT.has(type);
          const names = [project.projectName, project.displayName ?? ''].map((n) => n.toLowerCase());
          return typeOk && (text === '' || names.some((n) => n.includes(text)));
        });
        const start = (page.value - 1) * perPage.value;
        const body: ProjectsOfferingPageDto = {
          data: matches.slice(start, start + perPage.value),
          total: matches.length,
          page: page.value,
          perPage: perPage.value,
        };
        return { status: 200, json: body };
      },
    },
  ];
}
