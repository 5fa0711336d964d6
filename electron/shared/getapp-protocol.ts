// The GetApp delivery protocol's wire types, field by field as in the protocol reference
// (shared/reference/getapp-protocol.md). Types and their value lists only: the client validates with its own schemas and
// the demo server with its own validator, so neither can hide a mistake in the other.

export const DELIVERY_STATUSES = ['start', 'inProgress', 'done', 'error', 'delete', 'pending'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const ITEM_TYPES = ['software', 'map', 'cache', 'config'] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

/** What the server sends in DeliveryItemDto.artifactType (plain files are `software`, not `file`). */
export const ARTIFACT_TYPES = ['software', 'docker_image', 'rpm', 'deb', 'map'] as const;
export type ArtifactType = (typeof ARTIFACT_TYPES)[number];

export const HASH_ALGORITHMS = ['SHA256Hex', 'SHA256Base64'] as const;
export type HashAlgorithm = (typeof HASH_ALGORITHMS)[number];

export const REPORT_STATUSES = [
  'Start',
  'Done',
  'Error',
  'Cancelled',
  'Pause',
  'Continue',
  'Download',
  'Deleted',
] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export interface TokensDto {
  accessToken: string;
  expireAt: string;
  refreshToken: string;
  refreshExpireAt: string;
}

export interface LoginReqDto {
  username: string;
  password: string;
}

export interface PrepareDeliveryReqDto {
  catalogId: string;
  deviceId: string;
  itemType: ItemType;
  downloadFolder?: string;
}

export interface HashDto {
  algorithm: HashAlgorithm;
  hash: string;
}

export interface DeliveryItemDto {
  catalogId: string;
  id?: number;
  itemKey: string;
  artifactType: ArtifactType;
  /** A JSON-encoded string, not an object. */
  metaData?: string;
  url: string;
  size?: number | null;
  hash?: HashDto;
  signature?: string | null;
  isExecutable?: boolean;
  arguments?: string | null;
}

export interface ErrorDto {
  errorCode: string;
  message: string;
}

export interface PrepareDeliveryResDto {
  catalogId: string;
  status: DeliveryStatus;
  progress?: number;
  size?: number;
  url?: string;
  artifacts?: DeliveryItemDto[];
  error?: ErrorDto;
}

export interface DeliveryStatusDto {
  deviceId: string;
  catalogId: string;
  itemKey?: string;
  deliveryStatus: ReportStatus;
  type: ItemType;
  downloadStart?: string;
  downloadStop?: string;
  downloadDone?: string;
  currentTime?: string;
  downloadData?: number;
  bitNumber?: number;
  downloadSpeed?: number;
  downloadEstimateTime?: number;
  state?: 'Prepare' | 'Download' | 'Validation' | 'Done';
}

export type ReleaseStatus = 'draft' | 'in_review' | 'approved' | 'released' | 'archived' | 'error';

export interface ComponentV2Dto {
  id: string;
  version: string;
  projectId: number;
  projectName: string;
  displayName?: string;
  label?: string;
  releaseNotes?: string;
  metadata?: Record<string, unknown>;
  status: ReleaseStatus;
  type: 'product';
  projectTypeV2?: string;
  size?: number;
  createdAt: string;
  updatedAt: string;
  latest?: boolean;
  releasedAt?: string;
  dependencies?: ComponentV2Dto[];
}

export interface ProjectRefOfferingDto {
  projectName: string;
  projectId: number;
  displayName?: string;
  label?: string;
  release?: ComponentV2Dto;
}

export interface ProjectsOfferingPageDto {
  data: ProjectRefOfferingDto[];
  total: number;
  page: number;
  perPage: number;
}

/** The body every gateway error leaves CustomRpcExceptionFilter with (protocol §1.1). */
export interface GatewayErrorBody {
  name: string;
  statusCode: number;
  message: string | string[];
  errorCode?: string;
  data: unknown;
  timestamp: string;
  path: string;
}
