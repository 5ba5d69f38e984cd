import { DomainError } from '../../shared/domain-error.ts';

export class RegionNotFoundError extends DomainError {
  constructor(code: string) {
    super('org.region_not_found', `行政区划 ${code} 不存在`, 'not_found');
  }
}

export class UnitNotFoundError extends DomainError {
  constructor(code: string) {
    super('org.unit_not_found', `机构 ${code} 不存在`, 'not_found');
  }
}
