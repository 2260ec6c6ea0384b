/**
 * Demo bank of 车工 (6-18-01-01) 四级: 基本要求 (职业道德, 机械制图与公差, 材料与热处理, 安全) and 相关知识
 * (车床与刀具, 切削用量与工艺, 轴套类零件, 螺纹与圆锥). Cutting data, tolerances, tapers and threads are computed.
 */
import { between, num, numericWrongs, pairTable, pick, type DemoRange, type Fact, type FactSource } from './content';
import { ethicsCell } from './ethics';

const CODE: Fact[] = [
  { stem: '车工操作时，严禁', right: '戴手套操作车床', wrong: ['戴防护眼镜', '穿工作服', '戴工作帽'] },
  { stem: '车床运转中测量工件尺寸的做法是', right: '不允许的，应停车后测量', wrong: ['允许的，可提高效率', '低速时允许', '只要小心就允许'] },
  { stem: '清除车床上的切屑应使用', right: '专用的钩子或刷子', wrong: ['手直接清除', '压缩空气吹向他人', '游标卡尺'] },
  { stem: '装夹工件后，卡盘扳手应', right: '随手取下', wrong: ['留在卡盘上', '放在导轨上', '交给他人保管'] },
  { stem: '车工文明生产要求工件、量具和刀具', right: '分类摆放整齐', wrong: ['堆放在导轨上', '混放在一起', '放在主轴箱上'] },
];

const LINES = [
  ['可见轮廓线', '粗实线'],
  ['不可见轮廓线', '细虚线'],
  ['轴线和对称中心线', '细点画线'],
  ['尺寸线和尺寸界线', '细实线'],
  ['断裂处的边界线', '波浪线'],
] as const;
const DRAWING: Fact[] = [
  { stem: '三视图的投影规律是主视图与俯视图', right: '长对正', wrong: ['高平齐', '宽相等', '长相等'] },
  { stem: '三视图的投影规律是主视图与左视图', right: '高平齐', wrong: ['长对正', '宽相等', '高相等'] },
  { stem: '三视图的投影规律是俯视图与左视图', right: '宽相等', wrong: ['长对正', '高平齐', '长相等'] },
  { stem: '机械图样中的尺寸，以毫米为单位时', right: '不需标注计量单位', wrong: ['必须标注 mm', '必须标注 cm', '可任意标注单位'] },
  { stem: '图样上标注的表面粗糙度参数 Ra 表示', right: '轮廓算术平均偏差', wrong: ['轮廓最大高度', '表面硬度', '形状公差'] },
];
const FITS: Fact[] = [
  { stem: '基孔制配合中，基准孔的基本偏差代号为', right: 'H', wrong: ['h', 'JS', 'G'] },
  { stem: '基轴制配合中，基准轴的基本偏差代号为', right: 'h', wrong: ['H', 'js', 'g'] },
  { stem: '孔的尺寸减去相配合的轴的尺寸为正值时的配合称为', right: '间隙配合', wrong: ['过盈配合', '过渡配合', '基孔配合'] },
  { stem: '国家标准规定的标准公差等级共有', right: '20 级', wrong: ['12 级', '18 级', '28 级'] },
];
const signed = (x: number): string => (x > 0 ? `+${num(x, 3)}` : x === 0 ? '0' : num(x, 3));
const tolerance: FactSource = (rng) => {
  const d = pick(rng, [20, 25, 30, 35, 40, 45, 50, 60, 80, 100]);
  const es = pick(rng, [0.021, 0.025, 0.033, 0.039, 0.046, 0.054]);
  const ei = pick(rng, [0, -0.009, -0.013, 0.002, 0.008]);
  const t = es - ei;
  return { stem: `孔 φ${d} mm 的上极限偏差为 ${signed(es)} mm、下极限偏差为 ${signed(ei)} mm，其尺寸公差为`, right: `${num(t, 3)} mm`, wrong: numericWrongs(t, ' mm', [2, 0.5, 1.5], 4) };
};
const maxSize: FactSource = (rng) => {
  const d = pick(rng, [16, 20, 24, 30, 36, 42, 48, 56, 65, 75]);
  const es = pick(rng, [-0.007, -0.01, -0.02, -0.025, 0, 0.015]);
  const ei = es - pick(rng, [0.013, 0.016, 0.019, 0.025, 0.03]);
  return { stem: `轴 φ${d} mm 的上极限偏差为 ${signed(es)} mm、下极限偏差为 ${signed(ei)} mm，其下极限尺寸为`, right: `${num(d + ei, 3)} mm`, wrong: [`${num(d + es, 3)} mm`, `${num(d - ei, 3)} mm`, `${num(d + ei - 0.1, 3)} mm`] };
};

const MATERIALS = [
  ['45', '优质碳素结构钢'],
  ['Q235A', '碳素结构钢'],
  ['HT200', '灰铸铁'],
  ['40Cr', '合金结构钢'],
  ['T10A', '碳素工具钢'],
  ['W18Cr4V', '高速工具钢'],
  ['QT400-15', '球墨铸铁'],
] as const;
const HEAT = [
  ['退火', '降低硬度、改善切削加工性'],
  ['淬火', '提高硬度和耐磨性'],
  ['回火', '消除淬火应力、降低脆性'],
  ['调质', '获得良好的综合力学性能'],
  ['渗碳', '提高零件表层的碳含量'],
] as const;

const LATHE = [
  ['主轴箱', '支承主轴并实现主轴变速'],
  ['进给箱', '改变进给量和被加工螺纹的螺距'],
  ['溜板箱', '把光杠或丝杠的运动传给刀架'],
  ['尾座', '安装顶尖支承工件或安装钻头钻孔'],
  ['丝杠', '车削螺纹时带动溜板箱移动'],
  ['光杠', '车削外圆和端面时传递进给运动'],
] as const;
const ANGLES = [
  ['前角', '使刀刃锋利、减小切削变形'],
  ['后角', '减小后刀面与工件之间的摩擦'],
  ['主偏角', '改变主切削刃的受力和散热情况'],
  ['刃倾角', '控制切屑的流出方向'],
  ['副偏角', '减小副切削刃与已加工表面的摩擦'],
] as const;
const TOOLS: Fact[] = [
  { stem: '车削铸铁等脆性材料，一般选用的硬质合金类别是', right: 'K 类（YG）', wrong: ['P 类（YT）', '高速钢', '碳素工具钢'] },
  { stem: '车削钢件等塑性材料，一般选用的硬质合金类别是', right: 'P 类（YT）', wrong: ['K 类（YG）', '陶瓷', '碳素工具钢'] },
  { stem: '常用高速钢的牌号是', right: 'W18Cr4V', wrong: ['YG8', 'YT15', 'HT200'] },
  { stem: '刀具材料最基本的性能要求是', right: '高硬度和高耐磨性', wrong: ['高塑性', '良好的焊接性', '良好的导电性'] },
  { stem: '硬质合金车刀与高速钢车刀相比，允许的切削速度', right: '更高', wrong: ['更低', '相同', '无法比较'] },
  { stem: '刃磨硬质合金车刀应选用', right: '绿色碳化硅砂轮', wrong: ['白刚玉砂轮', '棕刚玉砂轮', '铸铁砂轮'] },
  { stem: '刃磨高速钢车刀应选用', right: '白刚玉砂轮', wrong: ['绿色碳化硅砂轮', '金刚石砂轮', '铸铁砂轮'] },
  { stem: '高速钢刀具的耐热温度约为', right: '600 ℃', wrong: ['200 ℃', '1000 ℃', '1500 ℃'] },
];

const lathModel: FactSource = (rng) => {
  const m = pick(rng, [32, 36, 40, 50, 63, 80]);
  const prefix = pick(rng, ['C61', 'CA61', 'CM61']);
  return { stem: `车床型号 ${prefix}${m} 中，数字 ${m} 表示床身上最大工件回转直径为`, right: `${m * 10} mm`, wrong: [`${m} mm`, `${m * 100} mm`, `${m * 5} mm`] };
};
const feedSpeed: FactSource = (rng) => {
  const f = pick(rng, [0.08, 0.1, 0.12, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5]);
  const n = pick(rng, [160, 200, 250, 320, 400, 500, 630, 800]);
  return { stem: `进给量为 ${f} mm/r、主轴转速为 ${n} r/min 时，车刀的进给速度为`, right: `${num(f * n, 1)} mm/min`, wrong: numericWrongs(f * n, ' mm/min', [2, 0.5, 10, 0.1], 1) };
};
const baseTime: FactSource = (rng) => {
  const l = between(rng, 8, 60) * 5;
  const f = pick(rng, [0.1, 0.2, 0.25, 0.3, 0.4, 0.5]);
  const n = pick(rng, [200, 250, 320, 400, 500]);
  const t = l / (f * n);
  return { stem: `车削长度为 ${l} mm 的外圆，进给量 ${f} mm/r，主轴转速 ${n} r/min，一次走刀的基本时间约为`, right: `${num(t, 2)} min`, wrong: numericWrongs(t, ' min', [2, 0.5, 10, 0.1], 2) };
};
const noseAngle: FactSource = (rng) => {
  const k = pick(rng, [45, 60, 75, 90, 93, 95]);
  const k2 = pick(rng, [5, 6, 8, 10, 12, 15, 30, 45]);
  const e = 180 - k - k2;
  return { stem: `车刀的主偏角为 ${k}°、副偏角为 ${k2}°，其刀尖角为`, right: `${e}°`, wrong: [`${180 - k}°`, `${90 - k2 > 0 ? 90 - k2 : 90 + k2}°`, `${k + k2}°`] };
};
const carbide: FactSource = (rng) => {
  const [grade, n, what] = pick(rng, [['YG3', 3, '钴'], ['YG6', 6, '钴'], ['YG8', 8, '钴'], ['YT5', 5, '碳化钛'], ['YT15', 15, '碳化钛'], ['YT30', 30, '碳化钛']] as const);
  const other = what === '钴' ? '碳化钛' : '钴';
  return { stem: `硬质合金牌号 ${grade} 中，数字 ${n} 表示`, right: `${what}的质量分数约为 ${n}%`, wrong: [`${other}的质量分数约为 ${n}%`, `硬度为 ${n} HRC`, `${what}的质量分数约为 ${100 - n}%`] };
};
const cuttingSpeed: FactSource = (rng) => {
  const d = between(rng, 4, 40) * 5;
  const n = pick(rng, [100, 125, 160, 200, 250, 320, 400, 500, 630, 800, 1000, 1250]);
  const v = (Math.PI * d * n) / 1000;
  return { stem: `车削直径为 ${d} mm 的外圆，主轴转速为 ${n} r/min，切削速度约为`, right: `${num(v, 1)} m/min`, wrong: numericWrongs(v, ' m/min', [2, 0.5, 1 / Math.PI, 10], 1) };
};
const spindle: FactSource = (rng) => {
  const d = between(rng, 4, 30) * 5;
  const v = pick(rng, [20, 30, 40, 60, 80, 90, 100, 120, 150]);
  const n = (1000 * v) / (Math.PI * d);
  return { stem: `用切削速度 ${v} m/min 车削直径 ${d} mm 的工件，主轴转速约为`, right: `${num(n, 0)} r/min`, wrong: numericWrongs(n, ' r/min', [2, 0.5, Math.PI, 1 / Math.PI], 0) };
};
const depth: FactSource = (rng) => {
  const dw = between(rng, 10, 60) * 2;
  const dm = dw - pick(rng, [1, 2, 3, 4, 5, 6]);
  return { stem: `工件直径由 ${dw} mm 一次车削至 ${dm} mm，背吃刀量为`, right: `${num((dw - dm) / 2, 1)} mm`, wrong: [`${dw - dm} mm`, `${num((dw - dm) / 4, 2)} mm`, `${(dw - dm) * 2} mm`] };
};
const PROCESS: Fact[] = [
  { stem: '粗车时选择切削用量，应首先选择尽可能大的', right: '背吃刀量', wrong: ['切削速度', '进给量', '主轴转速'] },
  { stem: '精车时为减小表面粗糙度值，一般应采用', right: '较小的进给量', wrong: ['较大的背吃刀量', '较大的进给量', '较低的刀具刃磨质量'] },
  { stem: '切削用量三要素是切削速度、进给量和', right: '背吃刀量', wrong: ['主轴转速', '切削力', '切削温度'] },
  { stem: '车削中使用切削液的主要作用是', right: '冷却和润滑', wrong: ['增加切削力', '提高工件硬度', '防止工件变形'] },
];

const SHAFT: Fact[] = [
  { stem: '车削细长轴时，为防止工件弯曲变形，常使用', right: '跟刀架或中心架', wrong: ['花盘', '四爪单动卡盘', '角铁'] },
  { stem: '三爪自定心卡盘装夹工件的特点是', right: '能自动定心、装夹方便', wrong: ['定心精度最高', '适合装夹不规则工件', '夹紧力最大'] },
  { stem: '两顶尖装夹车削轴类工件，需用', right: '鸡心夹头带动工件旋转', wrong: ['卡盘夹紧工件', '压板压紧工件', '尾座带动工件旋转'] },
  { stem: '车端面时，车刀刀尖应', right: '对准工件中心', wrong: ['高于工件中心', '低于工件中心', '位置任意'] },
];
const HOLE: Fact[] = [
  { stem: '在车床上钻孔前，一般应先', right: '车平端面', wrong: ['车外圆', '车螺纹', '攻丝'] },
  { stem: '麻花钻的顶角一般为', right: '118°', wrong: ['90°', '60°', '140°'] },
  { stem: '测量内孔直径可使用', right: '内径百分表', wrong: ['外径千分尺', '钢直尺', '螺纹规'] },
  { stem: '铰孔的主要目的是', right: '提高孔的尺寸精度和降低表面粗糙度', wrong: ['扩大孔的直径', '加工孔内螺纹', '改变孔的位置'] },
];
const GAUGES: Fact[] = [
  { stem: '常用外径千分尺的分度值为', right: '0.01 mm', wrong: ['0.02 mm', '0.1 mm', '0.001 mm'] },
  { stem: '常用游标卡尺的分度值有 0.1 mm、0.05 mm 和', right: '0.02 mm', wrong: ['0.01 mm', '0.2 mm', '0.005 mm'] },
  { stem: '百分表的分度值为', right: '0.01 mm', wrong: ['0.1 mm', '0.001 mm', '0.02 mm'] },
  { stem: '千分表的分度值为', right: '0.001 mm', wrong: ['0.01 mm', '0.1 mm', '0.002 mm'] },
];

const lead: FactSource = (rng) => {
  const n = between(rng, 2, 4);
  const p = pick(rng, [1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6]);
  return { stem: `螺距为 ${p} mm 的 ${['', '', '双', '三', '四'][n]}线螺纹，其导程为`, right: `${num(n * p, 2)} mm`, wrong: [`${p} mm`, `${num(p / n, 2)} mm`, `${num(n * p * 2, 2)} mm`] };
};
const pitchDiameter: FactSource = (rng) => {
  const [d, p] = pick(rng, [[10, 1.5], [12, 1.75], [16, 2], [20, 2.5], [24, 3], [30, 3.5], [36, 4], [20, 1.5], [24, 2], [30, 2], [16, 1.5], [42, 4.5]] as const);
  const d2 = d - 0.6495 * p;
  return { stem: `M${d}×${p} 普通外螺纹的中径约为`, right: `${num(d2, 3)} mm`, wrong: [`${num(d - 1.0825 * p, 3)} mm`, `${num(d - p, 3)} mm`, `${num(d - 0.5 * p, 3)} mm`] };
};
const taper: FactSource = (rng) => {
  const k = pick(rng, [5, 10, 12, 15, 20, 25, 30, 50]);
  const diff = pick(rng, [2, 3, 4, 5, 6, 8]);
  const d = between(rng, 15, 60);
  return { stem: `圆锥的大端直径为 ${d + diff} mm、小端直径为 ${d} mm、圆锥长度为 ${k * diff} mm，其锥度为`, right: `1:${k}`, wrong: [`1:${k * 2}`, `1:${num(k / 2, 1)}`, `${diff}:${k}`] };
};
const halfAngle: FactSource = (rng) => {
  const k = pick(rng, [5, 10, 12, 16, 20, 24, 30]);
  const a = (Math.atan(1 / (2 * k)) * 180) / Math.PI;
  return { stem: `车削锥度为 1:${k} 的外圆锥，用转动小滑板法时小滑板应转过的角度约为`, right: `${num(a, 2)}°`, wrong: [`${num(a * 2, 2)}°`, `${num(a / 2, 2)}°`, `${num((Math.atan(1 / k) * 180) / Math.PI * 2, 2)}°`] };
};
const THREAD: Fact[] = [
  { stem: '普通螺纹的牙型角为', right: '60°', wrong: ['55°', '30°', '40°'] },
  { stem: '梯形螺纹的牙型角为', right: '30°', wrong: ['60°', '55°', '29°'] },
  { stem: '车削螺纹时，车床的传动链由', right: '丝杠带动溜板箱', wrong: ['光杠带动溜板箱', '齿条带动刀架', '尾座带动刀架'] },
  { stem: '莫氏圆锥共有', right: '7 个号码', wrong: ['5 个号码', '10 个号码', '3 个号码'] },
];

/** The 车工 四级 bank. */
export const TURNER: DemoRange[] = [
  {
    code: 'A',
    name: '基本要求',
    cells: [
      ethicsCell(CODE, 2, 2),
      {
        code: 'B',
        name: '机械制图与公差配合',
        weight: 12,
        points: [
          { code: '001', name: '机械识图', importance: 'X', weight: 6, facts: [...pairTable((s) => `机械图样中，${s}用`, (a) => `机械图样中，${a}用于绘制`, LINES, 'line'), ...DRAWING] },
          { code: '002', name: '公差与配合', importance: 'X', weight: 6, facts: FITS, sources: [tolerance, maxSize] },
        ],
      },
      {
        code: 'C',
        name: '金属材料与热处理',
        weight: 5,
        points: [
          { code: '001', name: '常用金属材料', importance: 'Y', weight: 3, facts: pairTable((s) => `牌号 ${s} 的材料属于`, (a) => `${a}的牌号可以是`, MATERIALS, 'mat') },
          { code: '002', name: '钢的热处理', importance: 'Z', weight: 2, facts: pairTable((s) => `钢件${s}的主要目的是`, (a) => `为${a}，钢件应进行`, HEAT, 'heat') },
        ],
      },
      {
        code: 'D',
        name: '安全文明生产',
        weight: 4,
        points: [
          { code: '001', name: '车床安全操作', importance: 'Y', weight: 4, facts: [
            { stem: '车床开动前，应先检查各手柄位置并', right: '低速空运转', wrong: ['高速试切', '直接加工', '拆下防护罩'] },
            { stem: '车削时操作者应站在', right: '卡盘旋转方向的侧面', wrong: ['卡盘正前方', '尾座后方', '任意位置'] },
            { stem: '女工操作车床时必须', right: '戴工作帽并将长发盘入帽内', wrong: ['戴手套', '穿裙装', '披散头发'] },
            { stem: '车床电气设备发生故障时，应', right: '立即停车并请电工检修', wrong: ['自行拆修', '继续加工', '用湿手检查'] },
            { stem: '加工中发现车床有异常声音，应', right: '立即停车检查', wrong: ['继续加工至完成', '提高转速', '加注切削液'] },
            { stem: '变换车床主轴转速应在', right: '停车后进行', wrong: ['高速运转时进行', '切削过程中进行', '任意时刻进行'] },
            { stem: '工作结束后，车床各手柄应', right: '置于空挡位置并切断电源', wrong: ['保持在工作位置', '挂高速挡', '不必检查'] },
            { stem: '车削时飞溅的切屑容易伤人，操作者应', right: '戴防护眼镜', wrong: ['戴手套', '戴口罩', '不需防护'] },
            { stem: '搬运和装夹较重的工件时，应', right: '使用起重工具或请人协助', wrong: ['单人强行搬运', '用卡盘碰撞找正', '直接放在导轨上'] },
            { stem: '车床导轨面上', right: '不准放置工具和工件', wrong: ['可以放置量具', '可以放置工件', '可以敲击校正工件'] },
            { stem: '车床润滑的基本要求是', right: '按润滑图表定时、定点、定量加油', wrong: ['随意加油', '只在出故障时加油', '只加一次油'] },
            { stem: '发生人身事故时，应首先', right: '立即停车并切断电源', wrong: ['继续完成加工', '清理现场', '先写事故报告'] },
          ] },
        ],
      },
    ],
  },
  {
    code: 'B',
    name: '相关知识',
    cells: [
      {
        code: 'A',
        name: '车床与车刀',
        weight: 25,
        points: [
          { code: '001', name: '车床结构与传动', importance: 'X', weight: 8, facts: pairTable((s) => `卧式车床${s}的主要作用是`, (a) => `卧式车床上用于“${a}”的部件是`, LATHE, 'lathe'), sources: [lathModel, feedSpeed, baseTime] },
          { code: '002', name: '车刀几何角度', importance: 'X', weight: 9, facts: pairTable((s) => `车刀${s}的主要作用是`, (a) => `车刀几何角度中，主要作用为“${a}”的是`, ANGLES, 'angle'), sources: [noseAngle] },
          { code: '003', name: '刀具材料', importance: 'Y', weight: 8, facts: TOOLS, sources: [carbide, cuttingSpeed] },
        ],
      },
      {
        code: 'B',
        name: '切削用量与加工工艺',
        weight: 20,
        points: [
          { code: '001', name: '切削用量', importance: 'X', weight: 12, facts: PROCESS.slice(0, 3), sources: [cuttingSpeed, spindle, depth] },
          { code: '002', name: '工艺与切削液', importance: 'Y', weight: 8, facts: PROCESS.slice(3), sources: [depth] },
        ],
      },
      {
        code: 'C',
        name: '轴套类零件加工',
        weight: 15,
        points: [
          { code: '001', name: '外圆与台阶加工', importance: 'X', weight: 8, facts: SHAFT, sources: [cuttingSpeed] },
          { code: '002', name: '孔加工与测量', importance: 'Y', weight: 7, facts: [...HOLE, ...GAUGES], sources: [spindle] },
        ],
      },
      {
        code: 'D',
        name: '螺纹与圆锥加工',
        weight: 15,
        points: [
          { code: '001', name: '螺纹加工', importance: 'X', weight: 8, facts: THREAD.slice(0, 3), sources: [lead, pitchDiameter] },
          { code: '002', name: '圆锥加工', importance: 'X', weight: 7, facts: THREAD.slice(3), sources: [taper, halfAngle] },
        ],
      },
    ],
  },
];
