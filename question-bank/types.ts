/**
 * Core vocabulary of the question bank, shared by `scoring/` and the server.
 * Pure types: no runtime code here.
 */

/** 职业技能等级 code: 5 五级/初级工 … 1 一级/高级技师. */
export type Level = 1 | 2 | 3 | 4 | 5;

/** Assessment components: 理论知识考试, 技能操作考核, 综合评审 (二级/一级 only). */
export type Component = 'theory' | 'practical' | 'review';

/** Theory item types: 判断题, 单项选择题, 多项选择题, 主观题 (简答/计算/论述, 技师+). */
export type ItemType = 'judge' | 'single' | 'multi' | 'subjective';

/** 鉴定点 importance: X core, Y general, Z auxiliary. */
export type Importance = 'X' | 'Y' | 'Z';

export type ItemStatus = 'draft' | 'active' | 'retired';

/**
 * One answer option. `label` is what the candidate sees before shuffling ('A', 'B', …);
 * judge items use the fixed options `T` (正确) and `F` (错误).
 * `fraction` keeps an imported partial-credit weight (Moodle/GIFT) for a faithful round trip.
 */
export interface ItemOption {
  label: string;
  text: string;
  fraction?: number;
}

/**
 * One version of a theory item. `id` is stable across versions; `version` starts at 1 and an item
 * used in a paper is never edited in place (a new version is created instead).
 * `key` lists the correct option labels (judge: ['T'] or ['F']; single: one label; multi: ≥ 2 labels;
 * subjective: [] with `reference` holding the model answer).
 */
export interface Item {
  id: string;
  version: number;
  occupationCode: string;
  level: Level;
  type: ItemType;
  stem: string;
  options: ItemOption[];
  key: string[];
  reference?: string;
  /** 鉴定点 code as written in the blueprint, e.g. `A-B-001`. */
  pointCode: string;
  /** p-value: share of candidates answering correctly, 0..1. */
  difficulty: number;
  /** Discrimination index (point-biserial or upper/lower-27 %), −1..1. */
  discrimination: number;
  /** Responses the statistics rest on; 0 means estimated by the author. */
  statsN: number;
  /** How many released papers used this item. */
  exposure: number;
  /** Items sharing an enemy group give each other away and never share a paper. */
  enemyGroup: string | null;
  status: ItemStatus;
}

/**
 * How a 多项选择题 is scored: all-or-nothing (default), or partial credit — no wrong option chosen
 * earns `perOption` marks for each correct option chosen (capped at the item's marks).
 */
export type MultiChoiceRule = { kind: 'allOrNothing' } | { kind: 'partial'; perOption: number };

/** One section of a paper spec: how many items of a type and the marks for each. */
export interface PaperSection {
  type: ItemType;
  count: number;
  marksPerItem: number;
}

/**
 * Paper spec per occupation × level × component: structure, duration, pass mark and rules.
 * Marks of all sections add up to `maxMark` (normally 100).
 */
export interface PaperSpec {
  occupationCode: string;
  level: Level;
  component: Component;
  sections: PaperSection[];
  durationMin: number;
  passMark: number;
  multiRule: MultiChoiceRule;
}

/** An item pinned into a paper: exact version, its marks and the key used for marking. */
export interface PaperItem {
  itemId: string;
  version: number;
  type: ItemType;
  pointCode: string;
  marks: number;
  key: string[];
  /** Option labels in authoring order; candidate order is derived from a seed. */
  optionLabels: string[];
}

export type FormLabel = 'A' | 'B' | 'C';

/** A built paper (one form of a parallel set). Item order here is the canonical order. */
export interface Paper {
  form: FormLabel;
  spec: PaperSpec;
  items: PaperItem[];
}
