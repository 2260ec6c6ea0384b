/**
 * 职业道德: the 鉴定范围 every national standard puts first (基本要求 → 职业道德), shared by the demo banks with
 * the occupation's own 职业守则.
 */
import { pairTable, type DemoCell, type Fact } from './content';

const NORMS = [
  ['爱岗敬业', '热爱本职工作、忠于职守'],
  ['诚实守信', '实事求是、信守承诺'],
  ['办事公道', '公平公正、不徇私情'],
  ['服务群众', '热情周到地为群众提供服务'],
  ['奉献社会', '不计较个人得失、为社会作贡献'],
  ['遵纪守法', '遵守国家法律法规和企业规章制度'],
  ['团结协作', '互相尊重、互相支持、顾全大局'],
  ['勤劳节俭', '艰苦奋斗、节约资源'],
] as const;

const GENERAL: Fact[] = [
  { stem: '职业道德是从事一定职业的人在职业活动中应当遵循的', right: '行为规范的总和', wrong: ['法律条文的总和', '技术标准的总和', '操作规程的总和'] },
  { stem: '职业纪律的特点是具有明确的规定性和一定的', right: '强制性', wrong: ['随意性', '自愿性', '不确定性'] },
  { stem: '职业道德与企业发展的关系是，职业道德是企业', right: '文化的重要组成部分', wrong: ['发展的唯一条件', '无关紧要的内容', '对外宣传的口号'] },
  { stem: '职业道德建设的核心是', right: '为人民服务', wrong: ['追求个人利益', '提高经济效益', '服从领导安排'] },
  { stem: '从业人员在职业活动中保守企业秘密，体现的职业道德要求是', right: '诚实守信', wrong: ['勇于创新', '勤劳节俭', '服务群众'] },
  { stem: '从业人员提高职业道德修养的根本途径是', right: '在职业实践中自觉修养', wrong: ['阅读相关书籍', '参加一次培训', '听从他人评价'] },
];

/**
 * The 职业道德 cell: 001 基本知识 (Z) from the norms and general facts; 002 职业守则 (Y) from `code` facts of the
 * occupation. `weight1`/`weight2` are the points' 鉴定比重.
 */
export function ethicsCell(code: readonly Fact[], weight1: number, weight2: number): DemoCell {
  return {
    code: 'A',
    name: '职业道德',
    weight: weight1 + weight2,
    points: [
      {
        code: '001',
        name: '职业道德基本知识',
        importance: 'Z',
        weight: weight1,
        facts: [
          ...GENERAL,
          ...pairTable((s) => `职业道德规范中，“${s}”的基本含义是`, (d) => `“${d}”所体现的职业道德规范是`, NORMS, 'norm'),
        ],
        multi: [
          { stem: '社会主义职业道德的基本规范包括', rights: ['爱岗敬业', '诚实守信', '办事公道', '服务群众'], wrongs: ['追求个人利益最大化', '只讲经济效益', '一切服从上级'] },
          { stem: '职业道德的作用主要有', rights: ['调节职业交往中从业人员内部以及从业人员与服务对象间的关系', '有助于维护和提高本行业的信誉', '促进本行业的发展'], wrongs: ['代替法律法规', '决定企业的经济效益'] },
        ],
      },
      { code: '002', name: '职业守则', importance: 'Y', weight: weight2, facts: [...code] },
    ],
  };
}
