import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appOptionsFor } from '../../../test/support/app-harness.ts';
import { type AuthHeaders, createUser, loginAs } from '../../../test/support/auth.ts';
import { addQuota, buildPerson, buildRegion, buildSeat, buildUnit } from '../../../test/support/factories.ts';
import { createTestDatabase } from '../../../test/support/test-db.ts';
import { type App, buildApp } from '../../app.ts';
import type { Database } from '../../db/database.ts';
import { idCheckChar } from '../identity/id-number.ts';

const clock = () => new Date('2024-06-30T02:00:00Z');

let database: Database;
let app: App;
let city: { code: string };
let countyA: { code: string };
let countyB: { code: string };
let town: { code: string };
const as: Record<'clerkA' | 'clerkCity' | 'liaison' | 'reader', AuthHeaders> = {} as never;

/** A valid number of the form 320902………0014: sequence 001, check character 4. */
function idNumberEnding0014(): string {
  for (let day = 0; ; day++) {
    const birth = new Date(Date.UTC(1980, 0, 1 + day)).toISOString().slice(0, 10).replaceAll('-', '');
    const first17 = `320902${birth}001`;
    if (idCheckChar(first17) === '4') return `${first17}4`;
  }
}
const ID_NUMBER = idNumberEnding0014();

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  city = await buildRegion(db, { name: '范围市' });
  countyA = await buildRegion(db, { name: '甲县', parentCode: city.code });
  countyB = await buildRegion(db, { name: '乙县', parentCode: city.code });
  town = await buildRegion(db, { name: '甲县城关镇', parentCode: countyA.code });
  const bureau = await buildUnit(db, { regionCode: countyA.code, code: 'SCA1', name: '甲县人社局' });
  await buildUnit(db, {
    regionCode: countyA.code,
    code: 'SCA1D',
    kind: 'internal_division',
    parentId: bureau.id,
  });
  await buildUnit(db, {
    regionCode: countyA.code,
    code: 'SCA1S',
    kind: 'public_institution',
    parentId: bureau.id,
  });
  const other = await buildUnit(db, { regionCode: countyA.code, code: 'SCA2', name: '甲县财政局' });
  const sibling = await buildUnit(db, { regionCode: countyB.code, code: 'SCB1', name: '乙县人社局' });
  await buildUnit(db, { regionCode: town.code, code: 'SCT1', name: '城关镇政府' });
  for (const unit of [bureau, other, sibling]) {
    await addQuota(db, unit, { kind: 'administrative', amount: 5, effectiveOn: '2020-01-01' });
    await buildSeat(db, { unit });
  }
  const person = await buildPerson(db, { regionCode: countyA.code, name: '周敏', idNumber: ID_NUMBER });
  await buildSeat(db, { unit: bureau, personId: person.id, enteredOn: '2019-01-01' });
  app = buildApp(appOptionsFor(database, clock));
  await app.ready();
  as.clerkA = await loginAs(app, await createUser(database, { roles: ['clerk'], regionCode: countyA.code }));
  as.clerkCity = await loginAs(app, await createUser(database, { roles: ['clerk'], regionCode: city.code }));
  as.liaison = await loginAs(
    app,
    await createUser(database, { roles: ['unit_liaison'], regionCode: countyA.code, unitCode: 'SCA1' }),
  );
  as.reader = await loginAs(
    app,
    await createUser(database, { roles: ['dept_reader'], department: 'audit', regionCode: countyA.code }),
  );
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const get = (url: string, headers: AuthHeaders) => app.inject({ method: 'GET', url, headers });
const codesOf = (items: { code?: string; unitCode?: string }[]) =>
  [...new Set(items.map((item) => item.code ?? item.unitCode))].sort();

describe('region scope', () => {
  it('answers 404 for every unit and region of a sibling county, as if it did not exist', async () => {
    for (const [url, code] of [
      ['/api/units/SCB1', 'org.unit_not_found'],
      ['/api/units/SCB1/seats', 'org.unit_not_found'],
      ['/api/units/SCB1/quota-ledger', 'org.unit_not_found'],
      ['/api/units/SCB1/post-ledger', 'org.unit_not_found'],
      [`/api/regions/${countyB.code}/units`, 'org.region_not_found'],
      [`/api/regions/${countyB.code}/figures`, 'org.region_not_found'],
      [`/api/regions/${city.code}/units`, 'org.region_not_found'],
    ]) {
      const response = await get(url!, as.clerkA);
      expect(response.statusCode, url).toBe(404);
      expect(response.json().code).toBe(code);
    }
  });

  it('sees its region and the regions below it, and their units', async () => {
    const regions = (await get('/api/regions', as.clerkA)).json().regions;
    expect(codesOf(regions)).toEqual([countyA.code, town.code].sort());
    expect((await get('/api/units/SCT1', as.clerkA)).statusCode).toBe(200);
    const figures = (await get(`/api/regions/${countyA.code}/figures`, as.clerkA)).json().figures;
    expect(codesOf(figures)).toEqual(['SCA1', 'SCA2']);
  });

  it('lets a city see both of its counties', async () => {
    expect(codesOf((await get('/api/regions', as.clerkCity)).json().regions)).toEqual(
      [city.code, countyA.code, countyB.code, town.code].sort(),
    );
    expect((await get('/api/units/SCB1', as.clerkCity)).statusCode).toBe(200);
    const figures = (await get(`/api/regions/${city.code}/figures`, as.clerkCity)).json().figures;
    expect(codesOf(figures)).toEqual(['SCA1', 'SCA2', 'SCB1']);
  });
});

describe('unit scope (单位联络员)', () => {
  it('sees its own unit, its internal divisions and subordinate institutions', async () => {
    for (const code of ['SCA1', 'SCA1D', 'SCA1S'])
      expect((await get(`/api/units/${code}`, as.liaison)).statusCode).toBe(200);
    expect((await get('/api/units/SCA1/seats', as.liaison)).json().total).toBe(2);
  });

  it('answers 404 for another unit of the same county, and lists only its own units', async () => {
    for (const url of ['/api/units/SCA2', '/api/units/SCA2/seats', '/api/units/SCB1', '/api/units/SCT1']) {
      const response = await get(url, as.liaison);
      expect(response.statusCode, url).toBe(404);
      expect(response.json().code).toBe('org.unit_not_found');
    }
    const units = (await get(`/api/regions/${countyA.code}/units`, as.liaison)).json().units;
    expect(codesOf(units)).toEqual(['SCA1', 'SCA1D', 'SCA1S']);
    const figures = (await get(`/api/regions/${countyA.code}/figures`, as.liaison)).json().figures;
    expect(codesOf(figures)).toEqual(['SCA1']);
  });
});

describe('ID numbers', () => {
  const personIn = async (headers: AuthHeaders) => {
    const response = await get('/api/units/SCA1/seats', headers);
    return response.json().items.find((seat: { person: { name: string } }) => seat.person.name === '周敏')
      .person;
  };

  it('shows a reader of 审计 the masked number only', async () => {
    const person = await personIn(as.reader);
    expect(person.idNumber).toBe('320902********0014');
    expect(person.idMasked).toBe('320902********0014');
  });

  it('shows a clerk the full number', async () => {
    expect((await personIn(as.clerkA)).idNumber).toBe(ID_NUMBER);
  });

  it('masks it for a unit liaison too', async () => {
    expect((await personIn(as.liaison)).idNumber).toBe('320902********0014');
  });
});
