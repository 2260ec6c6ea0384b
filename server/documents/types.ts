import type { Component, FormLabel, Importance, ItemType, Level } from '../../question-bank/types';

/**
 * Input types of every printable document: plain view-model data, already looked up and formatted by
 * the caller (names, not ids). Dates are `YYYY-MM-DD` strings and times `HH:mm` strings in the exam
 * venue's local time, so a document never depends on the server's time zone; the only `Date` is
 * `PrintMeta.createdAt`, which becomes the PDF/XLSX creation date. Same input ⇒ same PDF bytes.
 *
 * Photos are JPEG or PNG bytes; anything else makes the document fail with `DocumentInputInvalid`
 * naming the record (a corrupt photo is fixed at the source rather than silently printed blank).
 */

/** Shared vocabulary from the question bank, re-exported so callers import document inputs from one place. */
export type { Component, FormLabel, Importance, ItemType, Level };

/** Who issues the document and when: becomes PDF `Author` and `CreationDate` (xlsx creator/created). */
export interface PrintMeta {
  /** 评价机构 full name, e.g. `某某职业技术学院`. Printed in headers and on certificates. */
  organization: string;
  /** Creation time written into the file's metadata; documents never read the clock. */
  createdAt: Date;
}

/** JPEG or PNG bytes of a 1-inch photo (25 × 35 mm); `null` prints an empty box marked 照片. */
export type Photo = Uint8Array | null;

/** Role of a staff member in a room: 监考员, 考评员, 内部质量督导员 (printed 督导员). */
export type StaffRole = 'proctor' | 'examiner' | 'supervisor';

/**
 * One sitting of one room: what is printed in the header of door lists, sign-in sheets and incident
 * sheets. Example: `{ component: 'theory', date: '2024-06-15', start: '09:00', end: '10:30',
 * venue: '某某职业技术学院实训楼', room: '第03考场' }`.
 */
export interface RoomSitting {
  /** 认定批次 name, e.g. `2024年第二批职业技能等级认定`; omitted from headers when absent. */
  batchName?: string;
  component: Component;
  /** `YYYY-MM-DD`. */
  date: string;
  /** `HH:mm`. */
  start: string;
  /** `HH:mm`. */
  end: string;
  /** 考点 (venue) name. */
  venue: string;
  /** 考场 as printed, e.g. `第03考场` or `301机房`. */
  room: string;
}

// ───────────────────────────── 准考证 ─────────────────────────────

/** One component a candidate sits, as listed on the admission ticket. */
export interface TicketSitting {
  component: Component;
  /** `YYYY-MM-DD`. */
  date: string;
  /** `HH:mm`. */
  start: string;
  /** `HH:mm`. */
  end: string;
  /** 考点 name. */
  venue: string;
  /** 考点地址, printed under the venue when given. */
  address?: string;
  /** 考场, e.g. `第03考场`. */
  room: string;
  /** 座位号 / 工位号; `null` when assigned on the day (printed `--`). */
  seat: string | number | null;
}

/** 准考证: one candidate, one or more components. */
export interface AdmissionTicket {
  /** 准考证号; also the content of the ticket's QR code. */
  ticketNumber: string;
  name: string;
  /** 证件类型 name, e.g. `居民身份证`. */
  idTypeName: string;
  /** 证件号码, printed in full (the ticket is the candidate's own document). */
  idNumber: string;
  photo: Photo;
  /** 职业名称, e.g. `电工`. */
  occupationName: string;
  /** 工种; `null`/empty prints `--`. */
  workType: string | null;
  level: Level;
  /** In the order to print (usually by date and time). At least one. */
  sittings: TicketSitting[];
  /** Printed under the title, e.g. `2024年第二批职业技能等级认定`. */
  batchName?: string;
}

/** Options for a ticket print run. */
export interface AdmissionTicketOptions {
  /** 考生须知 lines; defaults to `DEFAULT_TICKET_INSTRUCTIONS` (late-entry minutes etc. are local rules). */
  instructions?: string[];
  /** Tickets per A4 page: 2 (default, cut along the dashed line) or 1. */
  perPage?: 1 | 2;
}

// ───────────────────────────── 考场门贴 / 签到表 ─────────────────────────────

/** One seat of a room, as listed on the door list and the candidate sign-in sheet. */
export interface SeatEntry {
  seat: string | number;
  ticketNumber: string;
  name: string;
  occupationName: string;
  workType: string | null;
  level: Level;
  /** Full 证件号码; the sign-in sheet prints it masked (`1101**********002X`). */
  idNumber: string;
}

/** 考场门贴: the seat plan pinned on the room door. Seats print in the given order. */
export interface RoomDoorList {
  sitting: RoomSitting;
  seats: SeatEntry[];
}

/** 考生签到表 of one room and sitting. */
export interface CandidateSignInSheet {
  sitting: RoomSitting;
  seats: SeatEntry[];
}

/** One staff member expected in a room or venue. */
export interface StaffEntry {
  name: string;
  role: StaffRole;
  /** 所在单位, optional. */
  unit?: string;
}

/** 考务人员签到表 (监考员/考评员/督导员) of one sitting. */
export interface StaffSignInSheet {
  sitting: RoomSitting;
  staff: StaffEntry[];
}

// ───────────────────────────── 考场情况记录单 ─────────────────────────────

/** A candidate named on the incident sheet. */
export interface CandidateRef {
  seat: string | number;
  ticketNumber: string;
  name: string;
}

/**
 * One event in the room: `incident` (考场情况: power cut, machine swapped, time extended …) or
 * `violation` (违纪, with its `category`, e.g. `携带手机`; categories are local rules, so free text).
 */
export interface RoomEvent {
  /** `HH:mm`. */
  time: string;
  kind: 'incident' | 'violation';
  /** 违纪类别; required in spirit for violations, printed `--` when absent. */
  category?: string;
  candidate?: CandidateRef;
  description: string;
  /** 处理措施, e.g. `警告并记录` or `终止考试`. */
  action?: string;
}

/**
 * 考场情况记录单. `expected` must equal `present + absentees.length`, otherwise the sheet is refused
 * (a signed record whose counts do not add up is worse than none).
 */
export interface RoomIncidentSheet {
  sitting: RoomSitting;
  proctors: string[];
  expected: number;
  present: number;
  absentees: CandidateRef[];
  /** In time order. Empty prints `无`. */
  events: RoomEvent[];
  /** 备注. */
  notes?: string;
}

// ───────────────────────────── 试卷 / 标准答案 ─────────────────────────────

/** One option as printed (`A`, `B`, …). */
export interface PrintOption {
  label: string;
  text: string;
}

/**
 * One item as printed. `key`: judge `['T']`/`['F']` (printed √/×), single one label, multi ≥ 2
 * labels, subjective `[]` with `reference` as the model answer for the answer key.
 */
export interface PrintItem {
  stem: string;
  /** Options in candidate order; ignored for judge items (√/× is implied). */
  options: PrintOption[];
  marks: number;
  key: string[];
  /** Model answer and marking notes (subjective items). */
  reference?: string;
  /** Lines of answer space left under a subjective item; default 6. */
  answerLines?: number;
}

/** One section of a paper: all items share a type. */
export interface PrintSection {
  type: ItemType;
  /** Section name after the ordinal; default from the type (`判断题`, `单项选择题` …). */
  title?: string;
  /** How to answer; default per type (e.g. judge: 正确的填“√”，错误的填“×”). */
  instructions?: string;
  items: PrintItem[];
}

/**
 * 理论知识考试试卷 of one form. Items are numbered continuously across sections (1 … N) as national
 * papers do; section marks and the paper total are summed from the items.
 */
export interface TheoryPaperPrint {
  occupationName: string;
  workType: string | null;
  level: Level;
  form: FormLabel;
  durationMin: number;
  /** Printed in the footer for the paper ledger, e.g. `6-31-01-03-4-T-A-2024-02`. */
  paperCode?: string;
  /** 注意事项; default: time, fill in name and ticket number, answer where required, no scribbling. */
  notes?: string[];
  sections: PrintSection[];
}

// ───────────────────────────── 证书 ─────────────────────────────

/** 职业技能等级证书 (人社鉴发〔2021〕1号 content). One A4 page each. The issuer is `PrintMeta.organization`. */
export interface CertificatePrint {
  /** 22-character 证书编号, e.g. `S000036010001224000123`. */
  certificateNumber: string;
  name: string;
  idTypeName: string;
  idNumber: string;
  occupationName: string;
  /** 工种/职业方向; `null`/empty prints `--`. */
  workType: string | null;
  level: Level;
  /** 发证日期 `YYYY-MM-DD` (printed `YYYY年MM月DD日`). */
  issueDate: string;
  photo: Photo;
  /** Public verification URL encoded in the QR code and printed under it. */
  verifyUrl: string;
}

// ───────────────────────────── 考核评分记录表 / 认定结果汇总表 ─────────────────────────────

/**
 * One row of a practical scoring sheet. `deduction`/`score` `null` print blank (a form for handwriting);
 * the document prints what it is given and never re-scores (scoring policy lives in `scoring/`).
 */
export interface ScoringRow {
  /** 考核内容, e.g. `电动机正反转控制线路安装`. */
  content: string;
  /** 配分. */
  marks: number;
  /** 评分标准 (deduction rules). */
  criteria: string;
  deduction: number | null;
  score: number | null;
  /** ★ 否决项: printed with ★ before the content. */
  veto: boolean;
}

/** 考核评分记录表 filled in (or blank) by one examiner for one candidate. One page per sheet. */
export interface ScoringSheetPrint {
  occupationName: string;
  workType: string | null;
  level: Level;
  /** 试题名称, e.g. `三相异步电动机正反转控制`. */
  taskTitle: string;
  /** 考生编号 as the examiner sees it (identity hidden: a code, not the name). */
  candidateCode: string;
  /** `YYYY-MM-DD`. */
  date: string;
  /** 工位号, optional. */
  station?: string;
  rows: ScoringRow[];
  /** 合计 as computed by the scoring policy; `null` leaves it blank. */
  total: number | null;
  /** Printed in red-ink style under the table when a ★ veto applied, e.g. `违反安全操作规程，技能操作考核不合格`. */
  vetoNote?: string | null;
  examinerName: string;
}

/** One row of 认定结果汇总表: passed candidates of one occupation (工种) per level. */
export interface ResultsSummaryRow {
  occupationCode?: string;
  occupationName: string;
  workType: string | null;
  /** Passed count per level; missing levels print 0. */
  passed: Partial<Record<Level, number>>;
}

/** 认定结果汇总表 of one batch, as filed after publicity. */
export interface ResultsSummaryPrint {
  batchName?: string;
  /** 备案号 of the plan this batch was filed under. */
  filingNumber: string;
  /** 填报日期 `YYYY-MM-DD`. */
  date: string;
  rows: ResultsSummaryRow[];
  /** 填表人, printed by the signature line when given. */
  preparedBy?: string;
}

// ───────────────────────────── 组卷质量报告 ─────────────────────────────

/** A 鉴定范围 (blueprint top range) shown in the marks-per-range comparison. */
export interface BlueprintRange {
  /** `A`, `B`, … */
  code: string;
  name: string;
  /** Marks the blueprint asks for (鉴定比重 × total), drawn as a reference; optional. */
  targetMarks?: number;
}

/** Statistics of one form of a parallel set. */
export interface FormQuality {
  form: FormLabel;
  itemCount: number;
  totalMarks: number;
  /** Mean p-value 0..1. */
  meanDifficulty: number;
  /** Mean discrimination −1..1. */
  meanDiscrimination: number;
  importanceCounts: Record<Importance, number>;
  /** Marks per range code; missing codes print 0. */
  marksByRange: Record<string, number>;
}

/** 组卷质量报告: three parallel forms side by side. */
export interface PaperQualityReportPrint {
  occupationName: string;
  workType: string | null;
  level: Level;
  component: Component;
  /** Target mean difficulty (the bank rule says ≈ 0.65), drawn as a reference when given. */
  targetDifficulty?: number;
  ranges: BlueprintRange[];
  /** Usually A, B, C. At least one. */
  forms: FormQuality[];
  /** Shared items between forms, e.g. `{ a: 'A', b: 'B', shared: 12 }`. */
  overlaps?: { a: FormLabel; b: FormLabel; shared: number }[];
  /** Remarks printed under the table (e.g. why the forms differ in X/Y/Z). */
  notes?: string[];
}

// ───────────────────────────── xlsx ─────────────────────────────

/** A spreadsheet cell value as written: text, number or empty. */
export type XlsxCell = string | number | null;

/** One worksheet: a header row, then data rows. Every text cell is formula-neutralised on write. */
export interface XlsxSheet {
  /** Sheet tab name (≤ 31 chars, no `\ / ? * [ ] :`). */
  name: string;
  /** Optional title merged across the columns above the header row. */
  title?: string;
  header: string[];
  rows: XlsxCell[][];
}

/** One sitting listed in the plan's 场次及时间 column. */
export interface PlanSitting {
  component: Component;
  /** `YYYY-MM-DD`. */
  date: string;
  /** `HH:mm`. */
  start: string;
  /** `HH:mm`. */
  end: string;
}

/** One row of the 认定计划: an occupation (工种) with planned candidate counts per level. */
export interface PlanRow {
  occupationName: string;
  workType: string | null;
  /** Planned candidates per level; missing levels are blank. */
  counts: Partial<Record<Level, number>>;
  sittings: PlanSitting[];
  /** 评价场所. */
  venue: string;
  /** 考评人员 names. */
  examiners: string[];
}

/** 认定计划 export (the plan filed ≥ 10 working days before the sitting). */
export interface PlanExport {
  /** Title row, e.g. `某某学院2024年第二批职业技能等级认定计划`; default `${organization}职业技能等级认定计划`. */
  title?: string;
  rows: PlanRow[];
}

/** Choices offered as drop-downs in the candidate import template. */
export interface CandidateTemplateOptions {
  /** 证件类型 names; default the national list (居民身份证, 中国护照, …). */
  idTypes?: string[];
  /** 文化程度; default the importer's list (初中及以下 … 博士研究生). */
  educationLevels?: string[];
}
