import { Show } from 'solid-js';
import { ApiError } from '../lib/http';

// Chinese labels for the field names the API reports; unknown names are shown as they are.
const FIELD_LABELS: Record<string, string> = {
  username: '用户名', password: '密码', displayName: '姓名', name: '姓名', role: '角色', workUnit: '单位',
  idNumber: '证件号码', idType: '证件类型', gender: '性别', birthDate: '出生日期', education: '文化程度',
  workYears: '工作年限', photo: '照片', level: '等级', occupationId: '职业', occupationCode: '职业编码', workType: '工种',
  code: '编码', levels: '等级', ticketNo: '准考证号', no: '证书编号', number: '证书编号', stem: '题干', options: '选项',
  key: '答案', pointCode: '鉴定点', difficulty: '难度', discrimination: '区分度', date: '日期', startTime: '开考时间',
  durationMin: '时长（分钟）', venue: '考点', capacity: '容量', reason: '原因', corrections: '答案更正', seed: '随机种子',
  tree: '细目表', spec: '试卷结构', mark: '分数', marks: '分数', text: '内容', id: '编号',
  setupCode: '初始化码', organization: '机构', admin: '管理员', type: '机构类型', uscc: '统一社会信用代码', province: '省份代码',
  certOrgCode: '证书机构代码', certOrgSerial: '证书机构序号', certIssuer: '发证机构',
};
const label = (field: string) => field.split('.').map((part) => FIELD_LABELS[part] ?? (/^\d+$/.test(part) ? `第 ${Number(part) + 1} 项` : part)).join(' · ');

/** A clear, dismissable error message; lists field problems when the server named them. */
export function ErrorBanner(props: { error: unknown; onClose?: () => void }) {
  const fields = () => {
    const e = props.error;
    if (e instanceof ApiError && Array.isArray(e.details.fields)) {
      return (e.details.fields as { field: string; problem: string }[]).map((f) => ({ field: label(f.field), problem: f.problem }));
    }
    if (e instanceof ApiError && Array.isArray(e.details.errors)) {
      return (e.details.errors as { row: number; column: string; problem: string }[]).map((r) => ({ field: `第 ${r.row} 行 ${r.column}`, problem: r.problem }));
    }
    return [];
  };
  // With several field problems the list says it all; repeating them in the headline only doubles the text.
  const message = () => (fields().length > 1 ? '输入有误，请检查以下各项' : props.error instanceof Error ? props.error.message : String(props.error));
  return (
    <Show when={props.error}>
      <div class="error-banner" role="alert">
        <strong>出错了：</strong>
        {message()}
        <Show when={fields().length > 1}>
          <ul>
            {fields().slice(0, 50).map((f) => (
              <li>
                {f.field}：{f.problem}
              </li>
            ))}
          </ul>
        </Show>
        <Show when={props.onClose}>
          <button class="link" onClick={() => props.onClose?.()}>
            关闭
          </button>
        </Show>
      </div>
    </Show>
  );
}
