/**
 * Demo bank of 养老护理员 (4-10-01-05) 四级: 基本要求 (职业道德, 基础知识, 护理基础) and 相关知识 (生活照护,
 * 基础照护, 康复服务). Readings of vital signs, BMI and walking aids are generated with their classification.
 */
import { between, num, numericWrongs, pairTable, pick, type DemoRange, type Fact, type FactSource } from './content';
import { ethicsCell } from './ethics';

const CODE: Fact[] = [
  { stem: '养老护理员职业守则的首要内容是', right: '尊老敬老、以人为本', wrong: ['追求经济效益', '服从家属一切要求', '按个人习惯服务'] },
  { stem: '养老护理员对老年人的个人隐私应当', right: '严格保密', wrong: ['告诉其他老人', '在工作群中讨论', '随意告诉来访者'] },
  { stem: '养老护理员收到老年人家属赠送的财物时，应当', right: '婉言谢绝', wrong: ['欣然接受', '私下收下', '要求再多送一些'] },
  { stem: '为失智老年人服务时，养老护理员应当', right: '耐心细致、不嫌弃', wrong: ['大声呵斥', '限制其一切活动', '减少与其交流'] },
  { stem: '养老护理员服务中遵守“慎独”精神，是指', right: '在无人监督时也能按规范操作', wrong: ['独自完成所有工作', '不与同事交流', '只做自己喜欢的工作'] },
];

const BASICS: Fact[] = [
  { stem: '《中华人民共和国老年人权益保障法》所称老年人是指', right: '六十周岁以上的公民', wrong: ['五十五周岁以上的公民', '六十五周岁以上的公民', '七十周岁以上的公民'] },
  { stem: '我国的老年节是每年的', right: '农历九月初九', wrong: ['农历八月十五', '公历十月一日', '农历五月初五'] },
  { stem: '赡养人应当履行对老年人经济上供养、生活上照料和', right: '精神上慰藉的义务', wrong: ['财产上管理的义务', '行动上限制的义务', '社交上安排的义务'] },
  { stem: '老年人感觉器官的变化中，最常见的听力改变是', right: '高频听力首先下降', wrong: ['低频听力首先下降', '听力明显增强', '只在夜间听力下降'] },
  { stem: '老年人视力常见的生理性改变是', right: '老视（花眼）', wrong: ['近视加深', '夜视能力增强', '色觉增强'] },
  { stem: '老年人骨骼的变化特点是', right: '骨质疏松、易发生骨折', wrong: ['骨密度增加', '骨骼弹性增强', '骨折后愈合更快'] },
  { stem: '老年人常见的心理特点是', right: '容易产生孤独感和失落感', wrong: ['情绪从不波动', '对新事物适应很快', '不需要社会交往'] },
  { stem: '老年人消化系统的变化特点是', right: '胃肠蠕动减慢、易发生便秘', wrong: ['消化液分泌增多', '胃肠蠕动加快', '牙齿更加坚固'] },
  { stem: '老年人皮肤的变化特点是', right: '变薄、弹性下降、易受损伤', wrong: ['变厚、弹性增强', '出汗增多', '不易发生压伤'] },
  { stem: '老年人体温调节能力下降，容易发生', right: '低体温或中暑', wrong: ['体温持续升高', '体温绝对恒定', '不会受环境影响'] },
  { stem: '老年人退休后常见的心理问题是', right: '离退休综合征', wrong: ['青春期综合征', '更年期提前', '考试焦虑'] },
  { stem: '老年人的睡眠特点通常是', right: '睡眠时间缩短、易醒', wrong: ['深睡眠增多', '睡眠时间明显延长', '从不午睡'] },
];
const maxHeartRate: FactSource = (rng) => {
  const a = between(rng, 60, 85);
  return { stem: `${a} 岁的老年人进行运动锻炼，其最大心率一般按“220 − 年龄”估算，约为`, right: `${220 - a} 次/分`, wrong: [`${200 - a} 次/分`, `${240 - a} 次/分`, `${170 - a} 次/分`] };
};
const targetHeartRate: FactSource = (rng) => {
  const a = between(rng, 60, 80);
  const lo = Math.round((220 - a) * 0.6);
  return { stem: `${a} 岁的老年人进行有氧运动，以最大心率（220 − 年龄）的 60% 为下限，其运动心率下限约为`, right: `${lo} 次/分`, wrong: [`${220 - a} 次/分`, `${Math.round((220 - a) * 0.3)} 次/分`, `${Math.round((220 - a) * 0.9)} 次/分`] };
};
const SAFETY: Fact[] = [
  { stem: '老年人发生噎食时，现场首选的急救方法是', right: '海姆立克急救法', wrong: ['立即喂水', '拍打前胸', '让其平卧休息'] },
  { stem: '预防老年人跌倒，居室地面应', right: '保持干燥、防滑', wrong: ['打蜡抛光', '铺设小块地毯', '堆放杂物'] },
  { stem: '老年人发生轻度烫伤后，应立即', right: '用流动冷水冲洗创面', wrong: ['涂抹牙膏', '挑破水疱', '用热毛巾热敷'] },
  { stem: '发现老年人跌倒后，养老护理员首先应', right: '判断伤情，不要急于扶起', wrong: ['立即用力扶起', '让其自行站起', '马上喂水'] },
  { stem: '使用热水袋为老年人保暖时，热水袋外应', right: '包裹布套，避免直接接触皮肤', wrong: ['直接贴近皮肤', '灌满沸水', '放在老人胸前'] },
  { stem: '为防止老年人坠床，对意识不清的老年人应', right: '加用床挡', wrong: ['将床升到最高', '撤去床挡', '让其独处'] },
  { stem: '老年人浴室内应安装', right: '扶手和防滑垫', wrong: ['玻璃隔断', '高门槛', '光滑瓷砖'] },
  { stem: '发现老年人煤气中毒，应首先', right: '迅速开窗通风并将其移至空气新鲜处', wrong: ['打开电灯查看', '给其喝水', '在室内拨打电话'] },
  { stem: '老年人居室夜间应', right: '开启地灯或小夜灯', wrong: ['完全关闭照明', '开启强光灯', '锁闭房门'] },
];

// ── 生命体征：按读数判断 ─────────────────────────────────────────────
const temperature: FactSource = (rng) => {
  const cases = [
    [pick(rng, [36.3, 36.5, 36.6, 36.8, 37.0]), '正常体温'],
    [pick(rng, [37.4, 37.5, 37.6, 37.8]), '低热'],
    [pick(rng, [38.2, 38.4, 38.5, 38.8]), '中等度热'],
    [pick(rng, [39.2, 39.5, 39.8, 40.2]), '高热'],
  ] as const;
  const [t, right] = pick(rng, cases);
  return { stem: `测得老年人口腔温度为 ${t.toFixed(1)} ℃，属于`, right, wrong: cases.map(([, c]) => c).filter((c) => c !== right) };
};
const pulse: FactSource = (rng) => {
  const cases = [
    [between(rng, 64, 96), '正常脉率'],
    [between(rng, 105, 140), '心动过速'],
    [between(rng, 40, 55), '心动过缓'],
  ] as const;
  const [p, right] = pick(rng, cases);
  return { stem: `老年人安静状态下测得脉搏为 ${p} 次/分，属于`, right, wrong: [...cases.map(([, c]) => c).filter((c) => c !== right), '脉搏短绌'] };
};
const breathing: FactSource = (rng) => {
  const cases = [
    [between(rng, 16, 20), '正常呼吸'],
    [between(rng, 26, 36), '呼吸过速'],
    [between(rng, 6, 10), '呼吸过缓'],
  ] as const;
  const [r, right] = pick(rng, cases);
  return { stem: `老年人安静状态下测得呼吸为 ${r} 次/分，属于`, right, wrong: [...cases.map(([, c]) => c).filter((c) => c !== right), '潮式呼吸'] };
};
const pressure: FactSource = (rng) => {
  const cases = [
    [between(rng, 100, 125), between(rng, 65, 80), '正常血压'],
    [between(rng, 145, 175), between(rng, 92, 105), '高血压'],
    [between(rng, 78, 86), between(rng, 48, 56), '低血压'],
  ] as const;
  const [s, d, right] = pick(rng, cases);
  return { stem: `测得老年人血压为 ${s}/${d} mmHg，按成人标准属于`, right, wrong: [...cases.map(([, , c]) => c).filter((c) => c !== right), '脉压增大'] };
};
const VITALS: Fact[] = [
  { stem: '测量腋温时，体温计应放置', right: '10 分钟', wrong: ['1 分钟', '3 分钟', '30 分钟'] },
  { stem: '正常成人安静状态下的脉率为', right: '60～100 次/分', wrong: ['40～60 次/分', '100～120 次/分', '120～140 次/分'] },
  { stem: '为偏瘫老年人测量血压，应选择', right: '健侧肢体', wrong: ['患侧肢体', '任意一侧肢体', '下肢'] },
];
const INFECTION: Fact[] = [
  { stem: '七步洗手法揉搓双手的时间应不少于', right: '15 秒', wrong: ['3 秒', '5 秒', '1 秒'] },
  { stem: '盛放医疗废物的包装袋颜色为', right: '黄色', wrong: ['黑色', '红色', '蓝色'] },
  { stem: '紫外线灯进行空气消毒，照射时间一般不少于', right: '30 分钟', wrong: ['5 分钟', '10 分钟', '15 分钟'] },
  { stem: '预防交叉感染最简单、有效的方法是', right: '正确洗手', wrong: ['戴口罩', '开窗通风', '服用抗生素'] },
];

// ── 生活照护 ─────────────────────────────────────────────
const FEEDING: Fact[] = [
  { stem: '为老年人鼻饲时，每次鼻饲量不超过', right: '200 mL', wrong: ['500 mL', '400 mL', '100 mL'] },
  { stem: '鼻饲液的适宜温度为', right: '38～40 ℃', wrong: ['20～25 ℃', '45～50 ℃', '55～60 ℃'] },
  { stem: '两次鼻饲之间的间隔时间不少于', right: '2 小时', wrong: ['30 分钟', '1 小时', '6 小时'] },
  { stem: '协助卧床老年人进食时，一般应采取', right: '半坐卧位或坐位', wrong: ['去枕平卧位', '头低足高位', '俯卧位'] },
  { stem: '健康老年人每日饮水量一般为', right: '1500～1700 mL', wrong: ['500～700 mL', '3000～4000 mL', '200～300 mL'] },
];
const tubeFeed: FactSource = (rng) => {
  const n = pick(rng, [4, 5, 6, 8]);
  const per = pick(rng, [150, 160, 180, 200]);
  return { stem: `医嘱每日鼻饲 ${n * per} mL，分 ${n} 次给予，每次的鼻饲量为`, right: `${per} mL`, wrong: numericWrongs(per, ' mL', [2, 0.5, 1.5], 0) };
};
const bmi: FactSource = (rng) => {
  const h = between(rng, 150, 180) / 100;
  const w = between(rng, 42, 90);
  const b = w / (h * h);
  return { stem: `身高 ${h.toFixed(2)} m、体重 ${w} kg 的老年人，其体重指数（BMI）约为`, right: `${num(b, 1)} kg/m²`, wrong: [`${num(w / h, 1)} kg/m²`, `${num(b * 1.2, 1)} kg/m²`, `${num(b * 0.8, 1)} kg/m²`] };
};
const bmiClass: FactSource = (rng) => {
  const cases = [
    [pick(rng, [16.5, 17.2, 17.8, 18.0]), '体重过低'],
    [pick(rng, [19.5, 20.8, 21.6, 22.4, 23.1]), '体重正常'],
    [pick(rng, [24.6, 25.3, 26.1, 27.2]), '超重'],
    [pick(rng, [28.5, 29.4, 30.7, 32.0]), '肥胖'],
  ] as const;
  const [b, right] = pick(rng, cases);
  return { stem: `按我国成人标准，体重指数（BMI）为 ${b.toFixed(1)} kg/m² 属于`, right, wrong: cases.map(([, c]) => c).filter((c) => c !== right) };
};
const EXCRETION: Fact[] = [
  { stem: '为老年人更换一次性尿布时，应先', right: '清洁会阴部皮肤', wrong: ['直接更换新尿布', '涂抹爽身粉', '用热水冲洗'] },
  { stem: '正常成人 24 小时尿量约为', right: '1000～2000 mL', wrong: ['100～400 mL', '2500～4000 mL', '400～600 mL'] },
  { stem: '24 小时尿量少于 400 mL 称为', right: '少尿', wrong: ['无尿', '多尿', '尿潴留'] },
  { stem: '使用开塞露协助老年人排便时，应取', right: '左侧卧位', wrong: ['右侧卧位', '俯卧位', '坐位'] },
  { stem: '老年人便秘时，饮食上应多摄入', right: '富含膳食纤维的食物', wrong: ['辛辣刺激食物', '高脂肪食物', '精细米面'] },
];
const urine: FactSource = (rng) => {
  const h = pick(rng, [6, 8, 12]);
  const ml = between(rng, 8, 60) * 10;
  const day = (ml * 24) / h;
  return { stem: `老年人 ${h} 小时尿量为 ${ml} mL，按此推算 24 小时尿量约为`, right: `${num(day, 0)} mL`, wrong: numericWrongs(day, ' mL', [0.5, 2, 1.5], 0) };
};
const intake: FactSource = (rng) => {
  const times = between(rng, 5, 9);
  const each = pick(rng, [150, 180, 200, 220, 250]);
  return { stem: `老年人一天饮水 ${times} 次，每次约 ${each} mL，其全天饮水量约为`, right: `${times * each} mL`, wrong: [`${(times + 2) * each} mL`, `${times * each * 2} mL`, `${Math.round((times * each) / 2)} mL`] };
};
const bathWater: FactSource = (rng) => {
  const cases: [number, string][] = [
    [pick(rng, [50, 51, 52]), '水温适宜，可以擦浴'],
    [pick(rng, [38, 40, 42, 44, 46]), '水温偏低，应加热水调至 50～52 ℃'],
    [pick(rng, [58, 60, 62, 65, 70]), '水温偏高，应加冷水调至 50～52 ℃'],
  ];
  const [t, right] = pick(rng, cases);
  const who = pick(rng, ['卧床', '偏瘫', '高龄', '术后', '长期卧床的']);
  return { stem: `为${who}老年人床上擦浴前测得水温为 ${t} ℃，此时`, right, wrong: [...cases.map(([, c]) => c).filter((c) => c !== right), '无需测量，凭手感即可'] };
};
const SLEEP: Fact[] = [
  { stem: '为老年人创造良好的睡眠环境，室温一般保持在', right: '18～22 ℃', wrong: ['10～12 ℃', '28～30 ℃', '30 ℃以上'] },
  { stem: '为卧床老年人进行床上擦浴时，水温一般为', right: '50～52 ℃', wrong: ['30～32 ℃', '60～70 ℃', '80 ℃以上'] },
  { stem: '为老年人洗头时，水温一般为', right: '40～45 ℃', wrong: ['25～30 ℃', '55～60 ℃', '65～70 ℃'] },
  { stem: '为老年人进行口腔护理时，义齿取下后应', right: '浸泡在冷开水中', wrong: ['浸泡在热水中', '浸泡在酒精中', '干燥存放'] },
];
const POSITIONS = [
  ['半坐卧位', '心肺疾病引起呼吸困难的老年人'],
  ['去枕仰卧位', '昏迷老年人'],
  ['头低足高位', '需要体位引流的老年人'],
  ['屈膝仰卧位', '进行腹部检查的老年人'],
  ['侧卧位', '需要进行灌肠的老年人'],
] as const;
const TRANSFER: Fact[] = [
  { stem: '协助偏瘫老年人由床向轮椅转移时，轮椅应放在老年人的', right: '健侧', wrong: ['患侧', '床尾', '身后'] },
  { stem: '推轮椅下坡时，正确的方法是', right: '倒退行进，让老年人背向下坡方向', wrong: ['快速正向推行', '让老年人自行滑下', '松开刹车任其滑行'] },
  { stem: '为偏瘫老年人穿衣时，应', right: '先穿患侧，后穿健侧', wrong: ['先穿健侧，后穿患侧', '两侧同时穿', '只穿健侧'] },
  { stem: '为偏瘫老年人脱衣时，应', right: '先脱健侧，后脱患侧', wrong: ['先脱患侧，后脱健侧', '两侧同时脱', '只脱患侧'] },
];
const crutch: FactSource = (rng) => {
  const h = between(rng, 150, 185);
  return { stem: `身高 ${h} cm 的老年人使用腋杖，腋杖的长度约为`, right: `${h - 40} cm`, wrong: [`${h - 20} cm`, `${h - 60} cm`, `${Math.round(h / 2)} cm`] };
};

// ── 基础照护 ─────────────────────────────────────────────
const MED_TERMS = [
  ['qd', '每日一次'],
  ['bid', '每日两次'],
  ['tid', '每日三次'],
  ['qid', '每日四次'],
  ['qod', '隔日一次'],
  ['qn', '每晚一次'],
  ['prn', '必要时（长期）'],
  ['ac', '饭前'],
  ['pc', '饭后'],
  ['hs', '睡前'],
] as const;
const MEDICATION: Fact[] = [
  { stem: '协助老年人服药应遵循的原则是', right: '按医嘱准时准量给药', wrong: ['按老人意愿增减药量', '漏服后下次加倍', '症状好转即停药'] },
  { stem: '老年人服用的药片较大难以吞咽时，应', right: '咨询医护人员后再决定能否掰开或研碎', wrong: ['自行研碎', '直接丢弃', '用热水泡软'] },
  { stem: '一般药物应用温开水送服，水温以', right: '40～60 ℃为宜', wrong: ['80 ℃以上为宜', '冰水为宜', '沸水为宜'] },
];
const doses: FactSource = (rng) => {
  const [code, per] = pick(rng, [['bid', 2], ['tid', 3], ['qid', 4]] as const);
  const tab = pick(rng, [0.5, 1, 2]);
  const days = between(rng, 3, 14);
  return { stem: `医嘱某药每次 ${tab} 片、${code}，连续服用 ${days} 天，共需药片`, right: `${num(tab * per * days, 1)} 片`, wrong: numericWrongs(tab * per * days, ' 片', [2, 0.5, 1.5], 1) };
};
const ULCER = [
  ['1 期', '局部皮肤完整，出现压之不褪色的红斑'],
  ['2 期', '部分皮层缺损，可见浅表开放性溃疡或水疱'],
  ['3 期', '全层皮肤缺损，可见皮下脂肪'],
  ['4 期', '全层组织缺损，可见骨骼、肌腱或肌肉'],
] as const;
const ULCER_FACTS: Fact[] = [
  { stem: '预防压力性损伤，卧床老年人一般至少每隔', right: '2 小时翻身一次', wrong: ['6 小时翻身一次', '12 小时翻身一次', '每天翻身一次'] },
  { stem: '仰卧位时压力性损伤最好发的部位是', right: '骶尾部', wrong: ['前额', '腹部', '前胸'] },
  { stem: '侧卧位时压力性损伤好发的部位是', right: '股骨大转子处', wrong: ['骶尾部', '枕骨粗隆', '足跟'] },
  { stem: '为预防压力性损伤，按摩受压部位时应避免', right: '按摩已发红的骨突处', wrong: ['保持床单平整', '定时翻身', '保持皮肤清洁干燥'] },
];
const COLD_HEAT: Fact[] = [
  { stem: '为老年人使用热水袋时，水温一般不超过', right: '50 ℃', wrong: ['70 ℃', '80 ℃', '100 ℃'] },
  { stem: '冷疗的禁忌部位之一是', right: '心前区', wrong: ['前额', '腋下', '腹股沟'] },
  { stem: '使用冰袋为高热老年人物理降温，30 分钟后应', right: '复测体温', wrong: ['加盖棉被', '停止观察', '给予热饮'] },
];
const RISK: Fact[] = [
  { stem: '老年人突然出现一侧肢体无力、口角歪斜时，应首先考虑', right: '脑卒中，立即呼叫急救', wrong: ['疲劳，让其休息', '低血糖，喂糖水后观察', '感冒，多喝热水'] },
  { stem: '糖尿病老年人出现心慌、出冷汗、饥饿感时，可能发生了', right: '低血糖', wrong: ['高血压', '脑出血', '心力衰竭'] },
  { stem: '发现老年人心跳呼吸骤停，应立即进行', right: '心肺复苏', wrong: ['喂水', '测量血压', '等待家属到来'] },
];

// ── 康复服务 ─────────────────────────────────────────────
const REHAB: Fact[] = [
  { stem: '偏瘫老年人良肢位摆放的主要目的是', right: '预防关节挛缩和畸形', wrong: ['增加卧床时间', '减少翻身次数', '增强肌肉力量'] },
  { stem: '进行关节被动活动时，动作应', right: '缓慢、轻柔，在无痛范围内进行', wrong: ['快速用力', '超过关节活动范围', '引起剧痛才有效'] },
  { stem: '老年人使用助行器行走时，应先', right: '移动助行器，再迈步', wrong: ['先迈步，再移动助行器', '同时移动双腿', '抬起助行器快走'] },
  { stem: '偏瘫老年人用单拐上楼梯的顺序是', right: '先健侧腿，再拐杖和患侧腿', wrong: ['先患侧腿，再健侧腿', '先拐杖，再健侧腿', '双腿同时上'] },
];
const COGNITION: Fact[] = [
  { stem: '阿尔茨海默病早期最常见的表现是', right: '近期记忆力减退', wrong: ['肢体瘫痪', '视力丧失', '听力丧失'] },
  { stem: '与失智老年人沟通时，应', right: '语速缓慢、语句简短', wrong: ['同时提出多个问题', '大声责备', '使用复杂的专业术语'] },
  { stem: '为防止失智老年人走失，可以', right: '为其佩戴写有联系方式的信息卡', wrong: ['将其长期锁在房间', '限制一切外出', '不做任何防护'] },
  { stem: '对失智老年人进行怀旧疗法，主要是引导其', right: '回忆过去愉快的经历', wrong: ['学习新的知识', '进行剧烈运动', '独处静养'] },
];

const mmse: FactSource = (rng) => {
  const age = between(rng, 65, 92);
  const score = between(rng, 10, 30);
  const cases: [number, string][] = [[27, '认知功能正常'], [21, '轻度认知障碍'], [10, '中度认知障碍'], [0, '重度认知障碍']];
  const right = cases.find(([min]) => score >= min)![1];
  return { stem: `${age} 岁老年人简易精神状态检查（MMSE，满分 30 分）得分为 ${score} 分，按常用分级属于`, right, wrong: cases.map(([, c]) => c).filter((c) => c !== right) };
};

/** The 养老护理员 四级 bank. */
export const ELDER_CARE: DemoRange[] = [
  {
    code: 'A',
    name: '基本要求',
    cells: [
      ethicsCell(CODE, 2, 3),
      {
        code: 'B',
        name: '基础知识',
        weight: 15,
        points: [
          { code: '001', name: '老年人生理与心理特点', importance: 'X', weight: 5, facts: BASICS.slice(3), sources: [maxHeartRate, targetHeartRate] },
          { code: '002', name: '相关法律法规', importance: 'Y', weight: 5, facts: BASICS.slice(0, 3) },
          { code: '003', name: '安全防护与急救', importance: 'X', weight: 5, facts: SAFETY },
        ],
      },
      {
        code: 'C',
        name: '护理基础',
        weight: 10,
        points: [
          { code: '001', name: '生命体征观察', importance: 'X', weight: 6, facts: VITALS, sources: [temperature, pulse, breathing, pressure] },
          { code: '002', name: '感染防控', importance: 'Y', weight: 4, facts: INFECTION },
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
        name: '生活照护',
        weight: 30,
        points: [
          { code: '001', name: '饮食照护', importance: 'X', weight: 8, facts: FEEDING, sources: [tubeFeed, bmi, bmiClass] },
          { code: '002', name: '排泄照护', importance: 'X', weight: 8, facts: EXCRETION, sources: [urine, intake] },
          { code: '003', name: '睡眠与清洁照护', importance: 'Y', weight: 7, facts: SLEEP, sources: [bathWater] },
          { code: '004', name: '体位与转移', importance: 'X', weight: 7, facts: [...pairTable((s) => `${s}适用于`, (a) => `${a}一般应采取`, POSITIONS, 'pos'), ...TRANSFER], sources: [crutch] },
        ],
      },
      {
        code: 'B',
        name: '基础照护',
        weight: 25,
        points: [
          { code: '001', name: '用药照护', importance: 'X', weight: 8, facts: [...pairTable((s) => `医嘱中外文缩写“${s}”的含义是`, (a) => `医嘱中表示“${a}”的外文缩写是`, MED_TERMS, 'med'), ...MEDICATION], sources: [doses] },
          { code: '002', name: '压力性损伤预防', importance: 'X', weight: 9, facts: [...pairTable((s) => `压力性损伤${s}的表现是`, (a) => `压力性损伤表现为“${a}”，属于`, ULCER, 'ulcer'), ...ULCER_FACTS] },
          { code: '003', name: '冷热应用', importance: 'Y', weight: 4, facts: COLD_HEAT, sources: [temperature] },
          { code: '004', name: '风险应对', importance: 'Y', weight: 4, facts: RISK, sources: [pressure] },
        ],
      },
      {
        code: 'C',
        name: '康复服务',
        weight: 15,
        points: [
          { code: '001', name: '康复训练', importance: 'Y', weight: 8, facts: REHAB, sources: [crutch] },
          { code: '002', name: '失智老年人照护', importance: 'Z', weight: 7, facts: COGNITION, sources: [mmse] },
        ],
      },
    ],
  },
];
