/**
 * 考场规则 shown in the candidate's lobby. Plain text so an organization can change it in one place;
 * nothing in the system depends on its wording.
 */
export const DEFAULT_ROOM_RULES: readonly string[] = [
  '考生凭准考证和有效身份证件入场，按座位号就座，并将证件放在桌面左上角以便核验。',
  '开考前请认真阅读本页说明；开考后系统自动显示试题，考试时间以屏幕上的服务器时间为准。',
  '答案在每次作答后自动保存。如遇断网、死机或断电，请举手示意监考员，已保存的答案和剩余时间不会丢失。',
  '考试期间不得离开考试页面、切换窗口、复制粘贴或打印，上述操作会被记录并报告监考员。',
  '不得携带手机等通讯工具，不得交头接耳、抄袭或协助他人作弊，违者按违纪处理。',
  '可使用“标记”功能标出需要复查的题目；交卷前请在答题卡中检查未答和已标记的题目。',
  '考试结束时系统自动交卷；提前交卷后不能再修改答案。',
];
