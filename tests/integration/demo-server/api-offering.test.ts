// The catalog offering a technician browses: one component by catalogId (F17 shape), and the paged,
// searchable project list with each project's latest released component.
import { describe, expect, it } from 'vitest';
import type {
  ComponentV2Dto,
  GatewayErrorBody,
  ProjectsOfferingPageDto,
} from '../../../electron/shared/getapp-protocol.js';
import { BUILTIN_IDS } from '../../../electron/demo-server/index.js';
import { useDemoApi } from '../../support/demo-api.js';

const api = useDemoApi();
const PROJECTS = '/api/catalog/offering/projects';

function projects(query = '') {
  return api().call<ProjectsOfferingPageDto>(`${PROJECTS}${query}`);
}

describe('component', () => {
  it('describes a release by catalogId on v1 and v2', async () => {
    for (const prefix of ['/api', '/api/v2']) {
      const res = await api().call<ComponentV2Dto>(
        `${prefix}/catalog/offering/component/${encodeURIComponent(BUILTIN_IDS.fieldNav)}`,
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: BUILTIN_IDS.fieldNav,
        version: '2.3.1',
        projectId: 1,
        projectName: 'field-nav',
        displayName: 'Field Navigator',
        status: 'released',
        type: 'product',
        latest: true,
        releasedAt: '2026-06-21T09:12:00.000Z',
      });
    }
  });

  it('shows a release that cannot be delivered yet with its status', async () => {
    const res = await api().call<ComponentV2Dto>(
      `/api/catalog/offering/component/${BUILTIN_IDS.notReleased}`,
    );
    expect(res.body.status).toBe('in_review');
    expect(res.body).not.toHaveProperty('releasedAt');
  });

  it('lists dependencies where the release has them', async () => {
    const res = await api().call<ComponentV2Dto>(`/api/catalog/offering/component/${BUILTIN_IDS.mixedStack}`);
    expect(res.body.dependencies?.map((d) => d.id)).toEqual([BUILTIN_IDS.b64Tools]);
  });

  it('answers an unknown catalogId, or a map, with a 404 body', async () => {
    for (const id of ['99.nope@1.0.0', BUILTIN_IDS.map]) {
      const res = await api().call<GatewayErrorBody>(`/api/catalog/offering/component/${id}`);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ name: 'NotFoundException', statusCode: 404 });
      expect(res.body.message).toContain(id);
    }
  });

  it('is protected', async () => {
    const res = await api().call(`/api/catalog/offering/component/${BUILTIN_IDS.fieldNav}`, { auth: 'none' });
    expect(res.status).toBe(401);
  });
});

describe('projects', () => {
  it('lists released projects with their latest release, page 1 of 20 by default', async () => {
    const res = await projects();
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(['data', 'total', 'page', 'perPage']);
    expect([res.body.total, res.body.page, res.body.perPage]).toEqual([5, 1, 20]);
    expect(res.body.data.map((p) => p.release?.id)).toEqual([
      BUILTIN_IDS.fieldNav,
      BUILTIN_IDS.b64Tools,
      BUILTIN_IDS.largeImage,
      BUILTIN_IDS.mixedStack,
      BUILTIN_IDS.tampered,
    ]);
    expect(res.body.data[0]).toEqual({
      projectName: 'field-nav',
      projectId: 1,
      displayName: 'Field Navigator',
      release: expect.objectContaining({ id: BUILTIN_IDS.fieldNav, status: 'released' }),
    });
    // The in-review 6.field-nav@2.4.0 is not offered.
    expect(res.body.data.every((p) => p.release?.status === 'released')).toBe(true);
  });

  it('matches the query against project and display names, case-insensitively', async () => {
    expect((await projects('?query=FIELD')).body.data.map((p) => p.projectId)).toEqual([1]);
    expect((await projects('?query=base64')).body.data.map((p) => p.projectName)).toEqual(['b64-tools']);
    const none = await projects('?query=zzz');
    expect([none.body.total, none.body.data]).toEqual([0, []]);
  });

  it('pages', async () => {
    const second = await projects('?page=2&perPage=2');
    expect(second.body.data.map((p) => p.projectId)).toEqual([4, 5]);
    expect([second.body.total, second.body.page, second.body.perPage]).toEqual([5, 2, 2]);
    expect((await projects('?page=3&perPage=2')).body.data.map((p) => p.projectId)).toEqual([7]);
    expect((await projects('?page=4&perPage=2')).body.data).toEqual([]);
  });

  it('filters by project type, hiding config types unless asked', async () => {
    expect((await projects('?projectTypes=application')).body.total).toBe(5);
    expect((await projects('?projectTypes=config,config_map')).body.total).toBe(0);
  });

  it('rejects paging that is not a positive integer with 400', async () => {
    const cases: [string, string[]][] = [
      ['?page=0', ['page must not be less than 1']],
      ['?page=1.5', ['page must be an integer number']],
      ['?perPage=abc', ['perPage must be an integer number', 'perPage must not be less than 1']],
      ['?page=-1&perPage=0', ['page must not be less than 1', 'perPage must not be less than 1']],
    ];
    for (const [query, message] of cases) {
      const res = await api().call<GatewayErrorBody>(`${PROJECTS}${query}`);
      expect(res.status).toBe(400);
      expect(res.body.message).toEqual(message);
      expect(res.body.path).toBe(`/api/v1/catalog/offering/projects${query}`);
    }
  });

  it('is protected, and answers a bearer token', async () => {
    expect((await api().call(PROJECTS, { auth: 'none' })).status).toBe(401);
    const { accessToken } = await api().login();
    expect(
      (await api().call(`/api/v2/catalog/offering/projects`, { auth: { bearer: accessToken } })).status,
    ).toBe(200);
  });
});
