// The order in which a release and its dependencies are staged (protocol §5: delivered leaf → root):
// depth-first post-order over ComponentV2Dto.dependencies, each catalogId once, a cycle refused.
// Pure: the component lookup is injected.
import { appError, type AppError } from '../../shared/app-error.js';
import { fail, ok, type Result } from '../../shared/result.js';

/** The part of a ComponentV2Dto the order needs. */
export interface DependencyNode {
  readonly id: string;
  readonly dependencies?: readonly { readonly id: string }[] | undefined;
}

/** Describes one release; each node is looked up once, so nested dependency lists need not be complete. */
export type ComponentLookup = (catalogId: string) => Promise<Result<DependencyNode>>;

export interface OrderedRelease {
  readonly catalogId: string;
  /** Everything it depends on, directly or not, leaf first: all of it comes earlier in the order. */
  readonly closure: readonly string[];
}

/** A server describing more than this is not describing a release's dependencies. */
export const MAX_RELEASES = 64;

function badResponse(message: string, detail: Record<string, string | number>): AppError {
  return appError({ code: 'CLIENT.badResponse', message, retryable: false, detail });
}

/** Names the dependency in the message, keeping the code (and so the exit code) of the cause. */
function aboutDependency(error: AppError, catalogId: string, parent: string): AppError {
  return appError({
    ...error,
    message: `Dependency ${catalogId} of ${parent}: ${error.message}`,
    detail: { ...error.detail, dependency: catalogId },
  });
}

/**
 * Every release to stage for `root`, leaf first, ending with `root` itself. A dependency reached
 * twice (a diamond, a repeat) is staged once, where it is first needed.
 */
export async function dependencyOrder(
  root: string,
  lookup: ComponentLookup,
  maxReleases: number = MAX_RELEASES,
): Promise<Result<OrderedRelease[]>> {
  const closures = new Map<string, readonly string[]>();
  const order: OrderedRelease[] = [];
  const path: string[] = [];

  const visit = async (catalogId: string): Promise<Result<readonly string[]>> => {
    const known = closures.get(catalogId);
    if (known) return ok(known);
    const at = path.indexOf(catalogId);
    if (at >= 0) {
      const cycle = [...path.slice(at), catalogId].join(' → ');
      return fail(
        badResponse(`The server describes a dependency cycle: ${cycle}. Nothing was staged.`, { cycle }),
      );
    }
    if (closures.size + path.length >= maxReleases) {
      return fail(
        badResponse(`${root} has more than ${maxReleases} releases in its dependency tree.`, {
          limit: maxReleases,
        }),
      );
    }
    path.push(catalogId);
    const described = await lookup(catalogId);
    const parent = path.at(-2);
    let dependencies: readonly { readonly id: string }[] = [];
    if (described.ok) dependencies = described.value.dependencies ?? [];
    // A map's catalogId (a UUID) is no catalog component: an unknown root has nothing to stage first,
    // and preparing it says whether it exists at all. A dependency the server names must exist.
    else if (parent !== undefined) return fail(aboutDependency(described.error, catalogId, parent));
    else if (described.error.httpStatus !== 404) return described;
    const closure: string[] = [];
    for (const dependency of dependencies) {
      const below = await visit(dependency.id);
      if (!below.ok) return below;
      for (const id of [...below.value, dependency.id]) if (!closure.includes(id)) closure.push(id);
    }
    path.pop();
    closures.set(catalogId, closure);
    order.push({ catalogId, closure });
    return ok(closure);
  };

  const visited = await visit(root);
  return visited.ok ? ok(order) : visited;
}
