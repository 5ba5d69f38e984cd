/**
 * Word lists for fictional people and places. Surname weights follow the usual frequency tables
 * (per mille, rounded); given names are drawn character by character.
 */

import { type Random, WeightedList } from './demo.random.ts';

const SURNAME_WEIGHTS: readonly (readonly [string, number])[] = (
  [
    ['王', 71],
    ['李', 70],
    ['张', 67],
    ['刘', 54],
    ['陈', 45],
    ['杨', 31],
    ['黄', 22],
    ['赵', 20],
    ['吴', 20],
    ['周', 19],
    ['徐', 15],
    ['孙', 15],
    ['马', 14],
    ['朱', 13],
    ['胡', 13],
    ['郭', 11],
    ['何', 11],
    ['高', 10],
    ['林', 10],
    ['罗', 9],
    ['郑', 9],
    ['梁', 8],
    ['谢', 8],
  ] as [string, number][]
).concat(
  [...'宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢'].map((s) => [s, 5] as [string, number]),
  [...'姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱'].map(
    (s) => [s, 2] as [string, number],
  ),
  [
    ...'严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝',
  ].map((s) => [s, 0.4] as [string, number]),
  [
    ['欧阳', 0.3],
    ['司马', 0.05],
    ['上官', 0.05],
    ['诸葛', 0.05],
    ['东方', 0.05],
  ],
);
const SURNAMES = new WeightedList(SURNAME_WEIGHTS);

const MALE_CHARS = [
  ...'伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宁健亮俊峰浩宇轩然凯文博志建国海东林晨阳鸿旭昊天子一家泽睿铭成永新德春晓松庆兵毅龙胜锋正航立诚坤哲彬朋振学嘉瑞远翔晖涵宏光伦达豪义承俊岩鹤卫荣',
];
const FEMALE_CHARS = [
  ...'芳娜敏静丽艳娟霞燕玲婷雪慧琳颖倩洁萍红梅琴云莉兰英秀媛佳欣怡雅晶璐思雨梦涵悦诗蕾薇月凤彤晓丹珊琪瑶岚菲蓉妍婉宁馨洋露青春萌璇茜爽颖楠晴佩',
];

export function personName(rng: Random, gender: 'male' | 'female'): string {
  const chars = gender === 'male' ? MALE_CHARS : FEMALE_CHARS;
  const surname = SURNAMES.pick(rng);
  const given = rng.chance(0.35) ? rng.pick(chars) : rng.pick(chars) + rng.pick(chars);
  return surname + given;
}

const PLACE_FIRST = [
  ...'青云临安宁平永长新清兴华泰嘉德瑞昌广福金玉宝龙凤丰盛和乐康文武仁信崇怀庆隆顺通靖定海明光鸣白石松柏桐梧榆柳',
];
const PLACE_SECOND = [...'源川溪阳河山江丘原林台城水湖岭泉峰岗陵坪沙谷梁坝'];

/** A two-character place name, distinct for each index below PLACE_FIRST × PLACE_SECOND (the first is 青源). */
export function placeName(index: number): string {
  const column = index % PLACE_SECOND.length;
  const second = PLACE_SECOND[column]!;
  const first = PLACE_FIRST[(Math.floor(index / PLACE_SECOND.length) + column) % PLACE_FIRST.length]!;
  return first + second;
}

export const PLACE_NAME_COUNT = PLACE_FIRST.length * PLACE_SECOND.length;

const TOWN_FIRST = [...'石马柳杨桃杏梨枣花沙河东西南北上下大小高双三五七古新老龙凤虎鹤金银铁'];
const TOWN_SECOND = [...'桥店庄集铺坝口湾沟坪寨塘营屯堡岭峪洼岗'];

/** Township names for one county: 城关 first, then distinct two-character names. */
export function townshipNames(rng: Random, count: number): string[] {
  const names = new Set<string>(['城关']);
  while (names.size < count) names.add(rng.pick(TOWN_FIRST) + rng.pick(TOWN_SECOND));
  return [...names];
}

export const SUBDISTRICT_NAMES = ['城东', '城西', '城南', '城北'] as const;

export const EDUCATION = {
  cadre: [
    ['研究生', 14],
    ['大学本科', 62],
    ['大学专科', 20],
    ['中专', 4],
  ],
  worker: [
    ['大学专科', 25],
    ['中专', 35],
    ['高中', 40],
  ],
} as const;

export const MAJORS = {
  general: [
    ...'汉语言文学、法学、行政管理、会计学、经济学、计算机科学与技术、公共事业管理、财务管理、新闻学、土木工程、农学、环境工程、社会工作、思想政治教育、英语、城乡规划、统计学、档案学'.split(
      '、',
    ),
  ],
  teacher: [
    ...'汉语言文学、数学与应用数学、英语、物理学、化学、生物科学、历史学、地理科学、思想政治教育、体育教育、音乐学、美术学、学前教育、小学教育、计算机科学与技术'.split(
      '、',
    ),
  ],
  medical: [
    ...'临床医学、护理学、中医学、药学、医学影像学、医学检验技术、预防医学、口腔医学、康复治疗学'.split('、'),
  ],
  worker: ['汽车驾驶', '机电技术', '烹饪', '电气运行与控制', '计算机应用', ''],
} as const;

/** Title ladders, lowest first: a person climbs one with age. */
export const TITLE_TRACKS = {
  teacher: [['中小学二级教师', '中小学一级教师', '中小学高级教师', '中小学正高级教师']],
  medical: [
    ['医师', '主治医师', '副主任医师', '主任医师'],
    ['护士', '护师', '主管护师', '副主任护师'],
    ['药士', '药师', '主管药师', '副主任药师'],
  ],
  general: [
    ['助理工程师', '工程师', '高级工程师'],
    ['助理会计师', '会计师', '高级会计师'],
    ['助理馆员', '馆员', '副研究馆员'],
    ['助理农艺师', '农艺师', '高级农艺师'],
  ],
  worker: [['初级工', '中级工', '高级工', '技师', '高级技师']],
  cadre: [],
} as const;

export const ETHNICITIES: readonly (readonly [string, number])[] = [
  ['汉族', 920],
  ['回族', 20],
  ['满族', 15],
  ['蒙古族', 10],
  ['壮族', 10],
  ['土家族', 8],
  ['苗族', 5],
  ['彝族', 5],
  ['朝鲜族', 2],
  ['藏族', 2],
  ['维吾尔族', 1],
];

export const POLITICAL_STATUSES = {
  cadre: [
    ['中共党员', 72],
    ['中共预备党员', 2],
    ['共青团员', 8],
    ['群众', 14],
    ['民盟盟员', 1],
    ['九三学社社员', 1],
    ['民进会员', 1],
    ['无党派人士', 1],
  ],
  staff: [
    ['中共党员', 40],
    ['中共预备党员', 2],
    ['共青团员', 15],
    ['群众', 38],
    ['民盟盟员', 1],
    ['民进会员', 2],
    ['农工党党员', 1],
    ['九三学社社员', 1],
  ],
  worker: [
    ['中共党员', 25],
    ['群众', 70],
    ['共青团员', 5],
  ],
} as const;
