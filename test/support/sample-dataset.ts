import { idCheckChar } from '../../src/modules/identity/id-number.ts';
import { csv } from './dataset.ts';

/** A valid ID number for a birth date and a sequence (odd: male). */
export function idNumber(birth: string, sequence: number, region = '320902'): string {
  const first17 = `${region}${birth.replace(/-/g, '')}${String(sequence).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

export const ID = {
  zhang: idNumber('1980-01-01', 1),
  li: idNumber('1985-05-05', 2),
  wang: idNumber('1990-03-03', 3),
  zhao: idNumber('1975-07-07', 5),
};

/** A small county: two bodies, an internal division, a school; quotas, posts, four people. */
export function sampleDataset(): Record<string, string> {
  return {
    regions: csv('code,name,parent_code,unit_cap', '320902,青山县,,30'),
    units: csv(
      'code,name,region_code,parent_code,kind,rank,public_class,funding,established_on,document_no,division_cap,alias_names,sort_order',
      'QS001,中共青山县委组织部,320902,,party_committee,section,,full,2010-01-01,青编〔2010〕1号,5,县公务员局,1',
      'QS001A,干部科,320902,QS001,internal_division,unit_level,,,2010-01-01,,,,1',
      'QS002,青山县财政局,320902,,government,section,,full,2010-01-01,青编〔2010〕2号,6,,2',
      'QS003,青山县第一中学,320902,,public_institution,vice_section,public_1,full,2011-09-01,青编〔2011〕9号,,,3',
    ),
    quotas: csv(
      'unit_code,kind,amount,effective_on,document_no',
      'QS001,administrative,10,2010-01-01,青编〔2010〕1号',
      'QS001,administrative,2,2024-03-01,青编〔2024〕3号',
      'QS002,administrative,8,2010-01-01,青编〔2010〕2号',
      'QS003,school_staff,60,2011-09-01,青编〔2011〕9号',
    ),
    posts: csv(
      'unit_code,level,amount,effective_on,document_no',
      'QS001,head,1,2010-01-01,青编〔2010〕1号',
      'QS001,deputy,3,2010-01-01,青编〔2010〕1号',
    ),
    charters: csv('unit_code,issued_on,document_no', 'QS001,2019-03-01,青办发〔2019〕5号'),
    persons: csv(
      'id_number,name,unit_code,quota_kind,category,entered_on,entry_type,work_unit_code,post_level,post_unit_code,post_rank,exited_on,exit_type,education',
      `${ID.zhang},张伟,QS001,administrative,civil_servant,2005-08-01,exam,,head,,section,,,大学`,
      `${ID.li},李娜,QS001,administrative,civil_servant,2010-07-01,exam,QS001A,division_head,QS001A,vice_section,,,研究生`,
      `${ID.wang},王强,QS002,administrative,civil_servant,2015-07-01,selected_graduate,,,,,,,大学`,
      `${ID.zhao},赵敏,QS003,school_staff,institution_staff,2000-09-01,recruit,,,,,2020-12-31,transfer_out,大专`,
      `${ID.zhao},赵敏,QS002,administrative,civil_servant,2021-01-01,transfer_in,,,,,,,大专`,
    ),
    secondments: csv(
      'id_number,from_unit_code,to_unit_code,start_on,end_on,returned_on,document_no',
      `${ID.wang},QS002,QS001,2026-01-01,2026-12-31,,青组借〔2026〕1号`,
    ),
    off_quota: csv(
      'id_number,name,unit_code,type,start_on,end_on,post_level',
      `${idNumber('1995-02-02', 7)},钱六,QS002,contract,2023-01-01,,`,
    ),
    payroll: csv(
      'period,id_number,name,unit_code,amount',
      `2026-06,${ID.zhang},张伟,QS001,8500.00`,
      `2026-06,${ID.li},李娜,QS001,7600.50`,
    ),
    insurance: csv('period,id_number,name,unit_code', `2026-06,${ID.zhang},张伟,QS001`),
  };
}
