import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getJson, queryString } from '../../shared/api/client.ts';

/** The roster APIs: a unit's seats (`/api/units/:code/seats`), the region roster and the person page. */

export interface SeatPerson {
  name: string;
  gender: string;
  birthDate: string;
  /** In full for the roles that may see it, masked otherwise. */
  idNumber?: string;
  idMasked: string;
  retirementGroup: string;
  education: string | null;
  major: string | null;
  ethnicity: string | null;
  politicalStatus: string | null;
  title: string | null;
}

export interface Seat {
  unitCode: string;
  quotaKind: string;
  category: string;
  enteredOn: string;
  entryType: string;
  approvalNo: string | null;
  workUnitCode: string | null;
  exitedOn: string | null;
  exitType: string | null;
  status: string;
  person: SeatPerson;
  post: { level: string; unitCode: string; rank: string | null; since: string | null } | null;
}

export interface SeatPage {
  unitCode: string;
  asOf: string;
  total: number;
  page: number;
  pageSize: number;
  items: Seat[];
}

export function useUnitSeats(code: string, asOf: string, page: number, pageSize: number) {
  return useQuery({
    queryKey: ['seats', code, asOf, page, pageSize],
    queryFn: () =>
      getJson<SeatPage>(`/api/units/${encodeURIComponent(code)}/seats`, { asOf, page, pageSize }),
    placeholderData: keepPreviousData,
  });
}

/** One row of the region roster (`GET /api/roster`). */
export interface RosterRow {
  seatId: number;
  personId: number;
  name: string;
  gender: string;
  birthDate: string;
  age: number;
  idMasked: string;
  idNumber?: string;
  unitCode: string;
  unitName: string | null;
  quotaKind: string;
  category: string;
  enteredOn: string;
  entryType: string;
  status: string;
  education: string | null;
  postLevel: string | null;
  postRank: string | null;
}

export interface RosterPage {
  total: number;
  page: number;
  pageSize: number;
  items: RosterRow[];
}

export const ROSTER_SORTS = {
  unit: '按单位',
  name: '按姓名',
  enteredOn: '按入编时间',
  birthDate: '按出生日期',
} as const;
export type RosterSort = keyof typeof ROSTER_SORTS;

export interface RosterFilter {
  region: string;
  asOf: string;
  unit?: string;
  quotaKind?: string;
  category?: string;
  status?: string;
  ageBand?: string;
  education?: string;
  postLevel?: string;
  name?: string;
  sort?: RosterSort;
  descending?: boolean;
  page: number;
  pageSize: number;
}

/** The query string of a roster request (also the export's, without the paging). */
export function rosterQuery(filter: RosterFilter, paged = true): string {
  const { page, pageSize, descending, ...rest } = filter;
  return queryString({
    ...rest,
    descending: descending ? 'true' : undefined,
    ...(paged ? { page, pageSize } : {}),
  });
}

export function useRoster(filter: RosterFilter) {
  return useQuery({
    queryKey: ['roster', filter],
    queryFn: () => getJson<RosterPage>(`/api/roster${rosterQuery(filter)}`),
    placeholderData: keepPreviousData,
  });
}

export interface PersonSeat {
  id: number;
  unitCode: string;
  unitName: string | null;
  quotaKind: string;
  category: string;
  enteredOn: string;
  entryType: string;
  exitedOn: string | null;
  exitType: string | null;
  status: string;
  active: boolean;
  posts: { validFrom: string | null; level: string | null; unitCode: string | null; rank: string | null }[];
}

export interface PersonSecondment {
  fromUnitCode: string;
  fromUnitName?: string | null;
  toUnitCode: string;
  toUnitName: string | null;
  startOn: string;
  endOn: string;
  returnedOn: string | null;
}

/** A person with the seat history, the posts held and the secondments (`GET /api/persons/:id`). */
export interface PersonDetail {
  id: number;
  name: string;
  gender: string;
  birthDate: string;
  idMasked: string;
  idNumber?: string;
  retirementGroup: string;
  education: string | null;
  major: string | null;
  ethnicity: string | null;
  politicalStatus: string | null;
  title: string | null;
  seats: PersonSeat[];
  secondments: PersonSecondment[];
}

export function usePerson(id: string, asOf: string) {
  return useQuery({
    queryKey: ['person', id, asOf],
    queryFn: async () => {
      const body = await getJson<PersonDetail | { person: PersonDetail }>(
        `/api/persons/${encodeURIComponent(id)}`,
        {
          asOf,
        },
      );
      return 'person' in body ? body.person : body;
    },
    placeholderData: keepPreviousData,
  });
}
