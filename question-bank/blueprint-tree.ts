/**
 * The blueprint tree: types, walking and validation (public face: `question-bank/blueprint.ts`).
 *
 * 鉴定要素细目表 (blueprint): the tree 鉴定范围 (A, B, …) → sub-ranges → 鉴定点 (`001`, …) that a paper
 * must cover. Every node carries a weight (鉴定比重 %), every 鉴定点 an importance X/Y/Z.
 *
 * Codes are written as the full path joined with '-': the 鉴定点 `001` under range `B` under `A` is
 * `A-B-001`, which is what `Item.pointCode` holds. A *cell* is a lowest range (the parent of 鉴定点,
 * e.g. `A-B`) crossed with an item type; papers are filled cell by cell.
 */
import { DomainError } from './errors';
import type { Component, Importance, ItemType, Level } from './types';

/** One node of the tree: a 鉴定范围 when it has children, a 鉴定点 (with `importance`) when not. */
export interface BlueprintNode {
  code: string;
  name: string;
  /** 鉴定比重 in percent; children's weights add up to their parent's. */
  weight: number;
  /** X core, Y general, Z auxiliary: required on 鉴定点, absent on ranges. */
  importance?: Importance;
  children?: BlueprintNode[];
}

/**
 * Item counts fixed by hand per cell and type, e.g. `{ 'A-B': { single: 4, judge: 1 } }`.
 * For every type that appears here, these counts replace the weight-derived ones (absent cells → 0).
 */
export type CellCountTable = Record<string, Partial<Record<ItemType, number>>>;

/** The 细目表 of one occupation × level × component. */
export interface Blueprint {
  occupationCode: string;
  level: Level;
  component: Component;
  ranges: BlueprintNode[];
  explicitCounts?: CellCountTable;
}

/** A 鉴定点 with its full code, e.g. `{ code: 'A-B-001', cell: 'A-B', importance: 'X', … }`. */
export interface BlueprintPoint {
  code: string;
  name: string;
  weight: number;
  importance: Importance;
  cell: string;
}

/** A lowest range (parent of 鉴定点): the row of a cell, with its full code, e.g. `A-B`. */
export interface BlueprintCell {
  key: string;
  name: string;
  weight: number;
  /** Codes of the ranges from the top down to this one, e.g. `['A', 'A-B']`. */
  rangePath: string[];
  points: BlueprintPoint[];
}

/** One problem found while validating, naming the node by its full code. */
export interface BlueprintProblem {
  node: string;
  problem: string;
}

/** The blueprint breaks a structural rule; `details.problems` lists every one found. */
export class BlueprintInvalid extends DomainError {
  constructor(readonly problems: BlueprintProblem[]) {
    const first = problems.slice(0, 3).map((p) => `${p.node}：${p.problem}`).join('；');
    super('BLUEPRINT_INVALID', `鉴定要素细目表有 ${problems.length} 处问题：${first}${problems.length > 3 ? '…' : ''}`, 'invalid', {
      problems,
    });
  }
}

const WEIGHT_TOLERANCE = 1e-6;
const IMPORTANCES: readonly string[] = ['X', 'Y', 'Z'];

function isPoint(node: BlueprintNode): boolean {
  return node.children === undefined || node.children.length === 0;
}

function sameWeight(a: number, b: number): boolean {
  return Math.abs(a - b) <= WEIGHT_TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));
}

function checkNode(node: BlueprintNode, path: string, problems: BlueprintProblem[]): void {
  const at = (problem: string) => problems.push({ node: path, problem });
  if (typeof node.name !== 'string' || node.name.trim() === '') at('缺少名称');
  if (!Number.isFinite(node.weight) || node.weight < 0) at(`比重 ${String(node.weight)} 不是非负数`);
  if (isPoint(node)) {
    if (node.importance === undefined || !IMPORTANCES.includes(node.importance)) {
      at('鉴定点缺少重要程度（X/Y/Z）');
    }
    return;
  }
  if (node.importance !== undefined) at('鉴定范围不应标注重要程度（只有鉴定点标注 X/Y/Z）');
  const children = node.children ?? [];
  const points = children.filter(isPoint).length;
  if (points > 0 && points < children.length) at('下级既有鉴定点又有鉴定范围');
  const sum = children.reduce((s, c) => s + c.weight, 0);
  if (Number.isFinite(node.weight) && !sameWeight(sum, node.weight)) {
    at(`下级比重之和 ${round(sum)} 不等于本级比重 ${round(node.weight)}`);
  }
  // Children after the node's own problems, so the list reads top-down.
  checkSiblings(children, path, problems);
}

function checkSiblings(nodes: BlueprintNode[], parentPath: string | null, problems: BlueprintProblem[]): void {
  const seen = new Set<string>();
  for (const node of nodes) {
    const code = typeof node.code === 'string' ? node.code.trim() : '';
    const path = parentPath === null ? code : `${parentPath}-${code}`;
    if (code === '' || /[-\s]/.test(code) || code !== node.code) {
      problems.push({ node: path || '(空代码)', problem: `代码「${String(node.code)}」不能为空、不能含「-」或空白` });
    }
    if (seen.has(code)) problems.push({ node: path, problem: '代码重复' });
    seen.add(code);
    if (parentPath === null && isPoint(node)) {
      // A top-level 鉴定点 has no range to form a cell with.
      problems.push({ node: path, problem: '顶层必须是鉴定范围，其下应有鉴定点' });
    } else {
      checkNode(node, path, problems);
    }
  }
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

/**
 * Every structural problem of a blueprint (empty when valid): unique codes, children's weights
 * adding up to the parent's, top level adding up to 100, importance on every 鉴定点 and only there,
 * no range mixing 鉴定点 and sub-ranges, top-level nodes being ranges, explicit counts naming cells.
 */
export function blueprintProblems(blueprint: Blueprint): BlueprintProblem[] {
  const problems: BlueprintProblem[] = [];
  const ranges = blueprint.ranges ?? [];
  if (ranges.length === 0) problems.push({ node: '(细目表)', problem: '没有鉴定范围' });
  checkSiblings(ranges, null, problems);
  const total = ranges.reduce((s, r) => s + r.weight, 0);
  if (ranges.length > 0 && !sameWeight(total, 100)) {
    problems.push({ node: '(细目表)', problem: `顶层鉴定范围比重之和 ${round(total)} 不等于 100` });
  }
  if (problems.length === 0 && blueprint.explicitCounts) {
    problems.push(...countTableProblems(blueprint, blueprint.explicitCounts));
  }
  return problems;
}

/** Problems of an explicit count table: cells that are not lowest ranges, counts that are not integers ≥ 0. */
export function countTableProblems(blueprint: Blueprint, table: CellCountTable): BlueprintProblem[] {
  const problems: BlueprintProblem[] = [];
  const cells = new Set(blueprintCells(blueprint).map((c) => c.key));
  for (const [key, byType] of Object.entries(table)) {
    if (!cells.has(key)) problems.push({ node: key, problem: '指定题量的单元不是细目表中的最低层鉴定范围' });
    for (const [type, n] of Object.entries(byType ?? {})) {
      if (!Number.isInteger(n) || (n as number) < 0) {
        problems.push({ node: key, problem: `${type} 的指定题量 ${String(n)} 不是非负整数` });
      }
    }
  }
  return problems;
}

/** Throws `BlueprintInvalid` listing every problem unless the blueprint is well formed. */
export function validateBlueprint(blueprint: Blueprint): void {
  const problems = blueprintProblems(blueprint);
  if (problems.length > 0) throw new BlueprintInvalid(problems);
}

/**
 * The cells' rows (lowest ranges) in document order, each with its 鉴定点.
 * Assumes a valid blueprint (call `validateBlueprint` first).
 * Example: `blueprintCells(bp)[0]` → `{ key: 'A-A', rangePath: ['A', 'A-A'], points: [{ code: 'A-A-001', … }] }`.
 */
export function blueprintCells(blueprint: Blueprint): BlueprintCell[] {
  const cells: BlueprintCell[] = [];
  const walk = (node: BlueprintNode, path: string, rangePath: string[]): void => {
    const children = node.children ?? [];
    if (children.length > 0 && children.every(isPoint)) {
      cells.push({
        key: path,
        name: node.name,
        weight: node.weight,
        rangePath: [...rangePath, path],
        points: children.map((c) => ({
          code: `${path}-${c.code}`,
          name: c.name,
          weight: c.weight,
          importance: c.importance ?? 'Z',
          cell: path,
        })),
      });
      return;
    }
    for (const child of children) walk(child, `${path}-${child.code}`, [...rangePath, path]);
  };
  for (const top of blueprint.ranges) walk(top, top.code, []);
  return cells;
}

/** All 鉴定点 keyed by full code, for looking up an item's `pointCode`. */
export function blueprintPoints(blueprint: Blueprint): Map<string, BlueprintPoint> {
  const points = new Map<string, BlueprintPoint>();
  for (const cell of blueprintCells(blueprint)) for (const p of cell.points) points.set(p.code, p);
  return points;
}
