/** Terms the Chinese texts share, as AWS's Chinese console words them (docs/zh-CN/glossary.md). */

/** Instance states in Chinese; a state not listed is shown as the service names it. */
const STATES: Readonly<Record<string, string>> = {
  running: '运行中',
  stopped: '已停止',
  stopping: '正在停止',
  pending: '正在启动',
  starting: '正在启动',
  rebooting: '正在重启',
};

/** An instance state as the console shows it: "运行中", "已停止". */
export const stateZh = (state: string): string => STATES[state] ?? state;
