// The delivery routes (protocol §1.4, §1.5, §1.7): prepareDelivery, preparedDelivery/:catalogId and
// updateDownloadStatus, validated like the gateway's DTOs and answered by the origin or cache logic.
import type {
  DeliveryStatusDto,
  ItemType,
  PrepareDeliveryReqDto,
  PrepareDeliveryResDto,
  ReportStatus,
} from '../shared/getapp-protocol.js';
import type { DemoCatalog } from './catalog-model.js';
import { CachePreparations } from './delivery-cache.js';
import { originAnswer } from './delivery-origin.js';
import { badRequest } from './gateway-errors.js';
import type { CacheModeOptions, DemoMode } from './options.js';
import type { Presigner } from './presign.js';
import type { Route } from './routing.js';
import type { StatusReportStore } from './status-reports.js';
import { validate, type Schema } from './validation.js';

export interface DeliveryRoutesOptions {
  readonly catalog: DemoCatalog;
  readonly mode: DemoMode;
  readonly presigner: Presigner;
  readonly now: () => number;
  readonly cache: CacheModeOptions;
  readonly reports: StatusReportStore;
}

// Records keyed by the union make the compiler insist on every value (shared/ gives types only).
const ITEM_TYPES = Object.keys({ software: 1, map: 1, cache: 1, config: 1 } satisfies Record<ItemType, 1>);
const REPORT_STATUSES = Object.keys({
  Start: 1,
  Done: 1,
  Error: 1,
  Cancelled: 1,
  Pause: 1,
  Continue: 1,
  Download: 1,
  Deleted: 1,
} satisfies Record<ReportStatus, 1>);
const REPORT_STATES: ReadonlySet<unknown> = new Set<NonNullable<DeliveryStatusDto['state']>>([
  'Prepare',
  'Download',
  'Validation',
  'Done',
]);

const PREPARE_SCHEMA: Schema = {
  catalogId: { kind: 'string', notEmpty: true },
  deviceId: { kind: 'string', notEmpty: true },
  itemType: { kind: 'enum', values: ITEM_TYPES },
  downloadFolder: { kind: 'string', optional: true },
};

const STATUS_SCHEMA: Schema = {
  deviceId: { kind: 'string', notEmpty: true },
  catalogId: { kind: 'string', notEmpty: true },
  itemKey: { kind: 'string', optional: true },
  deliveryStatus: { kind: 'enum', values: REPORT_STATUSES },
  type: { kind: 'enum', values: ITEM_TYPES },
  downloadStart: { kind: 'isoDate', optional: true },
  downloadStop: { kind: 'isoDate', optional: true },
  downloadDone: { kind: 'isoDate', optional: true },
  currentTime: { kind: 'isoDate', optional: true },
  downloadData: { kind: 'number', optional: true },
  bitNumber: { kind: 'number', optional: true },
  downloadSpeed: { kind: 'number', optional: true },
  downloadEstimateTime: { kind: 'number', optional: true },
};

const VERSIONS = [1, 2] as const;

export function deliveryRoutes(options: DeliveryRoutesOptions): Route[] {
  const cache = options.mode === 'cache' ? new CachePreparations(options) : undefined;
  const lookup = (catalogId: string) => options.catalog.deliveries.get(catalogId);
  // `?source=remote|cache` is accepted and ignored on both, as the real server does.
  const prepare = (catalogId: string): Promise<PrepareDeliveryResDto> | PrepareDeliveryResDto =>
    cache ? cache.prepare(catalogId) : originAnswer(catalogId, lookup(catalogId), options.presigner);
  const prepared = (catalogId: string): Promise<PrepareDeliveryResDto> | PrepareDeliveryResDto =>
    cache ? cache.prepared(catalogId) : originAnswer(catalogId, lookup(catalogId), options.presigner);

  return [
    {
      method: 'POST',
      path: 'delivery/prepareDelivery',
      versions: VERSIONS,
      async handle(ctx) {
        const dto = validate<PrepareDeliveryReqDto>(PREPARE_SCHEMA, ctx.body);
        if (!dto.ok) return badRequest(ctx.errors, dto.messages);
        return { status: 201, json: await prepare(dto.value.catalogId) };
      },
    },
    {
      method: 'GET',
      path: 'delivery/preparedDelivery/:catalogId',
      versions: VERSIONS,
      async handle(ctx) {
        return { status: 200, json: await prepared(ctx.params[0]!) };
      },
    },
    {
      method: 'POST',
      path: 'delivery/updateDownloadStatus',
      versions: VERSIONS,
      handle(ctx) {
        const dto = validate<DeliveryStatusDto>(STATUS_SCHEMA, ctx.body);
        if (!dto.ok) return badRequest(ctx.errors, dto.messages);
        // `state` exists only in the delivery service's DTO; keep a valid one, drop anything else
        // silently rather than reject what the real gateway would accept.
        const body = ctx.body as Record<string, unknown>;
        const state = Object.hasOwn(body, 'state') ? body.state : undefined;
        options.reports.upsert(
          REPORT_STATES.has(state) ? { ...dto.value, state: state as DeliveryStatusDto['state'] } : dto.value,
        );
        return { status: 201 };
      },
    },
  ];
}
