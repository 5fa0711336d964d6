// The GetMap sidecar JSON that travels next to a .gpkg: shaped like the real one in
// shared/peer-data/getmap-sdk, carrying the package's sha256 (where GetMap clients read it).

export function mapSidecarJson(fields: { catalogId: string; productId: string; sha256: string }): string {
  return JSON.stringify({
    id: fields.catalogId,
    type: 'RECORD_RASTER',
    classification: '6',
    productName: 'Field area orthophoto',
    description: 'Demo map package served by Courier',
    srsId: '4326',
    producerName: 'COURIER-DEMO',
    creationDate: '2026-06-20T10:00:00.000Z',
    ingestionDate: '2026-06-21T09:12:00.000Z',
    updateDate: '2026-06-21T09:12:00.000Z',
    productId: fields.productId,
    productVersion: '2.0',
    productType: 'Orthophoto',
    srsName: 'WGS84GEO',
    maxResolutionDeg: 0.0000013411,
    maxResolutionMeter: 0.15,
    footprint: {
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [34.462, 31.489],
            [34.464, 31.489],
            [34.464, 31.491],
            [34.462, 31.491],
            [34.462, 31.489],
          ],
        ],
      ],
    },
    productBoundingBox: '34.462,31.489,34.464,31.491',
    transparency: 'OPAQUE',
    tileOutputFormat: 'JPEG',
    sha256: fields.sha256,
  });
}
