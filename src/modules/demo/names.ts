/**
 * Word lists for the synthetic demo city: people's names, township and village names (with pinyin for the English
 * name), employers and helper units. Every name is made up; any likeness to a real person or place is chance.
 */
import { type Rng, weightedTable } from './random.js';

// ───────────────────────────── surnames ─────────────────────────────

/** Surnames with a rough weight per 10,000 people in western Shandong (王 李 张 刘 lead, as in the census). */
export const SURNAMES = weightedTable<string>([
  ['王', 950], ['李', 800], ['张', 760], ['刘', 650], ['陈', 300], ['杨', 300], ['赵', 300], ['黄', 100],
  ['周', 150], ['吴', 120], ['徐', 200], ['孙', 250], ['马', 200], ['朱', 120], ['胡', 100], ['郭', 120],
  ['何', 50], ['高', 150], ['林', 60], ['罗', 40], ['郑', 60], ['梁', 80], ['谢', 50], ['宋', 100],
  ['唐', 50], ['许', 80], ['韩', 100], ['冯', 70], ['邓', 30], ['曹', 80], ['彭', 40], ['曾', 20],
  ['肖', 40], ['田', 80], ['董', 90], ['袁', 50], ['潘', 40], ['于', 120], ['蒋', 40], ['蔡', 30],
  ['余', 20], ['杜', 70], ['叶', 20], ['程', 60], ['苏', 50], ['魏', 80], ['吕', 60], ['丁', 50],
  ['任', 60], ['沈', 30], ['姚', 40], ['卢', 40], ['姜', 90], ['崔', 70], ['谭', 20], ['陆', 20],
  ['范', 60], ['石', 60], ['贾', 60], ['夏', 30], ['付', 50], ['方', 30], ['白', 40], ['邹', 20],
  ['孟', 60], ['秦', 40], ['侯', 60], ['段', 30], ['史', 40], ['郝', 50], ['孔', 40], ['闫', 60],
  ['耿', 30], ['常', 30], ['牛', 30], ['申', 20], ['葛', 30], ['薛', 40], ['尹', 30], ['邢', 30],
  ['武', 40], ['岳', 20], ['翟', 20], ['欧阳', 3], ['司马', 2], ['诸葛', 1], ['上官', 1], ['东方', 1],
]);

/** Hui families in the area are more often 马, 白, 沙, 米, 金. */
export const HUI_SURNAMES = weightedTable<string>([
  ['马', 40], ['白', 10], ['沙', 8], ['米', 5], ['金', 6], ['王', 10], ['李', 8], ['张', 6], ['刘', 5],
]);

// ───────────────────────────── given names ─────────────────────────────

interface GivenPool {
  first: readonly string[];
  second: readonly string[];
  single: readonly string[];
  singleShare: number;
}

const chars = (s: string) => Array.from(s);

/** Given-name syllables by sex and generation: names follow fashions (秀英 and 建国 are old, 梓涵 and 子轩 young). */
const GIVEN: Record<'male' | 'female', readonly [GivenPool, GivenPool, GivenPool]> = {
  male: [
    {
      first: chars('德文玉金国建长学振庆洪树永宝福春正守广俊明志兆汉立'),
      second: chars('福山林田海祥贵生才成堂义忠民华胜荣顺发良和奎江仁喜'),
      single: chars('刚军勇平强明伟山林'),
      singleShare: 0.2,
    },
    {
      first: chars('建海红卫永志春晓立俊国宏新学东军小云庆保'),
      second: chars('军华国平伟强涛明亮波刚杰峰辉东鹏磊超勇斌飞龙'),
      single: chars('磊涛伟强斌鹏勇杰超亮刚锋'),
      singleShare: 0.3,
    },
    {
      first: chars('子浩宇梓俊一佳博嘉明思晨家天雨皓文志奕铭'),
      second: chars('轩然宇豪涵博睿泽阳辰杰航熙瑞昊鑫诚凯宸硕'),
      single: chars('浩宇博睿泽阳航瑞昊鑫'),
      singleShare: 0.15,
    },
  ],
  female: [
    {
      first: chars('秀桂玉凤淑素兰翠春金明美俊荣月'),
      second: chars('英兰珍芝荣花云梅琴芳霞莲娥香凤敏'),
      single: chars('英兰梅芳珍霞'),
      singleShare: 0.15,
    },
    {
      first: chars('丽海红晓秀艳春雪小彩俊美玉金静'),
      second: chars('红霞燕娟丽芳艳敏静玲萍梅华英云莉'),
      single: chars('丽娟静敏燕艳霞萍芳玲红杰'),
      singleShare: 0.35,
    },
    {
      first: chars('欣梓雨子诗思佳可一语心紫若依婉晓雅美'),
      second: chars('怡涵萱彤琪琳然妍悦瑶婷雯桐菲馨璐诺蕊溪'),
      single: chars('涵萱彤琪琳妍悦瑶婷雯'),
      singleShare: 0.15,
    },
  ],
};

/**
 * Rare characters seen in real names: CJK extension A (䶮 U+4DAE, 㛃 U+36C3) and B (𠮷 U+20BB7, 𡒄 U+21484, outside
 * the BMP: two UTF-16 units), and BMP characters outside GB 2312 (堃 喆 赟 頔 玥 昇). A "Chinese only" pattern or a
 * GB 2312 font fails on them; the registry must not.
 */
export const RARE_NAME_CHARACTERS = ['䶮', '㛃', '𠮷', '𡒄', '堃', '喆', '赟', '頔', '玥', '昇'] as const;

export function givenName(rng: Rng, sex: 'male' | 'female', birthYear: number): string {
  const pool = GIVEN[sex][birthYear < 1965 ? 0 : birthYear < 1995 ? 1 : 2];
  if (rng.bool(pool.singleShare)) return rng.pick(pool.single);
  let a = rng.pick(pool.first);
  let b = rng.pick(pool.second);
  for (let i = 0; a === b && i < 5; i++) b = rng.pick(pool.second);
  if (a === b) a = rng.pick(pool.first);
  return a + b;
}

export function rareGivenName(rng: Rng, sex: 'male' | 'female', birthYear: number): string {
  const rare = rng.pick(RARE_NAME_CHARACTERS);
  const pool = GIVEN[sex][birthYear < 1965 ? 0 : birthYear < 1995 ? 1 : 2];
  return rng.bool(0.5) ? rare : rng.bool(0.5) ? rng.pick(pool.first) + rare : rare + rng.pick(pool.second);
}

/**
 * Names of Uyghur people in the standard Chinese transcription, with the official separator · (U+00B7) between
 * the given name and the father's name.
 */
const UYGHUR_GIVEN: Record<'male' | 'female', readonly string[]> = {
  male: ['买买提', '艾力', '阿不都', '吐尔逊', '麦麦提', '努尔', '艾则孜', '阿迪力'],
  female: ['阿依古丽', '古丽娜尔', '热依拉', '帕提古丽', '米娜瓦尔', '祖丽皮亚', '阿娜尔', '迪丽努尔'],
};
const UYGHUR_FATHER = ['买买提', '艾则孜', '吐尔洪', '阿不来提', '依明', '热合曼', '吾守尔', '司马义'];

export function uyghurName(rng: Rng, sex: 'male' | 'female'): string {
  return `${rng.pick(UYGHUR_GIVEN[sex])}·${rng.pick(UYGHUR_FATHER)}`;
}

// ───────────────────────────── places ─────────────────────────────

type Syllable = readonly [string, string];
const syllables = (s: string): Syllable[] =>
  s
    .trim()
    .split(/\s+/)
    .map((pair) => {
      const [zh, py] = pair.split(':');
      return [zh!, py!] as const;
    });

const TOWNSHIP_FIRST = syllables(`
  柳:liu 清:qing 崇:chong 烟:yan 桑:sang 梁:liang 范:fan 甘:gan 兰:lan 斜:xie 万:wan 古:gu 辛:xin 定:ding
  贾:jia 新:xin 安:an 朱:zhu 顺:shun 魏:wei 郑:zheng 十:shi 大:da 杨:yang 侯:hou 韩:han 闫:yan 董:dong 沙:sha
  堂:tang 张:zhang 李:li 王:wang 刘:liu 赵:zhao 陈:chen 马:ma 孙:sun 高:gao 于:yu 许:xu 河:he 石:shi 东:dong
  西:xi 南:nan 北:bei 博:bo 仁:ren 和:he 广:guang 永:yong 明:ming 双:shuang 三:san 姜:jiang 牛:niu 鱼:yu
  黄:huang 白:bai 龙:long 凤:feng 金:jin 玉:yu`);
const TOWNSHIP_SECOND = syllables(`
  林:lin 泉:quan 庄:zhuang 集:ji 寨:zhai 屯:tun 河:he 桥:qiao 店:dian 口:kou 官:guan 营:ying 楼:lou 城:cheng
  园:yuan 坊:fang 湾:wan 台:tai 岗:gang 庙:miao 阁:ge 铺:pu 固:gu 平:ping 丘:qiu 山:shan 湖:hu 乐:le 兴:xing
  华:hua 安:an`);

const VILLAGE_PREFIX = syllables(`前:qian 后:hou 东:dong 西:xi 南:nan 北:bei 大:da 小:xiao 中:zhong 新:xin`);
const VILLAGE_SURNAME = syllables(`
  王:wang 李:li 张:zhang 刘:liu 陈:chen 杨:yang 赵:zhao 周:zhou 吴:wu 徐:xu 孙:sun 马:ma 朱:zhu 胡:hu 郭:guo
  高:gao 宋:song 许:xu 韩:han 冯:feng 曹:cao 田:tian 董:dong 于:yu 杜:du 程:cheng 魏:wei 丁:ding 任:ren
  姜:jiang 崔:cui 范:fan 石:shi 贾:jia 孟:meng 侯:hou 郝:hao 孔:kong 闫:yan 耿:geng 常:chang 牛:niu 葛:ge
  薛:xue 武:wu 邢:xing 翟:zhai 申:shen 白:bai 秦:qin 史:shi`);
const VILLAGE_SUFFIX = syllables(`
  庄:zhuang 屯:tun 楼:lou 营:ying 集:ji 寨:zhai 店:dian 口:kou 堂:tang 庙:miao 园:yuan 洼:wa 河:he 桥:qiao
  坊:fang 铺:pu 家:jia 官屯:guantun 海子:haizi 胡同:hutong`);

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export type TownshipKind = 'street' | 'town' | 'xiang';

const TOWNSHIP_SUFFIX: Record<TownshipKind, readonly [string, string]> = {
  street: ['街道', 'Subdistrict'],
  town: ['镇', 'Town'],
  xiang: ['乡', 'Township'],
};

/** A township name not yet in `taken` (city-wide, so no two townships share a name). */
export function townshipName(rng: Rng, kind: TownshipKind, taken: Set<string>): { name: string; nameEn: string } {
  for (;;) {
    const [a, pa] = rng.pick(TOWNSHIP_FIRST);
    const [b, pb] = rng.pick(TOWNSHIP_SECOND);
    if (a === b) continue;
    const stem = a + b;
    if (taken.has(stem)) continue;
    taken.add(stem);
    const [suffix, suffixEn] = TOWNSHIP_SUFFIX[kind];
    return { name: stem + suffix, nameEn: `${capitalise(pa + pb)} ${suffixEn}` };
  }
}

/** A village name (…村) not yet in `taken` (one set per township). */
export function villageName(rng: Rng, taken: Set<string>): { name: string; nameEn: string } {
  for (;;) {
    const prefix = rng.bool(0.45) ? rng.pick(VILLAGE_PREFIX) : (['', ''] as const);
    const [s, ps] = rng.pick(VILLAGE_SURNAME);
    const [x, px] = rng.pick(VILLAGE_SUFFIX);
    const stem = prefix[0] + s + x;
    if (taken.has(stem)) continue;
    taken.add(stem);
    return { name: `${stem}村`, nameEn: `${capitalise(prefix[1] + ps + px)} Village` };
  }
}

// ───────────────────────────── employers and helper units ─────────────────────────────

const FIRM_WORDS = chars('华鑫盛宏源泰祥丰瑞达通力恒兴远顺金海利德');

function firm(rng: Rng): string {
  let a = rng.pick(FIRM_WORDS);
  const b = rng.pick(FIRM_WORDS);
  if (a === b) a = '聚';
  return a + b;
}

const PROVINCE_CITIES = ['济南', '青岛', '淄博', '潍坊', '烟台', '济宁', '泰安', '德州', '临沂', '东营'];
const OUT_OF_PROVINCE = ['北京', '天津', '上海', '苏州', '宁波', '石家庄', '郑州', '廊坊', '深圳', '杭州'];
const FIRM_TRADES = ['建筑工程有限公司', '物流有限公司', '电子科技有限公司', '纺织有限公司', '食品有限公司', '机械制造有限公司', '物业服务有限公司', '家政服务有限公司'];
const LOCAL_TRADES = ['食品有限公司', '纺织有限公司', '轴承有限公司', '农业发展有限公司', '木业有限公司', '建材有限公司', '蔬菜专业合作社', '养殖专业合作社'];

export type EmploymentPlace = 'township' | 'county' | 'province' | 'out_of_province';

export function employerName(
  rng: Rng,
  place: EmploymentPlace,
  where: { county: string; township: string; village: string },
): string {
  if (rng.bool(0.12)) return rng.pick(['个体务工', '灵活就业', '零散务工']);
  switch (place) {
    case 'township':
      return rng.pick([
        `${where.village}扶贫车间`,
        `${where.township}${firm(rng)}${rng.pick(LOCAL_TRADES)}`,
        `${where.township}扶贫就业工场`,
        `${where.village}${rng.pick(['蔬菜大棚基地', '种植专业合作社', '养殖场'])}`,
      ]);
    case 'county':
      return `${where.county.replace(/(县|区|市)$/, '')}${firm(rng)}${rng.pick(LOCAL_TRADES)}`;
    case 'province':
      return `${rng.pick(PROVINCE_CITIES)}${firm(rng)}${rng.pick(FIRM_TRADES)}`;
    case 'out_of_province':
      return `${rng.pick(OUT_OF_PROVINCE)}${firm(rng)}${rng.pick(FIRM_TRADES)}`;
  }
}

/** The unit a helper cadre (帮扶责任人) works for. */
export function helperUnit(rng: Rng, where: { county: string; township: string; village: string }): string {
  const c = where.county;
  return rng.choose<string>([
    [`${where.township}人民政府`, 40],
    [`${where.village}村民委员会`, 10],
    [`${c}财政局`, 4],
    [`${c}教育和体育局`, 6],
    [`${c}卫生健康局`, 5],
    [`${c}农业农村局`, 5],
    [`${c}住房和城乡建设局`, 3],
    [`${c}民政局`, 3],
    [`${c}人力资源和社会保障局`, 3],
    [`${c}自然资源局`, 2],
    [`${c}人民医院`, 4],
    [`${where.township}中心小学`, 5],
    [`${where.township}卫生院`, 4],
    [`中国农业银行${c}支行`, 2],
    [`国网${c}供电公司`, 2],
    [`聊城市${rng.pick(['财政局', '教育和体育局', '农业农村局', '扶贫开发办公室', '水利局'])}`, 2],
  ]);
}
