/**
 * Demo issues on the demo city: about a dozen, in every state, created
 * through the real report and workflow services (so every timeline is a real
 * one), acted out by the demo grid workers and cadres over the past days on
 * a replayed clock. A few have missed their deadlines; the overdue sweep
 * raises their OVERDUE events at the end. Reporters' names are fictional.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { FollowUpMethod, IssueChannel, Role, Satisfaction } from '../../domain/enums';
import type { Viewer } from '../../modules/auth/viewer';
import { CadreAssignment, type Cadre } from '../../modules/cadres/cadre.entity';
import type { GridWorker } from '../../modules/grids/grid-worker.entity';
import * as workflow from '../../modules/issues/issue-workflow.service';
import type { ReportIssueInput } from '../../modules/issues/issue.type';
import { sweepOverdue } from '../../modules/issues/overdue-sweeper';
import { silentNotifier } from '../../modules/realtime/event-notifier';
import { submitReport } from '../../modules/tracking/report.service';
import type { DemoCity } from './demo-city';

const HOUR_MS = 3_600_000;

/** One thing someone does to a demo issue, some hours ago. */
interface Act {
  hoursAgo: number;
  run(issueId: string): Promise<unknown>;
}

interface DemoIssue {
  key: string;
  hoursAgo: number;
  /** The grid worker who takes it in (or null when a resident reports it through a portal). */
  reportedBy: GridWorker | null;
  input: Omit<ReportIssueInput, 'idempotencyKey'>;
  acts: Act[];
}

function workerViewer(worker: GridWorker): Viewer {
  return {
    userId: `demo-worker-${worker.id}`,
    username: '',
    displayName: worker.name,
    role: Role.GRID_WORKER,
    cadreId: null,
    gridWorkerId: worker.id,
    gridIds: [worker.grid.id],
    scopeRegionPath: null,
  };
}

function cadreViewer(cadre: Cadre, gridIds: string[]): Viewer {
  return {
    userId: `demo-cadre-${cadre.id}`,
    username: '',
    displayName: cadre.name,
    role: Role.CADRE,
    cadreId: cadre.id,
    gridWorkerId: null,
    gridIds,
    scopeRegionPath: null,
  };
}

export async function seedDemoIssues(em: EntityManager, demo: DemoCity, now: Date = new Date()): Promise<void> {
  const { grids, cadres: c, workers: w } = demo;
  const assignments = await em.find(CadreAssignment, {});
  const gridsOf = (cadre: Cadre) => assignments.filter((a) => a.cadre.id === cadre.id).map((a) => a.grid.id);

  let clockNow = now;
  const clock = () => clockNow;
  const as = (viewer: Viewer): workflow.WorkflowActor => ({ em, viewer, events: silentNotifier, now: clock });
  const worker = (gw: GridWorker) => as(workerViewer(gw));
  const cadre = (cd: Cadre) => as(cadreViewer(cd, gridsOf(cd)));

  const act = (hoursAgo: number, run: Act['run']): Act => ({ hoursAgo, run });
  const accept = (h: number, by: GridWorker, note?: string) => act(h, (id) => workflow.acceptIssue(worker(by), id, { note }));
  const assign = (h: number, by: GridWorker, to: Cadre, note?: string) =>
    act(h, (id) => workflow.assignIssue(worker(by), id, { cadreId: to.id, note }));
  const start = (h: number, by: Cadre, note?: string) => act(h, (id) => workflow.startIssue(cadre(by), id, { note }));
  const resolve = (h: number, by: Cadre, resolution: string, publicNote?: string) =>
    act(h, (id) => workflow.resolveIssue(cadre(by), id, { resolution, publicNote }));
  const followUp = (h: number, by: GridWorker, satisfaction: Satisfaction, method: FollowUpMethod, comment?: string) =>
    act(h, (id) => workflow.recordFollowUp(worker(by), id, { input: { satisfaction, method, comment } }));
  const close = (h: number, by: GridWorker, note?: string) => act(h, (id) => workflow.closeIssue(worker(by), id, { note }));

  const issues: DemoIssue[] = [
    {
      key: 'demo-01',
      hoursAgo: 120,
      reportedBy: null,
      input: {
        categoryCode: 'GARBAGE',
        title: '桂花苑3棟垃圾桶滿溢',
        description: '桂花苑3棟樓下的垃圾桶已經兩天沒人清運，天氣熱氣味很大，還招蒼蠅，希望盡快處理。',
        location: { latitude: 30.5843, longitude: 114.3052, address: '桂花苑3棟樓下' },
        channel: IssueChannel.WECHAT_MINIPROGRAM,
        reporterName: '張桂蘭',
        reporterPhone: '13900000101',
      },
      acts: [
        accept(119, w.lin),
        assign(118, w.lin, c.zheng, '請社區協調環衛班組清運'),
        start(117, c.zheng),
        resolve(100, c.zheng, '已協調環衛班組清運，並將該點位清運頻次調整為每日兩次。', '垃圾已清運，清運頻次已增加為每日兩次。'),
        followUp(96, w.lin, Satisfaction.SATISFIED, FollowUpMethod.PHONE, '居民表示已經乾淨了'),
        close(95, w.lin),
      ],
    },
    {
      key: 'demo-02',
      hoursAgo: 72,
      reportedBy: w.lin,
      input: {
        categoryCode: 'DISORDERLY_PARKING',
        title: '消防通道長期被私家車佔用',
        description: '巡查發現5棟與6棟之間的消防通道長期停放兩輛私家車，緊急情況下消防車無法通行。',
        gridId: grids.gh07.id,
        channel: IssueChannel.PATROL,
        anonymous: true,
      },
      acts: [
        accept(71, w.lin),
        assign(70, w.lin, c.zhou, '需街道協調交管部門'),
        start(68, c.zhou),
        resolve(50, c.zhou, '聯繫車主挪車，並在通道口施劃禁停標線。', '已施劃禁停標線並通知車主。'),
        followUp(40, w.lin, Satisfaction.UNSATISFIED, FollowUpMethod.VISIT, '晚上車又停回來了'),
        start(36, c.zhou, '聯繫物業夜間巡查'),
        resolve(20, c.zhou, '物業安排夜間巡查，並加裝隔離樁。', '已加裝隔離樁，物業每晚巡查。'),
        followUp(10, w.lin, Satisfaction.SATISFIED, FollowUpMethod.VISIT, '隔離樁裝好後沒有再被佔用'),
      ],
    },
    {
      key: 'demo-03',
      hoursAgo: 150,
      reportedBy: w.guo,
      input: {
        categoryCode: 'PROPERTY_SERVICE',
        title: '電梯頻繁故障，物業遲遲不修',
        description: '楓林苑2棟電梯一週內停了三次，有老人被困過一次，物業說在等配件，一直沒有修好。',
        gridId: grids.fl01.id,
        channel: IssueChannel.RESIDENT_GROUP,
        reporterName: '李秀芳',
        reporterPhone: '13900000103',
      },
      acts: [
        accept(148, w.guo),
        assign(146, w.guo, c.liu, '涉及電梯安全，請住建局督促物業'),
        start(140, c.liu),
        resolve(60, c.liu, '督促物業更換曳引機配件並完成維保檢測。', '電梯已完成維修和安全檢測。'),
        followUp(30, w.guo, Satisfaction.UNSATISFIED, FollowUpMethod.PHONE, '修好後又停了兩次'),
      ],
    },
    {
      key: 'demo-04',
      hoursAgo: 3,
      reportedBy: null,
      input: {
        categoryCode: 'UTILITIES',
        title: '小區停水已超過一天',
        description: '桂花苑從昨天早上開始停水，沒有看到任何停水通知，家裡有老人和小孩，生活很不方便。',
        gridId: grids.gh07.id,
        channel: IssueChannel.PHONE,
        reporterName: '王建華',
        reporterPhone: '13900000104',
      },
      acts: [],
    },
    {
      key: 'demo-05',
      hoursAgo: 40,
      reportedBy: null,
      input: {
        categoryCode: 'ILLEGAL_FLYERS',
        description: '單元樓道裡貼滿了開鎖、通下水道的小廣告，剛清理完沒幾天又貼上了。',
        gridId: grids.gh06.id,
        channel: IssueChannel.WIDGET,
        anonymous: true,
      },
      acts: [],
    },
    {
      key: 'demo-06',
      hoursAgo: 100,
      reportedBy: w.gao,
      input: {
        categoryCode: 'RURAL_ROAD',
        title: '村道塌陷一處，雨天難以通行',
        description: '李家村通往鎮上的村道在橋頭處塌陷約兩米，雨天積水很深，摩托車和三輪車難以通行。',
        gridId: grids.lj01.id,
        channel: IssueChannel.HOUSEHOLD_VISIT,
        reporterName: '趙德明',
        reporterPhone: '13900000106',
      },
      acts: [accept(96, w.gao, '已設置警示標誌，待鎮裡安排維修')],
    },
    {
      key: 'demo-07',
      hoursAgo: 50,
      reportedBy: w.gao,
      input: {
        categoryCode: 'FAMILY_HARDSHIP',
        title: '獨居老人冬季取暖困難',
        description: '走訪中發現村東頭一位獨居老人家中沒有取暖設備，子女在外地務工，需要幫助申請取暖補貼。',
        gridId: grids.lj01.id,
        channel: IssueChannel.HOUSEHOLD_VISIT,
        anonymous: true,
      },
      acts: [
        accept(49, w.gao),
        assign(48, w.gao, c.feng),
        start(46, c.feng, '先送去一床電熱毯應急'),
        act(30, (id) => workflow.escalateIssue(cadre(c.feng), id, { cadreId: c.sun.id, note: '取暖補貼需縣農業農村局審批，申請提級協調' })),
        start(20, c.sun),
        act(18, (id) => workflow.commentIssue(cadre(c.sun), id, { publicNote: '已聯繫縣農業農村局，正在辦理取暖補貼。', note: '補貼材料已提交，預計三個工作日內審批' })),
      ],
    },
    {
      key: 'demo-08',
      hoursAgo: 200,
      reportedBy: w.liang,
      input: {
        categoryCode: 'DISPUTE',
        title: '鄰里因宅基地邊界發生糾紛',
        description: '柳溪村兩戶村民因宅基地邊界的圍牆發生爭執，已經多次口角，需要村裡出面調解。',
        gridId: grids.lx01.id,
        channel: IssueChannel.PHONE,
        reporterName: '孫玉梅',
        reporterPhone: '13900000108',
      },
      acts: [accept(198, w.liang), assign(197, w.liang, c.wu), start(190, c.wu, '約雙方到村委會調解')],
    },
    {
      key: 'demo-09',
      hoursAgo: 30,
      reportedBy: null,
      input: {
        categoryCode: 'STREET_VENDING',
        title: '早市攤販佔道經營',
        description: '楓林路早市攤販把攤位擺到了機動車道上，早上七點到九點行人只能在車道上走，很危險。',
        gridId: grids.fl02.id,
        channel: IssueChannel.GOV_APP,
        reporterName: '周偉',
        reporterPhone: '13900000109',
      },
      acts: [accept(29, w.luo), assign(28, w.luo, c.zhao, '請城管局協調規範早市')],
    },
    {
      key: 'demo-10',
      hoursAgo: 60,
      reportedBy: null,
      input: {
        categoryCode: 'DOG_KEEPING',
        title: '遛狗不牽繩，孩子被嚇哭',
        description: '每天傍晚有居民在小區廣場遛大型犬不牽繩，昨天狗衝向孩子，孩子被嚇哭了。',
        gridId: grids.gh07.id,
        channel: IssueChannel.WIDGET,
        reporterName: '吳靜',
        reporterPhone: '13900000110',
      },
      acts: [
        accept(58, w.lin),
        assign(57, w.lin, c.zheng),
        start(56, c.zheng),
        resolve(30, c.zheng, '找到養犬人當面勸導，簽訂文明養犬承諾書。', '已聯繫養犬人並開展文明養犬宣傳。'),
      ],
    },
    {
      key: 'demo-11',
      hoursAgo: 80,
      reportedBy: null,
      input: {
        categoryCode: 'OTHER',
        title: '建議小區增設充電樁',
        description: '小區電動汽車越來越多，建議在地下車庫增設充電樁。',
        gridId: grids.gh06.id,
        channel: IssueChannel.WIDGET,
        anonymous: true,
      },
      acts: [
        act(70, (id) =>
          workflow.rejectIssue(worker(w.he), id, { reason: '屬於物業和供電公司的經營事項，已告知居民向物業與供電公司諮詢。' }),
        ),
      ],
    },
    {
      key: 'demo-12',
      hoursAgo: 200,
      reportedBy: w.lin,
      input: {
        categoryCode: 'PUBLIC_FACILITY',
        title: '兒童遊樂場滑梯螺絲鬆動',
        description: '巡查發現小區兒童遊樂場滑梯的扶手螺絲鬆動，有孩子受傷的風險。',
        gridId: grids.gh07.id,
        channel: IssueChannel.PATROL,
        anonymous: true,
      },
      acts: [
        accept(199, w.lin),
        assign(199, w.lin, c.zheng),
        start(198, c.zheng, '已拉警戒線暫停使用'),
        resolve(190, c.zheng, '聯繫物業更換螺絲並全面檢查遊樂設施。', '滑梯已修復，遊樂設施已全面檢查。'),
        followUp(180, w.lin, Satisfaction.BASICALLY_SATISFIED, FollowUpMethod.VISIT),
        close(179, w.lin),
      ],
    },
    {
      key: 'demo-13',
      hoursAgo: 10,
      reportedBy: null,
      input: {
        categoryCode: 'MEDICAL_CARE',
        title: '社區衛生站常用藥短缺',
        description: '楓林社區衛生服務站的降壓藥已經缺貨一週，老人們只能去很遠的醫院開藥。',
        gridId: grids.fl01.id,
        channel: IssueChannel.WECHAT_MINIPROGRAM,
        reporterName: '鄭阿姨',
      },
      acts: [accept(9, w.guo)],
    },
  ];

  // Replay everything in time order, so the timeline's order is also the order of the clock.
  const ids = new Map<string, string>();
  const agenda = issues.flatMap((issue) => [
    {
      hoursAgo: issue.hoursAgo,
      run: async () => {
        const result = await submitReport(em, {
          scope: 'seed:demo',
          actorName: issue.reportedBy?.name ?? null,
          input: { ...issue.input, idempotencyKey: issue.key },
          events: silentNotifier,
          now: clock,
        });
        ids.set(issue.key, result.issueId);
      },
    },
    ...issue.acts.map((a) => ({ hoursAgo: a.hoursAgo, run: () => a.run(ids.get(issue.key)!) })),
  ]);
  // A stable sort keeps each issue's acts in their written order when two share an hour.
  agenda.sort((a, b) => b.hoursAgo - a.hoursAgo);
  for (const item of agenda) {
    clockNow = new Date(now.getTime() - item.hoursAgo * HOUR_MS);
    await item.run();
  }
  await sweepOverdue(em, silentNotifier, now);
}
