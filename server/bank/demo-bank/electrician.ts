/**
 * Demo bank of 电工 (6-31-01-03): a 细目表 after the national standard's structure (基本要求: 职业道德, 基础知识,
 * 安全; 相关知识: 继电控制, 电气设备与仪表, 自动控制, 电子电路). Numeric items are computed from their
 * parameters, so every key is right.
 */
import { between, num, numericWrongs, pairTable, pick, tableFacts, type DemoRange, type Fact, type FactSource, type MultiSource } from './content';
import { ethicsCell } from './ethics';

const CODE: Fact[] = [
  { stem: '电工作业人员上岗必须持有', right: '特种作业操作证', wrong: ['机动车驾驶证', '学历证书', '工作证'] },
  { stem: '电工在检修线路前，必须先', right: '停电、验电、装设接地线', wrong: ['直接带电作业', '凭经验判断有无电', '请他人代为操作'] },
  { stem: '文明生产要求工作结束后做到', right: '工完、料净、场地清', wrong: ['工具随手放置', '剩余材料留在现场', '只清点自己的工具'] },
  { stem: '电工执行停电检修时，应在断开的开关操作把手上悬挂', right: '“禁止合闸，有人工作”标示牌', wrong: ['“在此工作”标示牌', '“止步，高压危险”标示牌', '“从此上下”标示牌'] },
  { stem: '节约用电的基本措施之一是', right: '提高设备的功率因数', wrong: ['增大线路电流', '让电动机长期空载运行', '使用大功率白炽灯照明'] },
  { stem: '电工对发现的设备隐患应当', right: '及时报告并按规定处理', wrong: ['自行隐瞒', '等设备损坏后再处理', '交给非电工处理'] },
  { stem: '电工工作中遵守劳动纪律的表现是', right: '按规定穿戴劳动防护用品', wrong: ['穿拖鞋进入配电室', '酒后上岗', '随意离开工作岗位'] },
];

// ── A-B 电工基础知识 ─────────────────────────────────────────────
const ohm: FactSource = (rng) => {
  const r = pick(rng, [2, 4, 5, 8, 10, 20, 22, 40, 50, 100, 110, 220]);
  const u = pick(rng, [6, 12, 24, 36, 48, 110, 220]);
  return { stem: `在电阻为 ${r} Ω 的电阻两端加 ${u} V 电压，流过电阻的电流为`, right: `${num(u / r)} A`, wrong: numericWrongs(u / r, ' A', [2, 0.5, 10, 0.1]) };
};
const series: FactSource = (rng) => {
  const a = between(rng, 2, 60);
  const b = between(rng, 2, 60);
  return { stem: `阻值为 ${a} Ω 和 ${b} Ω 的两只电阻串联，其等效电阻为`, right: `${a + b} Ω`, wrong: [`${num((a * b) / (a + b))} Ω`, `${Math.abs(a - b) || a * 2} Ω`, `${a * b} Ω`] };
};
const parallel: FactSource = (rng) => {
  const a = pick(rng, [3, 4, 6, 10, 12, 15, 20, 30, 60]);
  const b = pick(rng, [6, 12, 20, 30, 60, 90]);
  return { stem: `阻值为 ${a} Ω 和 ${b} Ω 的两只电阻并联，其等效电阻为`, right: `${num((a * b) / (a + b))} Ω`, wrong: [`${a + b} Ω`, `${num((a + b) / 2)} Ω`, `${num((a * b) / (a + b) / 2)} Ω`] };
};
const power: FactSource = (rng) => {
  const p = pick(rng, [40, 60, 100, 200, 500, 800, 1000, 1500, 2000]);
  const h = between(rng, 2, 12);
  return { stem: `一只 ${p} W 的用电器正常工作 ${h} h，消耗的电能为`, right: `${num((p * h) / 1000)} kW·h`, wrong: numericWrongs((p * h) / 1000, ' kW·h', [10, 0.1, 2, 0.5]) };
};
const lampCurrent: FactSource = (rng) => {
  const p = pick(rng, [22, 44, 66, 110, 220, 440, 660, 880, 1100, 2200]);
  return { stem: `额定电压 220 V、额定功率 ${p} W 的电阻性负载，正常工作时的电流为`, right: `${num(p / 220)} A`, wrong: numericWrongs(p / 220, ' A', [2, 0.5, 1.414, 10]) };
};
const peak: FactSource = (rng) => {
  const u = pick(rng, [10, 20, 36, 50, 100, 110, 220, 380]);
  return { stem: `有效值为 ${u} V 的正弦交流电压，其最大值约为`, right: `${num(u * Math.SQRT2, 1)} V`, wrong: [`${u} V`, `${num(u / Math.SQRT2, 1)} V`, `${num(u * 1.732, 1)} V`] };
};
const period: FactSource = (rng) => {
  const f = pick(rng, [25, 40, 50, 60, 100, 200, 400, 500, 1000]);
  return { stem: `频率为 ${f} Hz 的正弦交流电，其周期为`, right: `${num(1000 / f, 2)} ms`, wrong: numericWrongs(1000 / f, ' ms', [2, 0.5, 10, 3.14]) };
};
const lineVoltage: FactSource = (rng) => {
  const u = pick(rng, [127, 220, 230, 240, 380, 400, 660]);
  return { stem: `三相对称电源星形联结，相电压为 ${u} V，则线电压约为`, right: `${num(u * 1.732, 0)} V`, wrong: [`${u} V`, `${num(u / 1.732, 0)} V`, `${num(u * 3, 0)} V`] };
};
const activePower: FactSource = (rng) => {
  const u = 220;
  const i = pick(rng, [2, 4, 5, 8, 10, 15, 20]);
  const pf = pick(rng, [0.5, 0.6, 0.7, 0.8, 0.85, 0.9]);
  return { stem: `单相交流电路电压 ${u} V、电流 ${i} A、功率因数 ${pf}，其有功功率为`, right: `${num(u * i * pf, 1)} W`, wrong: [`${u * i} W`, `${num(u * i * (1 - pf), 1)} W`, `${num(u * i * pf * 1.732, 1)} W`] };
};
const transformer: FactSource = (rng) => {
  const u1 = pick(rng, [220, 380, 6000, 10000]);
  const k = pick(rng, [2, 5, 10, 11, 20, 25, 50]);
  const n2 = pick(rng, [50, 100, 120, 200, 400]);
  return { stem: `单相变压器一次绕组 ${n2 * k} 匝、二次绕组 ${n2} 匝，一次电压 ${u1} V，空载时二次电压为`, right: `${num(u1 / k, 1)} V`, wrong: [`${num(u1 * k, 1)} V`, `${num(u1 / k / 2, 1)} V`, `${num(u1 / k * 1.732, 1)} V`] };
};

// ── A-C 安全 ─────────────────────────────────────────────
const SAFETY: Fact[] = [
  { stem: '我国规定的安全电压额定值的等级为 42 V、36 V、24 V、12 V 和', right: '6 V', wrong: ['3 V', '9 V', '1.5 V'] },
  { stem: '在潮湿或金属容器内工作时，手提照明灯应采用的安全电压为', right: '12 V', wrong: ['36 V', '42 V', '110 V'] },
  { stem: '用于直接接触电击防护的剩余电流动作保护器，其额定剩余动作电流不应大于', right: '30 mA', wrong: ['100 mA', '300 mA', '500 mA'] },
  { stem: '低压配电系统中，保护接地的接地电阻一般不应大于', right: '4 Ω', wrong: ['10 Ω', '30 Ω', '100 Ω'] },
  { stem: '发现有人触电，首先应当', right: '使触电者迅速脱离电源', wrong: ['立即打电话报告领导', '用手直接拉开触电者', '等待医务人员到来'] },
  { stem: '对心跳呼吸骤停的触电者进行胸外心脏按压，按压频率应为每分钟', right: '100～120 次', wrong: ['60～80 次', '40～60 次', '150～180 次'] },
  { stem: '扑救带电的电气设备火灾，不能使用', right: '泡沫灭火器', wrong: ['二氧化碳灭火器', '干粉灭火器', '六氟丙烷灭火器'] },
  { stem: '验电前应先在有电设备上进行试验，目的是', right: '确认验电器良好', wrong: ['使设备放电', '检查设备绝缘', '测量设备电压'] },
  { stem: '装设接地线时，正确的顺序是', right: '先接接地端，后接导体端', wrong: ['先接导体端，后接接地端', '两端同时连接', '顺序没有要求'] },
  { stem: '电气设备的金属外壳与接地装置作良好的电气连接，称为', right: '保护接地', wrong: ['工作接地', '重复接地', '防雷接地'] },
  { stem: '在三相四线制中性点直接接地系统中，将设备金属外壳与保护零线相连，称为', right: '保护接零', wrong: ['保护接地', '工作接地', '重复接地'] },
];
const bodyCurrent: FactSource = (rng) => {
  const r = pick(rng, [1000, 1200, 1500, 1700, 2000]);
  const u = pick(rng, [12, 24, 36, 50, 110, 220]);
  return { stem: `人体电阻按 ${r} Ω 计算，人体接触 ${u} V 电压时，流过人体的电流约为`, right: `${num((u / r) * 1000, 1)} mA`, wrong: numericWrongs((u / r) * 1000, ' mA', [10, 0.1, 2, 0.5], 1) };
};

// ── B-A 继电控制 ─────────────────────────────────────────────
const SYMBOLS = [
  ['熔断器', 'FU'],
  ['热继电器', 'FR'],
  ['交流接触器', 'KM'],
  ['时间继电器', 'KT'],
  ['中间继电器', 'KA'],
  ['按钮', 'SB'],
  ['行程开关', 'SQ'],
  ['低压断路器', 'QF'],
  ['速度继电器', 'KS'],
  ['指示灯', 'HL'],
  ['电磁铁', 'YA'],
] as const;
const FUNCTIONS = [
  ['熔断器', '短路保护'],
  ['热继电器', '过载保护'],
  ['交流接触器', '频繁接通和分断主电路'],
  ['时间继电器', '按时间原则控制电路'],
  ['中间继电器', '增加触点的数量和容量'],
  ['行程开关', '按运动部件的位置控制电路'],
  ['速度继电器', '反接制动时的转速检测'],
  ['电压继电器', '欠电压或过电压保护'],
] as const;
const CONTROL: Fact[] = [
  { stem: '电动机正反转控制线路中，为防止两只接触器同时吸合造成电源短路，必须设置', right: '联锁保护', wrong: ['自锁环节', '过载保护', '欠压保护'] },
  { stem: '接触器自锁控制线路中，自锁触点应与起动按钮', right: '并联', wrong: ['串联', '混联', '无关联'] },
  { stem: '星形—三角形降压起动时，电动机的起动电流为直接起动时的', right: '1/3', wrong: ['1/√3', '1/2', '√3 倍'] },
  { stem: '能耗制动是在电动机切断交流电源后，向定子绕组通入', right: '直流电', wrong: ['三相交流电', '单相交流电', '高频交流电'] },
  { stem: '三相异步电动机的反转是通过改变', right: '任意两相电源相序', wrong: ['电源电压', '电源频率', '磁极对数'] },
  { stem: '具有过载保护的接触器自锁控制线路中，实现欠压和失压保护的电器是', right: '接触器', wrong: ['熔断器', '热继电器', '按钮'] },
  { stem: '多地控制线路中，各地的起动按钮应', right: '并联', wrong: ['串联', '混联', '任意连接'] },
  { stem: '顺序控制线路中，要求 M1 起动后 M2 才能起动，应将 KM1 的常开触点', right: '串联在 KM2 线圈回路中', wrong: ['并联在 KM2 线圈两端', '串联在 KM1 线圈回路中', '并联在停止按钮两端'] },
];
const starDelta: FactSource = (rng) => {
  const i = between(rng, 30, 400);
  return { stem: `一台电动机直接起动电流为 ${i} A，采用星形—三角形降压起动时，起动电流约为`, right: `${num(i / 3, 1)} A`, wrong: [`${num(i / 1.732, 1)} A`, `${num(i / 2, 1)} A`, `${num(i * 1.732, 1)} A`] };
};
const thermalSetting: FactSource = (rng) => {
  const i = between(rng, 20, 300) / 10;
  return { stem: `额定电流为 ${num(i, 1)} A 的电动机，热继电器的整定电流一般应调整为约`, right: `${num(i, 1)} A`, wrong: [`${num(i * 1.5, 1)} A`, `${num(i * 2.5, 1)} A`, `${num(i * 0.5, 1)} A`] };
};
const MOTOR: Fact[] = [
  { stem: '三相异步电动机的同步转速公式为', right: 'n₁ = 60f/p', wrong: ['n₁ = 60p/f', 'n₁ = f/(60p)', 'n₁ = 120pf'] },
  { stem: '三相异步电动机的转子转速总是', right: '略低于同步转速', wrong: ['等于同步转速', '高于同步转速', '与同步转速无关'] },
  { stem: '三相异步电动机定子绕组的作用是', right: '通入三相交流电产生旋转磁场', wrong: ['产生恒定磁场', '输出机械转矩', '切断电源'] },
  { stem: '电动机铭牌上的额定功率是指电动机在额定状态下', right: '轴上输出的机械功率', wrong: ['输入的电功率', '定子绕组的损耗', '视在功率'] },
];
const syncSpeed: FactSource = (rng) => {
  const p = between(rng, 1, 6);
  const f = pick(rng, [50, 60]);
  return { stem: `磁极对数 p = ${p} 的三相异步电动机接在 ${f} Hz 电源上，其同步转速为`, right: `${(60 * f) / p} r/min`, wrong: [`${(120 * f) / p} r/min`, `${num((30 * f) / p, 0)} r/min`, `${60 * f * p} r/min`] };
};
const slip: FactSource = (rng) => {
  const p = between(rng, 1, 4);
  const n1 = 3000 / p;
  const n = n1 - between(rng, 2, 6) * (n1 / 100);
  const s = (n1 - n) / n1;
  return { stem: `一台 ${2 * p} 极三相异步电动机接在 50 Hz 电源上，额定转速为 ${num(n, 0)} r/min，其额定转差率为`, right: `${num(s * 100, 1)}%`, wrong: [`${num(s * 200, 1)}%`, `${num(s * 50, 1)}%`, `${num(100 - s * 100, 1)}%`] };
};
const ratedCurrent: FactSource = (rng) => {
  const p = pick(rng, [1.1, 1.5, 2.2, 3, 4, 5.5, 7.5, 11, 15, 18.5, 22, 30]);
  const pf = pick(rng, [0.8, 0.82, 0.85, 0.86, 0.88]);
  const eta = pick(rng, [0.85, 0.87, 0.88, 0.9]);
  const i = (p * 1000) / (1.732 * 380 * pf * eta);
  return { stem: `一台额定功率 ${p} kW、额定电压 380 V、功率因数 ${pf}、效率 ${eta} 的三相异步电动机，其额定电流约为`, right: `${num(i, 1)} A`, wrong: numericWrongs(i, ' A', [1.732, 0.5, 2, 3], 1) };
};
const torque: FactSource = (rng) => {
  const p = pick(rng, [3, 4, 5.5, 7.5, 11, 15, 22]);
  const n = pick(rng, [960, 1440, 1460, 2880, 970, 730]);
  const t = (9550 * p) / n;
  return { stem: `额定功率 ${p} kW、额定转速 ${n} r/min 的电动机，其额定转矩约为`, right: `${num(t, 1)} N·m`, wrong: numericWrongs(t, ' N·m', [2, 0.5, 1.732, 10], 1) };
};

// ── B-B 电气设备与仪表 ─────────────────────────────────────────────
const METERS = [
  ['测量电气设备的绝缘电阻', '兆欧表'],
  ['不断开电路测量交流电流', '钳形电流表'],
  ['测量电路的有功电能', '电能表'],
  ['测量电动机的转速', '转速表'],
  ['测量接地装置的接地电阻', '接地电阻测试仪'],
  ['观察电信号的波形', '示波器'],
] as const;
const METER_FACTS: Fact[] = [
  { stem: '测量电流时，电流表应与被测电路', right: '串联', wrong: ['并联', '混联', '任意连接'] },
  { stem: '测量电压时，电压表应与被测电路', right: '并联', wrong: ['串联', '混联', '任意连接'] },
  { stem: '测量额定电压 500 V 以下设备的绝缘电阻，应选用', right: '500 V 兆欧表', wrong: ['2500 V 兆欧表', '万用表电阻挡', '钳形电流表'] },
  { stem: '用万用表测量电阻前，必须', right: '断开被测电路的电源', wrong: ['使被测电路带电', '先选电压挡', '将表笔短接后不调零'] },
  { stem: '万用表使用完毕，转换开关应置于', right: '交流电压最高挡或 OFF 挡', wrong: ['电阻最高挡', '直流电流最小挡', '任意挡位'] },
];
const shunt: FactSource = (rng) => {
  const rg = pick(rng, [100, 200, 500, 1000]);
  const ig = pick(rng, [1, 2, 5]);
  const i = pick(rng, [10, 20, 50, 100]);
  const rs = (rg * ig) / (i - ig);
  return { stem: `内阻为 ${rg} Ω、满偏电流为 ${ig} mA 的表头，要改装成量程 ${i} mA 的电流表，应并联的分流电阻约为`, right: `${num(rs, 2)} Ω`, wrong: numericWrongs(rs, ' Ω', [2, 0.5, 10, 3], 2) };
};
const meterReading: FactSource = (rng) => {
  const a = between(rng, 1000, 8000) + between(rng, 0, 9) / 10;
  const d = between(rng, 50, 900);
  return { stem: `电能表上月读数为 ${num(a, 1)} kW·h，本月读数为 ${num(a + d, 1)} kW·h，本月用电量为`, right: `${d} kW·h`, wrong: [`${num(a + d, 1)} kW·h`, `${d * 10} kW·h`, `${num(d / 10, 1)} kW·h`] };
};
const EQUIPMENT: Fact[] = [
  { stem: '变压器油的主要作用是', right: '绝缘和散热', wrong: ['润滑和防锈', '导电和储能', '灭弧和降压'] },
  { stem: '电流互感器运行时，其二次侧严禁', right: '开路', wrong: ['短路', '接地', '接电流表'] },
  { stem: '电压互感器运行时，其二次侧严禁', right: '短路', wrong: ['开路', '接地', '接电压表'] },
  { stem: '三相异步电动机绕组受潮后，应先', right: '进行干燥处理', wrong: ['直接通电运行', '更换全部绕组', '提高电源电压'] },
];
const LIGHTING: Fact[] = [
  { stem: '照明线路中，开关应控制', right: '相线', wrong: ['中性线', '保护线', '接地线'] },
  { stem: '螺口灯头的螺纹部分应接', right: '中性线', wrong: ['相线', '保护线', '控制线'] },
  { stem: '两只双控开关控制一盏灯，可实现', right: '两地控制一盏灯', wrong: ['一地控制两盏灯', '调节灯的亮度', '定时开关灯'] },
];
const lightingEnergy: FactSource = (rng) => {
  const n = between(rng, 2, 30);
  const p = pick(rng, [9, 12, 18, 36, 40, 60]);
  const h = between(rng, 3, 10);
  return { stem: `某车间装有 ${n} 盏 ${p} W 的灯，每天使用 ${h} h，每天耗电量为`, right: `${num((n * p * h) / 1000, 2)} kW·h`, wrong: numericWrongs((n * p * h) / 1000, ' kW·h', [10, 0.1, 2, 0.5], 2) };
};

// ── B-C 自动控制 ─────────────────────────────────────────────
const PLC_INSTR = [
  ['LD', '常开触点与母线连接（取）'],
  ['LDI', '常闭触点与母线连接（取反）'],
  ['AND', '常开触点串联（与）'],
  ['ANI', '常闭触点串联（与非）'],
  ['OR', '常开触点并联（或）'],
  ['ORI', '常闭触点并联（或非）'],
  ['OUT', '线圈驱动（输出）'],
  ['SET', '置位并保持'],
  ['RST', '复位'],
  ['MPS', '进栈'],
  ['MPP', '出栈'],
  ['END', '程序结束'],
] as const;
const PLC_FACTS: Fact[] = [
  { stem: 'PLC 的工作方式是', right: '循环扫描', wrong: ['中断处理', '一次执行', '随机执行'] },
  { stem: 'PLC 一个扫描周期的主要阶段依次是', right: '输入采样、程序执行、输出刷新', wrong: ['程序执行、输入采样、输出刷新', '输出刷新、输入采样、程序执行', '输入采样、输出刷新、程序执行'] },
  { stem: '在梯形图中，同一编号的输出线圈一般', right: '只能使用一次', wrong: ['可以使用多次', '必须使用两次', '不能使用'] },
];
const plcTimer: FactSource = (rng) => {
  const k = pick(rng, [10, 20, 30, 50, 100, 150, 200, 300, 500, 600, 1200]);
  const t = pick(rng, [0, 1, 2, 5, 10, 50, 100, 199]);
  return { stem: `FX 系列 PLC 中 100 ms 定时器 T${t} 的设定值为 K${k} 时，其定时时间为`, right: `${num(k * 0.1, 1)} s`, wrong: [`${num(k * 0.01, 2)} s`, `${k} s`, `${num(k * 0.001, 3)} s`] };
};
const VFD: Fact[] = [
  { stem: '通用变频器主电路的组成是', right: '整流电路、中间直流环节和逆变电路', wrong: ['整流电路和滤波电路', '放大电路和反馈电路', '振荡电路和逆变电路'] },
  { stem: '变频器在基频以下调速时，为保持磁通恒定，应使', right: '电压与频率之比基本不变', wrong: ['电压不变', '电流不变', '功率不变'] },
  { stem: '变频器的输出端 U、V、W 应连接', right: '电动机', wrong: ['三相电源', '制动电阻', '控制按钮'] },
];
const vfdSpeed: FactSource = (rng) => {
  const f = between(rng, 5, 50);
  const p = between(rng, 1, 4);
  return { stem: `变频器输出频率为 ${f} Hz，驱动 ${2 * p} 极三相异步电动机，不计转差时电动机的转速为`, right: `${num((60 * f) / p, 0)} r/min`, wrong: [`${num((120 * f) / p, 0)} r/min`, `${num((30 * f) / p, 0)} r/min`, `${60 * f * p} r/min`] };
};
const SENSORS = [
  ['检测金属物体的接近', '电感式接近开关'],
  ['检测温度', '热电偶'],
  ['检测转角或位移', '光电编码器'],
  ['检测非金属物体的接近', '电容式接近开关'],
  ['检测压力', '压力变送器'],
] as const;

// ── B-D 电子电路 ─────────────────────────────────────────────
const ELECTRONICS: Fact[] = [
  { stem: '二极管最主要的特性是', right: '单向导电性', wrong: ['放大作用', '储能作用', '稳压作用'] },
  { stem: '稳压二极管正常工作时处于', right: '反向击穿区', wrong: ['正向导通区', '反向截止区', '死区'] },
  { stem: '三极管工作在放大状态时，发射结和集电结的偏置是', right: '发射结正偏、集电结反偏', wrong: ['发射结反偏、集电结正偏', '两结都正偏', '两结都反偏'] },
  { stem: '晶闸管导通的条件是阳极加正向电压且', right: '门极加适当的正向触发电压', wrong: ['门极加反向电压', '阴极加正向电压', '阳极电流为零'] },
  { stem: '晶闸管导通后，要使其关断，应使阳极电流', right: '小于维持电流', wrong: ['大于维持电流', '等于擎住电流', '保持不变'] },
];
const rectifier: FactSource = (rng) => {
  const u2 = pick(rng, [10, 12, 15, 18, 20, 24, 30, 36, 50, 100]);
  const kind = pick(rng, [
    ['单相半波整流', 0.45],
    ['单相桥式整流', 0.9],
    ['单相桥式整流电容滤波', 1.2],
  ] as const);
  const v = u2 * kind[1];
  return { stem: `变压器二次电压有效值为 ${u2} V，${kind[0]}电路输出电压的平均值约为`, right: `${num(v, 1)} V`, wrong: [0.45, 0.9, 1.2, 1.414].filter((k) => k !== kind[1]).slice(0, 3).map((k) => `${num(u2 * k, 1)} V`) };
};
const beta: FactSource = (rng) => {
  const b = pick(rng, [40, 50, 60, 80, 100, 120, 150]);
  const ib = pick(rng, [10, 20, 25, 30, 40, 50]);
  return { stem: `三极管的电流放大系数 β = ${b}，基极电流为 ${ib} μA，则集电极电流约为`, right: `${num((b * ib) / 1000, 2)} mA`, wrong: numericWrongs((b * ib) / 1000, ' mA', [10, 0.1, 2, 0.5], 2) };
};

// ── 多选题（三级） ─────────────────────────────────────────────
const seriesMulti: MultiSource = (rng) => {
  const a = between(rng, 2, 30);
  let b = between(rng, 2, 30);
  if (b === a) b += 5;
  const u = pick(rng, [6, 12, 24, 36]);
  return {
    stem: `阻值为 ${a} Ω 和 ${b} Ω 的两只电阻串联后接在 ${u} V 电源上，下列说法正确的有`,
    rights: [`等效电阻为 ${a + b} Ω`, `电路电流为 ${num(u / (a + b))} A`, '流过两只电阻的电流相等'],
    wrongs: [`等效电阻为 ${num((a * b) / (a + b))} Ω`, '两只电阻两端的电压相等', `电路电流为 ${num(u / a)} A`],
  };
};
const motorMulti: MultiSource = (rng) => {
  const p = between(rng, 1, 4);
  const f = pick(rng, [50, 60]);
  return {
    stem: `一台 ${2 * p} 极三相异步电动机接在 ${f} Hz 电源上运行，下列说法正确的有`,
    rights: [`同步转速为 ${(60 * f) / p} r/min`, `额定转速略低于 ${(60 * f) / p} r/min`, '对调任意两相电源线可使其反转'],
    wrongs: [`同步转速为 ${(120 * f) / p} r/min`, '额定转速高于同步转速', '改变电源电压可改变同步转速'],
  };
};
const rectifierMulti: MultiSource = (rng) => {
  const u2 = pick(rng, [10, 12, 15, 20, 24, 36]);
  return {
    stem: `变压器二次电压有效值为 ${u2} V 的单相桥式整流电路，下列说法正确的有`,
    rights: [`输出电压平均值约为 ${num(0.9 * u2, 1)} V`, '电路使用四只整流二极管', `每只二极管承受的最高反向电压约为 ${num(1.414 * u2, 1)} V`],
    wrongs: [`输出电压平均值约为 ${num(0.45 * u2, 1)} V`, '电路只使用一只整流二极管', `每只二极管承受的最高反向电压约为 ${num(2.828 * u2, 1)} V`],
  };
};

const transformerMulti: MultiSource = (rng) => {
  const k = pick(rng, [2, 5, 10, 20, 25]);
  const u1 = pick(rng, [220, 380, 1000, 6000, 10000]);
  const n2 = pick(rng, [50, 100, 200]);
  return {
    stem: `单相变压器一次绕组 ${n2 * k} 匝、二次绕组 ${n2} 匝，一次侧接 ${u1} V 电源，下列说法正确的有`,
    rights: [`变压比为 ${k}`, `空载时二次电压约为 ${num(u1 / k, 1)} V`, '一次电流约为二次电流的 1/' + k],
    wrongs: [`空载时二次电压约为 ${num(u1 * k, 1)} V`, '变压器可以改变交流电的频率', '变压器可以变换直流电压'],
  };
};
const energyMulti: MultiSource = (rng) => {
  const p = pick(rng, [100, 200, 500, 1000, 1500, 2000]);
  const h = between(rng, 2, 10);
  return {
    stem: `一台额定电压 220 V、额定功率 ${p} W 的电热器正常工作 ${h} h，下列说法正确的有`,
    rights: [`消耗电能 ${num((p * h) / 1000, 2)} kW·h`, `工作电流约为 ${num(p / 220, 2)} A`],
    wrongs: [`消耗电能 ${num(p * h, 0)} kW·h`, `工作电流约为 ${num((p / 220) * 1.732, 2)} A`, '电热器属于感性负载'],
  };
};
const timerMulti: MultiSource = (rng) => {
  const k = pick(rng, [20, 30, 50, 100, 150, 300]);
  return {
    stem: `FX 系列 PLC 中 100 ms 定时器 T0 的设定值为 K${k}，下列说法正确的有`,
    rights: [`定时时间为 ${num(k * 0.1, 1)} s`, '驱动输入断开时定时器复位', '定时时间到，其常开触点闭合'],
    wrongs: [`定时时间为 ${k} s`, '定时器断电后当前值保持', '定时时间到，其常开触点断开'],
  };
};

/** The 电工 bank's tree and material. Level 3 uses the same tree; its spec adds 多选题. */
export const ELECTRICIAN: DemoRange[] = [
  {
    code: 'A',
    name: '基本要求',
    cells: [
      ethicsCell(CODE, 2, 2),
      {
        code: 'B',
        name: '电工基础知识',
        weight: 14,
        points: [
          { code: '001', name: '直流电路', importance: 'X', weight: 5, sources: [ohm, series, parallel, power], multi: [seriesMulti] },
          { code: '002', name: '交流电路', importance: 'X', weight: 5, sources: [lampCurrent, peak, period, lineVoltage, activePower] },
          { code: '003', name: '电磁感应与变压器原理', importance: 'Y', weight: 4, sources: [transformer], facts: [
            { stem: '变压器是利用', right: '电磁感应原理工作的', wrong: ['电流热效应工作的', '静电感应原理工作的', '电流化学效应工作的'] },
            { stem: '判断通电直导体周围磁场方向用', right: '右手螺旋定则', wrong: ['左手定则', '右手定则', '楞次定律'] },
            { stem: '判断通电导体在磁场中受力方向用', right: '左手定则', wrong: ['右手定则', '右手螺旋定则', '欧姆定律'] },
          ] },
        ],
      },
      {
        code: 'C',
        name: '安全文明生产与环境保护',
        weight: 7,
        points: [
          { code: '001', name: '安全用电', importance: 'X', weight: 4, facts: SAFETY.slice(0, 6), sources: [bodyCurrent], multi: [
            { stem: '下列属于防止直接接触电击的措施有', rights: ['绝缘', '屏护', '保持安全距离'], wrongs: ['提高电源电压', '增大负载电流'] },
          ] },
          { code: '002', name: '电气消防与触电急救', importance: 'Y', weight: 3, facts: SAFETY.slice(6), multi: [
            { stem: '扑救带电电气设备火灾，可以使用的灭火器有', rights: ['二氧化碳灭火器', '干粉灭火器', '六氟丙烷灭火器'], wrongs: ['泡沫灭火器', '清水灭火器'] },
            { stem: '使触电者脱离低压电源的正确方法有', rights: ['拉开电源开关', '用绝缘工具切断电源线', '用干燥木棒挑开电线'], wrongs: ['用手直接拉触电者', '用潮湿的木棒挑开电线'] },
            { stem: '电气设备停电检修的技术措施有', rights: ['停电', '验电', '装设接地线', '悬挂标示牌和装设遮栏'], wrongs: ['带电拆除导线', '口头通知后即开始工作'] },
            { stem: '心肺复苏的主要步骤包括', rights: ['胸外心脏按压', '开放气道', '人工呼吸'], wrongs: ['给触电者喂水', '立即搬动触电者回家'] },
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
        name: '继电控制电路装调维修',
        weight: 30,
        points: [
          {
            code: '001',
            name: '常用低压电器',
            importance: 'X',
            weight: 10,
            facts: [
              ...pairTable((s) => `电气原理图中，${s}的文字符号为`, (a) => `电气原理图中，文字符号 ${a} 表示`, SYMBOLS, 'sym'),
              ...tableFacts((s) => `在电气控制线路中，${s}的主要作用是`, FUNCTIONS, 'fn'),
            ],
            multi: [
              { stem: '下列低压电器中，属于保护电器的有', rights: ['熔断器', '热继电器', '低压断路器'], wrongs: ['按钮', '行程开关', '指示灯'] },
              { stem: '交流接触器的组成部分有', rights: ['电磁系统', '触点系统', '灭弧装置'], wrongs: ['整流电路', '储能电容'] },
            ],
          },
          { code: '002', name: '电动机基本控制线路', importance: 'X', weight: 12, facts: CONTROL, sources: [starDelta, thermalSetting], multi: [
            { stem: '接触器自锁控制线路具有的保护功能有', rights: ['欠压保护', '失压保护'], wrongs: ['漏电保护', '防雷保护', '缺相检测'] },
          ] },
          { code: '003', name: '三相异步电动机', importance: 'Y', weight: 8, facts: MOTOR, sources: [syncSpeed, slip, ratedCurrent, torque], multi: [motorMulti] },
        ],
      },
      {
        code: 'B',
        name: '电气设备装调维修',
        weight: 20,
        points: [
          { code: '001', name: '常用电工仪表', importance: 'X', weight: 10, facts: [...tableFacts((s) => `${s}应使用`, METERS), ...METER_FACTS], sources: [shunt, meterReading], multi: [
            { stem: '使用兆欧表测量绝缘电阻时，正确的做法有', rights: ['测量前被测设备必须停电', '测量前对被测设备放电', '按被测设备电压等级选用兆欧表'], wrongs: ['带电测量', '用万用表代替兆欧表'] },
          ] },
          { code: '002', name: '变压器与电机维修', importance: 'Y', weight: 6, facts: EQUIPMENT, sources: [transformer], multi: [transformerMulti] },
          { code: '003', name: '照明与室内线路', importance: 'Z', weight: 4, facts: LIGHTING, sources: [lightingEnergy], multi: [energyMulti] },
        ],
      },
      {
        code: 'C',
        name: '自动控制电路装调维修',
        weight: 15,
        points: [
          { code: '001', name: '可编程控制器', importance: 'X', weight: 8, facts: [...pairTable((s) => `FX 系列 PLC 指令 ${s} 的功能是`, (a) => `FX 系列 PLC 中，功能为“${a}”的指令是`, PLC_INSTR, 'plc'), ...PLC_FACTS], sources: [plcTimer], multi: [
            { stem: 'PLC 常用的编程语言有', rights: ['梯形图', '指令表', '顺序功能图'], wrongs: ['电气接线图', '机械装配图'] },
            timerMulti,
          ] },
          { code: '002', name: '变频器', importance: 'Y', weight: 4, facts: VFD, sources: [vfdSpeed], multi: [
            { stem: '变频器常用的控制方式有', rights: ['V/f 控制', '矢量控制', '直接转矩控制'], wrongs: ['星—三角控制', '转子串电阻控制'] },
          ] },
          { code: '003', name: '传感器', importance: 'Z', weight: 3, facts: tableFacts((s) => `${s}，可选用`, SENSORS) },
        ],
      },
      {
        code: 'D',
        name: '应用电子电路装调维修',
        weight: 10,
        points: [
          { code: '001', name: '二极管与整流电路', importance: 'Y', weight: 5, facts: ELECTRONICS.slice(0, 2), sources: [rectifier], multi: [rectifierMulti] },
          { code: '002', name: '三极管放大电路', importance: 'Z', weight: 3, facts: ELECTRONICS.slice(2, 3), sources: [beta] },
          { code: '003', name: '晶闸管电路', importance: 'Z', weight: 2, facts: ELECTRONICS.slice(3) },
        ],
      },
    ],
  },
];
