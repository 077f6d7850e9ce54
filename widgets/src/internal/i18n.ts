/**
 * The widgets' words, as one small typed table per locale (smaller than a
 * localisation runtime). Chinese (zh-CN) is the default; English when the
 * element's `lang`, an ancestor's or the page's `<html lang>` says so.
 */
import type { IssueEventType, IssueStatus, RegionLevel } from './api-types';

export type Locale = 'zh-CN' | 'en';

const zh = {
  // shared
  loading: '正在載入…',
  retry: '重試',
  networkError: '網絡連接失敗，請稍後再試。',
  genericError: '出錯了，請稍後再試。',
  reconnecting: '連接中斷，正在重新連接…',
  required: '必填',
  optional: '選填',
  // report form
  formTitle: '反映問題',
  category: '問題類別',
  chooseCategory: '請選擇類別',
  description: '問題描述',
  descriptionHint: '請說明發生了什麼、在哪裡、持續多久。',
  charCount: (n: number, max: number) => `${n} / ${max} 字`,
  location: '問題位置',
  chooseRegion: '請選擇',
  grid: '網格',
  chooseGrid: '請選擇網格',
  useMyLocation: '使用我的位置',
  locating: '正在定位…',
  locatedIn: (grid: string) => `已定位到：${grid}`,
  outsideGrids: '您的位置不在任何網格內，請手動選擇。',
  locationUnavailable: '無法取得您的位置，請手動選擇網格。',
  selectedGrid: (grid: string) => `已選網格：${grid}`,
  changeGrid: '更換網格',
  name: '姓名',
  phone: '手機號碼',
  anonymous: '匿名反映',
  privacy: '姓名和電話僅供網格員回訪使用，不會公開。',
  submit: '提交',
  submitting: '正在提交…',
  missingCategory: '請選擇問題類別。',
  missingDescription: '請填寫問題描述。',
  missingGrid: '請選擇問題所在的網格，或使用您的位置。',
  badPhone: '請填寫11位手機號碼，或留空。',
  savedOffline: '網絡中斷，您的反映已保存在本機，恢復連接後會自動重新提交，不會重複。',
  resubmitting: '正在提交您上次未完成的反映…',
  submitted: '已收到您的反映。',
  trackingCode: '查詢編號',
  trackingHint: '請保存此編號，用於查詢辦理進度。',
  copy: '複製編號',
  copied: '已複製',
  copyFailed: '無法複製，請手動記下編號。',
  newReport: '再反映一個問題',
  rateLimited: '提交太頻繁，請一分鐘後再試。',
  forbidden: '此網站未獲授權提交反映（門戶密鑰無效或來源不符）。',
  // tracker
  trackerTitle: '辦理進度',
  trackingCodeInput: '查詢編號',
  track: '查詢',
  notFound: '找不到這個查詢編號，請核對後重試。',
  currentStatus: (status: string) => `當前狀態：${status}`,
  statusChanged: (status: string) => `辦理狀態已更新為：${status}`,
  category_: '類別',
  gridName: '所屬網格',
  submittedAt: '提交時間',
  dueAt: '辦結期限',
  timeline: '辦理記錄',
  steps: '辦理步驟',
  rejectedNote: '此反映未予受理。',
  // feed
  feedTitle: '實時動態',
  feedSignIn: '請登錄後查看您負責範圍內的問題動態。',
  feedEmpty: '正在等待新的動態…',
  feedLive: '實時連接中',
  overdue: '已超期',
  newEvent: (event: string, title: string) => `新動態：${event}，${title}`,
  // stats
  statsTitle: '件件有回應',
  total: '受理總數',
  open: '辦理中',
  overdueCount: '超期',
  resolutionRate: '辦結率',
  onTimeRate: '按時辦結率',
  satisfactionRate: '滿意率',
  noFollowUps: '暫無回訪',
  status: {
    SUBMITTED: '已提交',
    ACCEPTED: '已受理',
    ASSIGNED: '已派單',
    IN_PROGRESS: '處理中',
    RESOLVED: '已辦結',
    FOLLOWED_UP: '已回訪',
    CLOSED: '已結案',
    REJECTED: '未予受理',
  } satisfies Record<IssueStatus, string>,
  event: {
    SUBMITTED: '提交',
    ACCEPTED: '受理',
    REJECTED: '不予受理',
    ASSIGNED: '派單',
    ESCALATED: '上報',
    STARTED: '開始處理',
    COMMENTED: '進展說明',
    RESOLVED: '辦結',
    FOLLOWED_UP: '回訪',
    REOPENED: '重新辦理',
    CLOSED: '結案',
    OVERDUE: '超期',
  } satisfies Record<IssueEventType, string>,
  level: {
    CITY: '市',
    COUNTY: '區縣',
    TOWNSHIP: '街道鄉鎮',
    COMMUNITY: '社區村',
  } satisfies Record<RegionLevel, string>,
};

export type Strings = typeof zh;

const en: Strings = {
  loading: 'Loading…',
  retry: 'Retry',
  networkError: 'Could not reach the server. Please try again later.',
  genericError: 'Something went wrong. Please try again later.',
  reconnecting: 'Connection lost, reconnecting…',
  required: 'required',
  optional: 'optional',
  formTitle: 'Report a problem',
  category: 'Category',
  chooseCategory: 'Choose a category',
  description: 'Description',
  descriptionHint: 'What happened, where, and for how long.',
  charCount: (n, max) => `${n} / ${max} characters`,
  location: 'Where is it?',
  chooseRegion: 'Choose',
  grid: 'Grid',
  chooseGrid: 'Choose a grid',
  useMyLocation: 'Use my location',
  locating: 'Finding your location…',
  locatedIn: (grid) => `Located in: ${grid}`,
  outsideGrids: 'Your location is outside every grid; please choose one.',
  locationUnavailable: 'Your location is not available; please choose a grid.',
  selectedGrid: (grid) => `Grid: ${grid}`,
  changeGrid: 'Choose another grid',
  name: 'Name',
  phone: 'Mobile phone',
  anonymous: 'Report anonymously',
  privacy: 'Your name and phone are used only for the follow-up call and never published.',
  submit: 'Submit',
  submitting: 'Submitting…',
  missingCategory: 'Please choose a category.',
  missingDescription: 'Please describe the problem.',
  missingGrid: 'Please choose the grid where it is, or use your location.',
  badPhone: 'Enter an 11-digit mobile number, or leave it empty.',
  savedOffline: 'The network dropped. Your report is saved on this device and will be sent again when you are back online, never twice.',
  resubmitting: 'Sending the report you started earlier…',
  submitted: 'Your report has been received.',
  trackingCode: 'Tracking code',
  trackingHint: 'Keep this code to follow your report.',
  copy: 'Copy code',
  copied: 'Copied',
  copyFailed: 'Could not copy; please note the code down.',
  newReport: 'Report another problem',
  rateLimited: 'Too many reports; please try again in a minute.',
  forbidden: 'This site may not send reports (portal key invalid or wrong origin).',
  trackerTitle: 'Progress',
  trackingCodeInput: 'Tracking code',
  track: 'Track',
  notFound: 'No report has this tracking code. Please check it and try again.',
  currentStatus: (status) => `Current status: ${status}`,
  statusChanged: (status) => `Status changed to: ${status}`,
  category_: 'Category',
  gridName: 'Grid',
  submittedAt: 'Submitted',
  dueAt: 'Due',
  timeline: 'History',
  steps: 'Steps',
  rejectedNote: 'This report was not accepted.',
  feedTitle: 'Live feed',
  feedSignIn: 'Sign in to see the issues in your care.',
  feedEmpty: 'Waiting for new events…',
  feedLive: 'Live',
  overdue: 'Overdue',
  newEvent: (event, title) => `New: ${event}, ${title}`,
  statsTitle: 'Every case gets a response',
  total: 'Cases',
  open: 'Open',
  overdueCount: 'Overdue',
  resolutionRate: 'Resolved',
  onTimeRate: 'Resolved on time',
  satisfactionRate: 'Satisfied',
  noFollowUps: 'No follow-ups yet',
  status: {
    SUBMITTED: 'Submitted',
    ACCEPTED: 'Accepted',
    ASSIGNED: 'Assigned',
    IN_PROGRESS: 'In progress',
    RESOLVED: 'Resolved',
    FOLLOWED_UP: 'Followed up',
    CLOSED: 'Closed',
    REJECTED: 'Not accepted',
  },
  event: {
    SUBMITTED: 'Submitted',
    ACCEPTED: 'Accepted',
    REJECTED: 'Not accepted',
    ASSIGNED: 'Assigned',
    ESCALATED: 'Escalated',
    STARTED: 'Work started',
    COMMENTED: 'Update',
    RESOLVED: 'Resolved',
    FOLLOWED_UP: 'Followed up',
    REOPENED: 'Reopened',
    CLOSED: 'Closed',
    OVERDUE: 'Overdue',
  },
  level: {
    CITY: 'City',
    COUNTY: 'District / county',
    TOWNSHIP: 'Street / township',
    COMMUNITY: 'Community / village',
  },
};

const TABLES: Record<Locale, Strings> = { 'zh-CN': zh, en };

/** The locale a `lang` value asks for: English for `en…`, Chinese otherwise. */
export function localeOf(lang: string | null | undefined): Locale {
  return lang && /^en\b/i.test(lang.trim()) ? 'en' : 'zh-CN';
}

/** The element's own `lang` (property or attribute), else the nearest ancestor's, else the page's. */
export function resolveLocale(host: HTMLElement, ownLang?: string): Locale {
  const own = ownLang || host.getAttribute('lang');
  if (own) return localeOf(own);
  const ancestor = host.parentElement?.closest('[lang]')?.getAttribute('lang');
  return localeOf(ancestor || document.documentElement.lang);
}

export function stringsFor(locale: Locale): Strings {
  return TABLES[locale];
}

/** A category group as seeded ("物業管理 / Property") in the reader's language. */
export function groupLabel(group: string, locale: Locale): string {
  const [zhPart, enPart] = group.split(' / ');
  return (locale === 'en' ? enPart : zhPart) || group;
}
