// What devices reported through updateDownloadStatus, with the real server's upsert rule: one row
// per (deviceId, catalogId, itemKey); a later report replaces the row only when its currentTime is
// newer than the stored one, so a report without currentTime never updates an existing row.
import type { DeliveryStatusDto } from '../shared/getapp-protocol.js';

export interface StoredReport extends DeliveryStatusDto {
  /** Always set: the server stores a missing itemKey as "gpkg". */
  readonly itemKey: string;
  /** How many reports for this row arrived, applied or not (for tests and the demo page). */
  readonly received: number;
}

function rowKey(report: { deviceId: string; catalogId: string; itemKey: string }): string {
  return JSON.stringify([report.deviceId, report.catalogId, report.itemKey]);
}

function timeOf(text: string | undefined): number {
  return text === undefined ? NaN : Date.parse(text);
}

export class StatusReportStore {
  private readonly rows = new Map<string, StoredReport>();

  /** Applies one report; returns whether it changed the stored row. */
  upsert(report: DeliveryStatusDto): boolean {
    const incoming = { ...report, itemKey: report.itemKey ?? 'gpkg' };
    const key = rowKey(incoming);
    const stored = this.rows.get(key);
    if (!stored) {
      this.rows.set(key, { ...incoming, received: 1 });
      return true;
    }
    const newer = timeOf(stored.currentTime) < timeOf(incoming.currentTime);
    this.rows.set(
      key,
      newer ? { ...incoming, received: stored.received + 1 } : { ...stored, received: stored.received + 1 },
    );
    return newer;
  }

  list(filter: { deviceId?: string; catalogId?: string } = {}): StoredReport[] {
    return [...this.rows.values()].filter(
      (r) =>
        (filter.deviceId === undefined || r.deviceId === filter.deviceId) &&
        (filter.catalogId === undefined || r.catalogId === filter.catalogId),
    );
  }
}
