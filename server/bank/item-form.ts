/**
 * An item typed into the office's form is checked by exactly the rules an import row is checked by
 * (`buildDrafts` of the formats module), so a bank never holds an item one path would refuse.
 */
import { buildDrafts, FIELD_LABELS, ImportRejected, type ItemDraft, type ItemOption, type ItemStatus, type ItemType, type Level } from '../../question-bank';
import { ValidationFailed } from '../errors';

/** The fields of the item form. */
export interface ItemForm {
  type: ItemType;
  stem: string;
  options: ItemOption[];
  key: string[];
  reference?: string | null | undefined;
  pointCode: string;
  difficulty?: number | undefined;
  discrimination?: number | undefined;
  enemyGroup?: string | null | undefined;
  status: ItemStatus;
}

/**
 * The validated draft of a form, or `ValidationFailed` naming each field (题干, 答案, …) and its problem.
 * Example: `formDraft({ type: 'single', stem: '…', options, key: ['B'], pointCode: 'A-B-001', status: 'active' }, '6-31-01-03', 4)`.
 */
export function formDraft(form: ItemForm, occupationCode: string, level: number): ItemDraft {
  try {
    const { items } = buildDrafts(
      [
        {
          row: 1,
          type: form.type,
          stem: form.stem,
          options: form.type === 'judge' || form.type === 'subjective' ? [] : form.options,
          key: form.key,
          ...(form.reference != null && form.reference.trim() !== '' && { reference: form.reference }),
          pointCode: form.pointCode,
          ...(form.difficulty !== undefined && { difficulty: form.difficulty }),
          ...(form.discrimination !== undefined && { discrimination: form.discrimination }),
          enemyGroup: form.enemyGroup ?? null,
          status: form.status,
        },
      ],
      { occupationCode, level: level as Level },
      (f) => FIELD_LABELS[f],
      { format: 'form', unit: '题' },
    );
    return items[0]!;
  } catch (e) {
    if (e instanceof ImportRejected) throw new ValidationFailed(e.errors.map((r) => ({ field: r.column, problem: r.problem })));
    throw e;
  }
}
