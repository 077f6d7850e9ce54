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
        title: '桂花苑3栋垃圾桶满溢',
        description: '桂花苑3栋楼下的垃圾桶已经两天没人清运，天气热气味很大，还招苍蝇，希望尽快处理。',
        location: { latitude: 30.5843, longitude: 114.3052, address: '桂花苑3栋楼下' },
        channel: IssueChannel.WECHAT_MINIPROGRAM,
        reporterName: '张桂兰',
        reporterPhone: '13900000101',
      },
      acts: [
        accept(119, w.lin),
        assign(118, w.lin, c.zheng, '请社区协调环卫班组清运'),
        start(117, c.zheng),
        resolve(100, c.zheng, '已协调环卫班组清运，并将该点位清运频次调整为每日两次。', '垃圾已清运，清运频次已增加为每日两次。'),
        followUp(96, w.lin, Satisfaction.SATISFIED, FollowUpMethod.PHONE, '居民表示已经干净了'),
        close(95, w.lin),
      ],
    },
    {
      key: 'demo-02',
      hoursAgo: 72,
      reportedBy: w.lin,
      input: {
        categoryCode: 'DISORDERLY_PARKING',
        title: '消防通道长期被私家车占用',
        description: '巡查发现5栋与6栋之间的消防通道长期停放两辆私家车，紧急情况下消防车无法通行。',
        gridId: grids.gh07.id,
        channel: IssueChannel.PATROL,
        anonymous: true,
      },
      acts: [
        accept(71, w.lin),
        assign(70, w.lin, c.zhou, '需街道协调交管部门'),
        start(68, c.zhou),
        resolve(50, c.zhou, '联系车主挪车，并在通道口施划禁停标线。', '已施划禁停标线并通知车主。'),
        followUp(40, w.lin, Satisfaction.UNSATISFIED, FollowUpMethod.VISIT, '晚上车又停回来了'),
        start(36, c.zhou, '联系物业夜间巡查'),
        resolve(20, c.zhou, '物业安排夜间巡查，并加装隔离桩。', '已加装隔离桩，物业每晚巡查。'),
        followUp(10, w.lin, Satisfaction.SATISFIED, FollowUpMethod.VISIT, '隔离桩装好后没有再被占用'),
      ],
    },
    {
      key: 'demo-03',
      hoursAgo: 150,
      reportedBy: w.guo,
      input: {
        categoryCode: 'PROPERTY_SERVICE',
        title: '电梯频繁故障，物业迟迟不修',
        description: '枫林苑2栋电梯一周内停了三次，有老人被困过一次，物业说在等配件，一直没有修好。',
        gridId: grids.fl01.id,
        channel: IssueChannel.RESIDENT_GROUP,
        reporterName: '李秀芳',
        reporterPhone: '13900000103',
      },
      acts: [
        accept(148, w.guo),
        assign(146, w.guo, c.liu, '涉及电梯安全，请住建局督促物业'),
        start(140, c.liu),
        resolve(60, c.liu, '督促物业更换曳引机配件并完成维保检测。', '电梯已完成维修和安全检测。'),
        followUp(30, w.guo, Satisfaction.UNSATISFIED, FollowUpMethod.PHONE, '修好后又停了两次'),
      ],
    },
    {
      key: 'demo-04',
      hoursAgo: 3,
      reportedBy: null,
      input: {
        categoryCode: 'UTILITIES',
        title: '小区停水已超过一天',
        description: '桂花苑从昨天早上开始停水，没有看到任何停水通知，家里有老人和小孩，生活很不方便。',
        gridId: grids.gh07.id,
        channel: IssueChannel.PHONE,
        reporterName: '王建华',
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
        description: '单元楼道里贴满了开锁、通下水道的小广告，刚清理完没几天又贴上了。',
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
        title: '村道塌陷一处，雨天难以通行',
        description: '李家村通往镇上的村道在桥头处塌陷约两米，雨天积水很深，摩托车和三轮车难以通行。',
        gridId: grids.lj01.id,
        channel: IssueChannel.HOUSEHOLD_VISIT,
        reporterName: '赵德明',
        reporterPhone: '13900000106',
      },
      acts: [accept(96, w.gao, '已设置警示标志，待镇里安排维修')],
    },
    {
      key: 'demo-07',
      hoursAgo: 50,
      reportedBy: w.gao,
      input: {
        categoryCode: 'FAMILY_HARDSHIP',
        title: '独居老人冬季取暖困难',
        description: '走访中发现村东头一位独居老人家中没有取暖设备，子女在外地务工，需要帮助申请取暖补贴。',
        gridId: grids.lj01.id,
        channel: IssueChannel.HOUSEHOLD_VISIT,
        anonymous: true,
      },
      acts: [
        accept(49, w.gao),
        assign(48, w.gao, c.feng),
        start(46, c.feng, '先送去一床电热毯应急'),
        act(30, (id) => workflow.escalateIssue(cadre(c.feng), id, { cadreId: c.sun.id, note: '取暖补贴需县农业农村局审批，申请提级协调' })),
        start(20, c.sun),
        act(18, (id) => workflow.commentIssue(cadre(c.sun), id, { publicNote: '已联系县农业农村局，正在办理取暖补贴。', note: '补贴材料已提交，预计三个工作日内审批' })),
      ],
    },
    {
      key: 'demo-08',
      // Long enough ago that its 7 working days have passed whatever the weekday: the demo always has an overdue issue.
      hoursAgo: 300,
      reportedBy: w.liang,
      input: {
        categoryCode: 'DISPUTE',
        title: '邻里因宅基地边界发生纠纷',
        description: '柳溪村两户村民因宅基地边界的围墙发生争执，已经多次口角，需要村里出面调解。',
        gridId: grids.lx01.id,
        channel: IssueChannel.PHONE,
        reporterName: '孙玉梅',
        reporterPhone: '13900000108',
      },
      acts: [accept(298, w.liang), assign(297, w.liang, c.wu), start(290, c.wu, '约双方到村委会调解')],
    },
    {
      key: 'demo-09',
      hoursAgo: 30,
      reportedBy: null,
      input: {
        categoryCode: 'STREET_VENDING',
        title: '早市摊贩占道经营',
        description: '枫林路早市摊贩把摊位摆到了机动车道上，早上七点到九点行人只能在车道上走，很危险。',
        gridId: grids.fl02.id,
        channel: IssueChannel.GOV_APP,
        reporterName: '周伟',
        reporterPhone: '13900000109',
      },
      acts: [accept(29, w.luo), assign(28, w.luo, c.zhao, '请城管局协调规范早市')],
    },
    {
      key: 'demo-10',
      hoursAgo: 60,
      reportedBy: null,
      input: {
        categoryCode: 'DOG_KEEPING',
        title: '遛狗不牵绳，孩子被吓哭',
        description: '每天傍晚有居民在小区广场遛大型犬不牵绳，昨天狗冲向孩子，孩子被吓哭了。',
        gridId: grids.gh07.id,
        channel: IssueChannel.WIDGET,
        reporterName: '吴静',
        reporterPhone: '13900000110',
      },
      acts: [
        accept(58, w.lin),
        assign(57, w.lin, c.zheng),
        start(56, c.zheng),
        resolve(30, c.zheng, '找到养犬人当面劝导，签订文明养犬承诺书。', '已联系养犬人并开展文明养犬宣传。'),
      ],
    },
    {
      key: 'demo-11',
      hoursAgo: 80,
      reportedBy: null,
      input: {
        categoryCode: 'OTHER',
        title: '建议小区增设充电桩',
        description: '小区电动汽车越来越多，建议在地下车库增设充电桩。',
        gridId: grids.gh06.id,
        channel: IssueChannel.WIDGET,
        anonymous: true,
      },
      acts: [
        act(70, (id) =>
          workflow.rejectIssue(worker(w.he), id, { reason: '属于物业和供电公司的经营事项，已告知居民向物业与供电公司咨询。' }),
        ),
      ],
    },
    {
      key: 'demo-12',
      hoursAgo: 200,
      reportedBy: w.lin,
      input: {
        categoryCode: 'PUBLIC_FACILITY',
        title: '儿童游乐场滑梯螺丝松动',
        description: '巡查发现小区儿童游乐场滑梯的扶手螺丝松动，有孩子受伤的风险。',
        gridId: grids.gh07.id,
        channel: IssueChannel.PATROL,
        anonymous: true,
      },
      acts: [
        accept(199, w.lin),
        assign(199, w.lin, c.zheng),
        start(198, c.zheng, '已拉警戒线暂停使用'),
        resolve(190, c.zheng, '联系物业更换螺丝并全面检查游乐设施。', '滑梯已修复，游乐设施已全面检查。'),
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
        title: '社区卫生站常用药短缺',
        description: '枫林社区卫生服务站的降压药已经缺货一周，老人们只能去很远的医院开药。',
        gridId: grids.fl01.id,
        channel: IssueChannel.WECHAT_MINIPROGRAM,
        reporterName: '郑阿姨',
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
