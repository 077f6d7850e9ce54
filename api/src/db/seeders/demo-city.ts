/**
 * The demo city (临江市, fictional, as are all personal names): an urban
 * district with a street, two communities and their grids (one is grid No. 7),
 * a rural county with a township and two villages, cadres from four levels and
 * several bureaus, grid workers, one account per role, and issues in every state.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { DEMO_ADMIN_PASSWORD } from '../../config';
import { CadreLevel, GridKind, RegionLevel, Role } from '../../domain/enums';
import { hashPassword } from '../../modules/auth/password';
import { User } from '../../modules/auth/user.entity';
import { Cadre, CadreAssignment } from '../../modules/cadres/cadre.entity';
import { boundingBox } from '../../modules/grids/geometry';
import { Grid, type LatLng } from '../../modules/grids/grid.entity';
import { GridWorker } from '../../modules/grids/grid-worker.entity';
import { Region } from '../../modules/regions/region.entity';

/** Every demo account's password (documented in the README). */
export const DEMO_PASSWORD = DEMO_ADMIN_PASSWORD;

/** A rectangle south-west corner first, `size` degrees across. */
function square(latitude: number, longitude: number, size = 0.01): LatLng[] {
  return [
    { latitude, longitude },
    { latitude, longitude: longitude + size },
    { latitude: latitude + size, longitude: longitude + size },
    { latitude: latitude + size, longitude },
  ];
}

export interface DemoCity {
  city: Region;
  district: Region;
  county: Region;
  street: Region;
  township: Region;
  communities: Record<'guihua' | 'fenglin' | 'lijia' | 'liuxi', Region>;
  grids: Record<'gh07' | 'gh06' | 'fl01' | 'fl02' | 'lj01' | 'lx01', Grid>;
  cadres: Record<'chen' | 'liu' | 'zhao' | 'sun' | 'zhou' | 'wu' | 'zheng' | 'feng', Cadre>;
  workers: Record<'lin' | 'he' | 'guo' | 'luo' | 'gao' | 'liang', GridWorker>;
}

/** `passwordHash`: the demo password's hash, if already being computed (bootstrap.ts starts it early). */
export async function seedDemoCity(em: EntityManager, passwordHash: Promise<string> = hashPassword(DEMO_PASSWORD)): Promise<DemoCity> {
  const region = (name: string, level: RegionLevel, parent?: Region) => {
    const r = em.create(Region, { name, level, parent, path: '' });
    r.path = `${parent ? parent.path : '/'}${r.id}/`;
    return r;
  };
  const city = region('临江市', RegionLevel.CITY);
  const district = region('江城区', RegionLevel.COUNTY, city);
  const county = region('青山县', RegionLevel.COUNTY, city);
  const street = region('东湖街道', RegionLevel.TOWNSHIP, district);
  const township = region('石桥镇', RegionLevel.TOWNSHIP, county);
  const communities = {
    guihua: region('桂花社区', RegionLevel.COMMUNITY, street),
    fenglin: region('枫林社区', RegionLevel.COMMUNITY, street),
    lijia: region('李家村', RegionLevel.COMMUNITY, township),
    liuxi: region('柳溪村', RegionLevel.COMMUNITY, township),
  };

  const grid = (code: string, name: string, description: string, kind: GridKind, community: Region, boundary: LatLng[]) =>
    em.create(Grid, { code, name, description, kind, region: community, regionPath: community.path, boundary, ...boundingBox(boundary) });
  const grids = {
    gh07: grid('JC-DH-GH-07', '桂花社区第7网格', '桂花苑1–6栋、小区广场和儿童游乐场、桂花路东段', GridKind.URBAN_COMMUNITY, communities.guihua, square(30.58, 114.3)),
    gh06: grid('JC-DH-GH-06', '桂花社区第6网格', '桂花苑7–12栋、地下车库、桂花路西段', GridKind.URBAN_COMMUNITY, communities.guihua, square(30.58, 114.29)),
    fl01: grid('JC-DH-FL-01', '枫林社区第1网格', '枫林苑1–8栋、枫林社区卫生服务站', GridKind.URBAN_COMMUNITY, communities.fenglin, square(30.59, 114.3)),
    fl02: grid('JC-DH-FL-02', '枫林社区第2网格', '枫林路早市、枫林新村、江滨路北段', GridKind.URBAN_COMMUNITY, communities.fenglin, square(30.59, 114.29)),
    lj01: grid('QS-SQ-LJ-01', '李家村网格', '李家村全村：村委会、桥头、通往石桥镇的村道', GridKind.RURAL, communities.lijia, square(30.7, 114.5, 0.05)),
    lx01: grid('QS-SQ-LX-01', '柳溪村网格', '柳溪村全村：柳溪老街、村卫生室、沿溪农田', GridKind.RURAL, communities.liuxi, square(30.7, 114.55, 0.05)),
  };

  const cadre = (name: string, level: CadreLevel, unit: string, home: Region) => em.create(Cadre, { name, level, unit, region: home });
  const cadres = {
    chen: cadre('陈明远', CadreLevel.CITY, '临江市民政局', city),
    liu: cadre('刘思琪', CadreLevel.CITY, '临江市住房和城乡建设局', city),
    zhao: cadre('赵海峰', CadreLevel.COUNTY, '江城区城市管理局', district),
    sun: cadre('孙丽华', CadreLevel.COUNTY, '青山县农业农村局', county),
    zhou: cadre('周文斌', CadreLevel.TOWNSHIP, '东湖街道办事处', street),
    wu: cadre('吴晓燕', CadreLevel.TOWNSHIP, '石桥镇人民政府', township),
    zheng: cadre('郑大勇', CadreLevel.VILLAGE, '桂花社区居民委员会', communities.guihua),
    feng: cadre('冯春梅', CadreLevel.VILLAGE, '李家村村民委员会', communities.lijia),
  };
  // 包联, nearest first: each cadre to the grids near their unit.
  const assignments: [Cadre, Grid][] = [
    [cadres.chen, grids.gh07],
    [cadres.liu, grids.gh07],
    [cadres.liu, grids.fl01],
    [cadres.zhao, grids.gh06],
    [cadres.zhao, grids.fl02],
    [cadres.sun, grids.lj01],
    [cadres.zhou, grids.gh07],
    [cadres.zhou, grids.fl01],
    [cadres.wu, grids.lj01],
    [cadres.wu, grids.lx01],
    [cadres.zheng, grids.gh07],
    [cadres.feng, grids.lj01],
  ];
  for (const [c, g] of assignments) em.create(CadreAssignment, { cadre: c, grid: g });

  const worker = (name: string, g: Grid) => em.create(GridWorker, { name, grid: g });
  const workers = {
    lin: worker('林小红', grids.gh07),
    he: worker('何志强', grids.gh06),
    guo: worker('郭美玲', grids.fl01),
    luo: worker('罗建军', grids.fl02),
    gao: worker('高秀英', grids.lj01),
    liang: worker('梁勇', grids.lx01),
  };

  const hash = await passwordHash;
  const user = (username: string, displayName: string, role: Role, extra: Partial<User> = {}) =>
    em.create(User, { username, displayName, role, passwordHash: hash, ...extra });
  user('cadre.zheng', '郑大勇', Role.CADRE, { cadre: cadres.zheng });
  user('cadre.chen', '陈明远', Role.CADRE, { cadre: cadres.chen });
  user('cadre.sun', '孙丽华', Role.CADRE, { cadre: cadres.sun, scopeRegion: county });
  user('supervisor.liu', '刘思琪', Role.CADRE, { cadre: cadres.liu, scopeRegion: city });
  user('worker.lin', '林小红', Role.GRID_WORKER, { gridWorker: workers.lin });
  user('worker.gao', '高秀英', Role.GRID_WORKER, { gridWorker: workers.gao });
  await em.flush();

  return { city, district, county, street, township, communities, grids, cadres, workers };
}
