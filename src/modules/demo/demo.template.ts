/**
 * What a fictional county is made of, after the 青山 baseline (seeds/002): Party and government
 * bodies with their internal divisions, public institutions (schools, hospitals, service centres),
 * townships and sub-districts. `{c}` stands for the county's name (青源县). Quota figures are the
 * county average; each county varies them.
 */

import type { Funding, PublicClass, QuotaKind, Rank, UnitKind } from './demo.model.ts';

export interface BodyTemplate {
  key: string;
  name: string;
  kind: UnitKind;
  rank: Rank | '';
  quota: Partial<Record<QuotaKind, number>>;
  deputies: number;
  divisions?: readonly string[];
  aliases?: readonly string[];
  /** Set up on this date (a reform); otherwise long-established. */
  since?: string;
  abolished?: string;
  /** The body that manages it (部门管理机构). */
  parent?: string;
}

export interface InstitutionTemplate {
  key: string;
  name: string;
  /** The body it belongs to; empty: directly under the county. */
  parent: string;
  rank: Rank;
  publicClass: PublicClass;
  funding: Funding;
  referenceManaged?: boolean;
  quota: Partial<Record<QuotaKind, number>>;
  deputies: number;
  since?: string;
  abolished?: string;
}

const REFORM_2019 = '2019-03-28';
const REFORM_2024 = '2024-03-26';

const D2 = ['办公室', '业务股'];

// biome-ignore format: a table reads best one row a line
export const BODIES: readonly BodyTemplate[] = [
  // 党委部门
  { key: 'office', name: '中共{c}委办公室', kind: 'party_committee', rank: 'section', quota: { administrative: 16, logistics: 4 }, deputies: 3, divisions: ['秘书股', '综合股', '督查股', '信息股'], aliases: ['中共{c}委机要保密局'] },
  { key: 'organization', name: '中共{c}委组织部', kind: 'party_committee', rank: 'section', quota: { administrative: 14, turnover: 4 }, deputies: 3, divisions: ['办公室', '组织股', '干部股', '干部监督股'], aliases: ['{c}公务员局'] },
  { key: 'publicity', name: '中共{c}委宣传部', kind: 'party_committee', rank: 'section', quota: { administrative: 10 }, deputies: 3, divisions: ['办公室', '宣传股', '文明创建股'], aliases: ['{c}新闻出版局', '{c}电影局'] },
  { key: 'united_front', name: '中共{c}委统一战线工作部', kind: 'party_committee', rank: 'section', quota: { administrative: 8 }, deputies: 2, aliases: ['{c}民族宗教事务局'] },
  { key: 'political_legal', name: '中共{c}委政法委员会', kind: 'party_committee', rank: 'section', quota: { administrative: 8 }, deputies: 2 },
  { key: 'establishment', name: '中共{c}委机构编制委员会办公室', kind: 'party_committee', rank: 'section', quota: { administrative: 7 }, deputies: 2, divisions: ['综合股', '机构编制股'] },
  { key: 'social_work', name: '中共{c}委社会工作部', kind: 'party_committee', rank: 'section', quota: { administrative: 6 }, deputies: 2, since: REFORM_2024 },
  { key: 'cyberspace', name: '中共{c}委网络安全和信息化委员会办公室', kind: 'party_committee', rank: 'section', quota: { administrative: 5 }, deputies: 1, since: REFORM_2019 },
  { key: 'inspection', name: '中共{c}委巡察工作领导小组办公室', kind: 'party_committee', rank: 'section', quota: { administrative: 8 }, deputies: 2, since: REFORM_2019 },
  { key: 'veteran_cadres', name: '中共{c}委老干部局', kind: 'party_committee', rank: 'section', quota: { administrative: 6 }, deputies: 1 },
  { key: 'organs_committee', name: '中共{c}直属机关工作委员会', kind: 'dispatched', rank: 'section', quota: { administrative: 5 }, deputies: 1, parent: 'office' },
  // 人大、政协、监察、审判、检察
  { key: 'congress', name: '{c}人民代表大会常务委员会办公室', kind: 'people_congress', rank: 'section', quota: { administrative: 15, logistics: 2 }, deputies: 3, divisions: D2 },
  { key: 'cppcc', name: '政协{c}委员会办公室', kind: 'cppcc', rank: 'section', quota: { administrative: 12, logistics: 2 }, deputies: 2, divisions: ['综合股', '提案股'] },
  { key: 'supervision', name: '{c}监察委员会', kind: 'supervision', rank: 'section', quota: { administrative: 40, logistics: 2 }, deputies: 4, divisions: ['办公室', '党风政风监督室', '第一纪检监察室', '第二纪检监察室', '案件审理室'], aliases: ['中共{c}纪律检查委员会'], since: '2018-01-26' },
  { key: 'court', name: '{c}人民法院', kind: 'court', rank: 'section', quota: { administrative: 10, political_legal: 12, logistics: 2 }, deputies: 3, divisions: ['办公室', '立案庭', '刑事审判庭', '民事审判庭'] },
  { key: 'procuratorate', name: '{c}人民检察院', kind: 'procuratorate', rank: 'section', quota: { administrative: 8, political_legal: 8, logistics: 1 }, deputies: 2, divisions: ['办公室', '第一检察部', '第二检察部'] },
  // 政府部门
  { key: 'gov_office', name: '{c}人民政府办公室', kind: 'government', rank: 'section', quota: { administrative: 16, logistics: 5 }, deputies: 4, divisions: ['秘书股', '综合股', '督查股'], aliases: ['{c}人民政府外事办公室'] },
  { key: 'development', name: '{c}发展和改革局', kind: 'government', rank: 'section', quota: { administrative: 12 }, deputies: 3, divisions: ['办公室', '规划股', '项目股'], aliases: ['{c}粮食和物资储备局'] },
  { key: 'education', name: '{c}教育和体育局', kind: 'government', rank: 'section', quota: { administrative: 14, logistics: 1 }, deputies: 3, divisions: ['办公室', '人事股', '基础教育股', '计划财务股'] },
  { key: 'industry', name: '{c}科学技术和工业信息化局', kind: 'government', rank: 'section', quota: { administrative: 9 }, deputies: 2, since: REFORM_2019 },
  { key: 'police', name: '{c}公安局', kind: 'government', rank: 'section', quota: { administrative: 8, political_legal: 18, logistics: 3 }, deputies: 4, divisions: ['办公室', '治安管理大队', '刑事侦查大队', '交通警察大队'] },
  { key: 'civil_affairs', name: '{c}民政局', kind: 'government', rank: 'section', quota: { administrative: 10 }, deputies: 2 },
  { key: 'justice', name: '{c}司法局', kind: 'government', rank: 'section', quota: { administrative: 6, political_legal: 7 }, deputies: 2 },
  { key: 'finance', name: '{c}财政局', kind: 'government', rank: 'section', quota: { administrative: 16, logistics: 1 }, deputies: 3, divisions: ['办公室', '预算股', '国库股', '农业农村股'] },
  { key: 'human_resources', name: '{c}人力资源和社会保障局', kind: 'government', rank: 'section', quota: { administrative: 12 }, deputies: 3, divisions: ['办公室', '就业促进股', '工资福利股'] },
  { key: 'natural_resources', name: '{c}自然资源局', kind: 'government', rank: 'section', quota: { administrative: 14 }, deputies: 3, divisions: ['办公室', '国土空间规划股', '耕地保护股'], since: REFORM_2019 },
  { key: 'housing', name: '{c}住房和城乡建设局', kind: 'government', rank: 'section', quota: { administrative: 12 }, deputies: 3, divisions: ['办公室', '建筑管理股', '城乡建设股'], aliases: ['{c}人民防空办公室'] },
  { key: 'transport', name: '{c}交通运输局', kind: 'government', rank: 'section', quota: { administrative: 10 }, deputies: 2 },
  { key: 'water', name: '{c}水利局', kind: 'government', rank: 'section', quota: { administrative: 9 }, deputies: 2 },
  { key: 'agriculture', name: '{c}农业农村局', kind: 'government', rank: 'section', quota: { administrative: 15 }, deputies: 3, divisions: ['办公室', '种植业股', '乡村振兴股'], aliases: ['{c}乡村振兴局'], since: REFORM_2019 },
  { key: 'commerce', name: '{c}商务局', kind: 'government', rank: 'section', quota: { administrative: 7 }, deputies: 2 },
  { key: 'culture', name: '{c}文化和旅游局', kind: 'government', rank: 'section', quota: { administrative: 9 }, deputies: 2, aliases: ['{c}广播电视局', '{c}文物局'], since: REFORM_2019 },
  { key: 'health', name: '{c}卫生健康局', kind: 'government', rank: 'section', quota: { administrative: 11 }, deputies: 3, divisions: ['办公室', '医政医管股', '疾病预防控制股'], aliases: ['{c}中医药管理局'], since: REFORM_2019 },
  { key: 'veterans', name: '{c}退役军人事务局', kind: 'government', rank: 'section', quota: { administrative: 7 }, deputies: 2, since: REFORM_2019 },
  { key: 'emergency', name: '{c}应急管理局', kind: 'government', rank: 'section', quota: { administrative: 10 }, deputies: 2, divisions: D2, since: REFORM_2019 },
  { key: 'audit', name: '{c}审计局', kind: 'government', rank: 'section', quota: { administrative: 9 }, deputies: 2 },
  { key: 'market', name: '{c}市场监督管理局', kind: 'government', rank: 'section', quota: { administrative: 30, logistics: 2 }, deputies: 4, divisions: ['办公室', '登记注册股', '食品安全股', '执法稽查股'], aliases: ['{c}知识产权局'], since: REFORM_2019 },
  { key: 'statistics', name: '{c}统计局', kind: 'government', rank: 'section', quota: { administrative: 7 }, deputies: 2 },
  { key: 'medical_security', name: '{c}医疗保障局', kind: 'government', rank: 'section', quota: { administrative: 7 }, deputies: 2, since: REFORM_2019 },
  { key: 'forestry', name: '{c}林业局', kind: 'government', rank: 'section', quota: { administrative: 8 }, deputies: 2 },
  { key: 'urban', name: '{c}城市管理局', kind: 'government', rank: 'section', quota: { administrative: 9 }, deputies: 2, since: REFORM_2019 },
  { key: 'data', name: '{c}数据局', kind: 'government', rank: 'section', quota: { administrative: 5 }, deputies: 1, since: REFORM_2024 },
  { key: 'petitions', name: '{c}信访局', kind: 'dept_managed', rank: 'section', quota: { administrative: 6 }, deputies: 2, parent: 'gov_office' },
  { key: 'government_affairs', name: '{c}机关事务管理局', kind: 'dept_managed', rank: 'vice_section', quota: { administrative: 5 }, deputies: 1, parent: 'gov_office' },
  // 群团机关、工商联
  { key: 'trade_union', name: '{c}总工会', kind: 'mass_org', rank: 'section', quota: { administrative: 7 }, deputies: 2 },
  { key: 'youth_league', name: '共青团{c}委员会', kind: 'mass_org', rank: 'section', quota: { administrative: 4 }, deputies: 1 },
  { key: 'women', name: '{c}妇女联合会', kind: 'mass_org', rank: 'section', quota: { administrative: 5 }, deputies: 2 },
  { key: 'science', name: '{c}科学技术协会', kind: 'mass_org', rank: 'section', quota: { administrative: 4 }, deputies: 1 },
  { key: 'arts', name: '{c}文学艺术界联合会', kind: 'mass_org', rank: 'vice_section', quota: { administrative: 3 }, deputies: 1 },
  { key: 'disabled', name: '{c}残疾人联合会', kind: 'mass_org', rank: 'section', quota: { administrative: 4 }, deputies: 1 },
  { key: 'red_cross', name: '{c}红十字会', kind: 'mass_org', rank: 'vice_section', quota: { administrative: 3 }, deputies: 1 },
  { key: 'family_planning', name: '{c}计划生育协会', kind: 'mass_org', rank: 'vice_section', quota: { administrative: 3 }, deputies: 1 },
  { key: 'overseas', name: '{c}归国华侨联合会', kind: 'mass_org', rank: 'vice_section', quota: { administrative: 2 }, deputies: 1 },
  { key: 'social_science', name: '{c}社会科学界联合会', kind: 'mass_org', rank: 'vice_section', quota: { administrative: 2 }, deputies: 1 },
  { key: 'commerce_federation', name: '{c}工商业联合会', kind: 'democratic_party', rank: 'section', quota: { administrative: 4 }, deputies: 1, aliases: ['{c}总商会'] },
  { key: 'zone', name: '{c}经济开发区管理委员会', kind: 'development_zone', rank: 'vice_division', quota: { administrative: 12 }, deputies: 3, divisions: ['综合办公室', '经济发展局', '规划建设局'] },
  // 议事协调机构
  { key: 'reform_commission', name: '中共{c}委全面深化改革委员会', kind: 'coordination_body', rank: '', quota: {}, deputies: 0, since: REFORM_2019 },
  { key: 'safety_commission', name: '{c}安全生产委员会', kind: 'coordination_body', rank: '', quota: {}, deputies: 0 },
  // 机构改革中撤销的部门
  { key: 'safety_bureau', name: '{c}安全生产监督管理局', kind: 'government', rank: 'section', quota: { administrative: 8 }, deputies: 2, abolished: REFORM_2019 },
  { key: 'food_drug', name: '{c}食品药品监督管理局', kind: 'government', rank: 'section', quota: { administrative: 9 }, deputies: 2, abolished: REFORM_2019 },
  { key: 'industry_commerce', name: '{c}工商行政管理局', kind: 'government', rank: 'section', quota: { administrative: 14 }, deputies: 3, abolished: REFORM_2019 },
  { key: 'rural_revitalization', name: '{c}乡村振兴局', kind: 'government', rank: 'section', quota: { administrative: 6 }, deputies: 2, since: '2021-06-18', abolished: REFORM_2024 },
];

// biome-ignore format: a table reads best one row a line
export const INSTITUTIONS: readonly InstitutionTemplate[] = [
  { key: 'party_school', name: '中共{c}委党校', parent: '', rank: 'vice_division', publicClass: 'public_1', funding: 'full', referenceManaged: true, quota: { institutional: 20 }, deputies: 2 },
  { key: 'media', name: '{c}融媒体中心', parent: 'publicity', rank: 'section', publicClass: 'public_1', funding: 'full', quota: { institutional: 45 }, deputies: 2, since: '2019-01-08' },
  { key: 'archives', name: '{c}档案馆', parent: 'office', rank: 'section', publicClass: 'public_1', funding: 'full', referenceManaged: true, quota: { institutional: 12 }, deputies: 1 },
  { key: 'affairs_centre', name: '{c}机关事务服务中心', parent: 'government_affairs', rank: 'vice_section', publicClass: 'public_1', funding: 'full', quota: { institutional: 15 }, deputies: 1 },
  { key: 'service_centre', name: '{c}政务服务中心', parent: 'gov_office', rank: 'vice_section', publicClass: 'public_1', funding: 'full', quota: { institutional: 20 }, deputies: 2 },
  { key: 'enforcement', name: '{c}综合行政执法大队', parent: 'urban', rank: 'section', publicClass: 'admin_function', funding: 'full', referenceManaged: true, quota: { institutional: 60 }, deputies: 3, since: '2019-11-20' },
  { key: 'agri_tech', name: '{c}农业技术推广中心', parent: 'agriculture', rank: 'vice_section', publicClass: 'public_1', funding: 'full', quota: { institutional: 35 }, deputies: 2 },
  { key: 'social_insurance', name: '{c}社会保险事业服务中心', parent: 'human_resources', rank: 'vice_section', publicClass: 'public_1', funding: 'full', referenceManaged: true, quota: { institutional: 25 }, deputies: 2 },
  { key: 'employment', name: '{c}公共就业和人才服务中心', parent: 'human_resources', rank: 'unit_level', publicClass: 'public_1', funding: 'full', quota: { institutional: 12 }, deputies: 1 },
  { key: 'real_estate', name: '{c}不动产登记中心', parent: 'natural_resources', rank: 'unit_level', publicClass: 'public_2', funding: 'partial', quota: { institutional: 15 }, deputies: 1 },
  { key: 'culture_centre', name: '{c}文化馆', parent: 'culture', rank: 'unit_level', publicClass: 'public_1', funding: 'full', quota: { institutional: 12 }, deputies: 1 },
  { key: 'library', name: '{c}图书馆', parent: 'culture', rank: 'unit_level', publicClass: 'public_1', funding: 'full', quota: { institutional: 10 }, deputies: 1 },
  { key: 'water_works', name: '{c}水利工程服务中心', parent: 'water', rank: 'unit_level', publicClass: 'public_1', funding: 'full', quota: { institutional: 18 }, deputies: 1 },
  { key: 'medical_security_centre', name: '{c}医疗保障服务中心', parent: 'medical_security', rank: 'unit_level', publicClass: 'public_1', funding: 'full', quota: { institutional: 10 }, deputies: 1, since: '2019-08-16' },
  { key: 'veterans_centre', name: '{c}退役军人服务中心', parent: 'veterans', rank: 'unit_level', publicClass: 'public_1', funding: 'full', quota: { institutional: 8 }, deputies: 1, since: '2019-07-05' },
  { key: 'funeral', name: '{c}殡仪馆', parent: 'civil_affairs', rank: 'unit_level', publicClass: 'public_2', funding: 'partial', quota: { institutional: 12 }, deputies: 1 },
  { key: 'hotel', name: '{c}宾馆', parent: 'government_affairs', rank: 'unit_level', publicClass: 'business', funding: 'self', quota: { institutional: 20 }, deputies: 1 },
  { key: 'design_institute', name: '{c}建筑规划设计院', parent: 'housing', rank: 'unit_level', publicClass: 'business', funding: 'self', quota: { institutional: 15 }, deputies: 1 },
  { key: 'forest_farm', name: '{c}国有林场', parent: 'forestry', rank: 'unit_level', publicClass: 'public_2', funding: 'self', quota: { institutional: 20 }, deputies: 1 },
  { key: 'census', name: '{c}统计普查中心', parent: 'statistics', rank: 'unit_level', publicClass: 'public_1', funding: 'full', quota: { institutional: 6 }, deputies: 0 },
  // 教育
  { key: 'high_school_1', name: '{c}第一中学', parent: 'education', rank: 'section', publicClass: 'public_1', funding: 'full', quota: { school_staff: 380 }, deputies: 3 },
  { key: 'high_school_2', name: '{c}第二中学', parent: 'education', rank: 'section', publicClass: 'public_1', funding: 'full', quota: { school_staff: 280 }, deputies: 3 },
  { key: 'vocational', name: '{c}职业教育中心', parent: 'education', rank: 'section', publicClass: 'public_1', funding: 'full', quota: { school_staff: 160 }, deputies: 2 },
  { key: 'primary_1', name: '{c}实验小学', parent: 'education', rank: 'vice_section', publicClass: 'public_1', funding: 'full', quota: { school_staff: 240 }, deputies: 3 },
  { key: 'primary_2', name: '{c}第二实验小学', parent: 'education', rank: 'vice_section', publicClass: 'public_1', funding: 'full', quota: { school_staff: 200 }, deputies: 2 },
  { key: 'kindergarten', name: '{c}实验幼儿园', parent: 'education', rank: 'unit_level', publicClass: 'public_1', funding: 'full', quota: { school_staff: 80 }, deputies: 1 },
  { key: 'special_school', name: '{c}特殊教育学校', parent: 'education', rank: 'unit_level', publicClass: 'public_1', funding: 'full', quota: { school_staff: 30 }, deputies: 1 },
  { key: 'teacher_centre', name: '{c}教师发展中心', parent: 'education', rank: 'vice_section', publicClass: 'public_1', funding: 'full', quota: { institutional: 25 }, deputies: 2 },
  // 卫生健康
  { key: 'hospital', name: '{c}人民医院', parent: 'health', rank: 'vice_division', publicClass: 'public_2', funding: 'partial', quota: { institutional: 420 }, deputies: 4 },
  { key: 'tcm_hospital', name: '{c}中医医院', parent: 'health', rank: 'section', publicClass: 'public_2', funding: 'partial', quota: { institutional: 200 }, deputies: 3 },
  { key: 'maternal', name: '{c}妇幼保健院', parent: 'health', rank: 'section', publicClass: 'public_2', funding: 'partial', quota: { institutional: 80 }, deputies: 2 },
  { key: 'cdc', name: '{c}疾病预防控制中心', parent: 'health', rank: 'vice_section', publicClass: 'public_1', funding: 'full', quota: { institutional: 45 }, deputies: 2 },
  // 改革中撤销的事业单位
  { key: 'guesthouse', name: '{c}招待所', parent: 'gov_office', rank: 'unit_level', publicClass: 'business', funding: 'self', quota: { institutional: 12 }, deputies: 1, abolished: '2021-09-30' },
  { key: 'farm_machinery', name: '{c}农机推广站', parent: 'agriculture', rank: 'unit_level', publicClass: 'public_1', funding: 'full', quota: { institutional: 8 }, deputies: 1, abolished: '2022-03-15' },
];

export const TOWNSHIP_DIVISIONS = ['党政综合办公室', '经济发展办公室', '社会事务办公室'] as const;
export const SUBDISTRICT_DIVISIONS = ['党政综合办公室', '社区建设办公室'] as const;
