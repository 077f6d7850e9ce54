/**
 * The sizes the benchmark generates. Each level fans out from the one above,
 * so every entity's ancestors follow from its number alone (no lookups while
 * generating). `city` is the issue's reference size; `province` is ten cities.
 */
export type ScaleName = 'small' | 'city' | 'province';

export interface Scale {
  name: ScaleName;
  cities: number;
  countiesPerCity: number;
  townshipsPerCounty: number;
  communitiesPerTownship: number;
  gridsPerCommunity: number;
  cadresPerGrid: number;
  issuesPerCity: number;
  /** Seconds each measured load round lasts. */
  roundSeconds: number;
  rounds: number;
  /** Sequential statistics requests per round. */
  statsSamples: number;
}

export const SCALES: Record<ScaleName, Scale> = {
  small: {
    name: 'small',
    cities: 1,
    countiesPerCity: 2,
    townshipsPerCounty: 4,
    communitiesPerTownship: 5,
    gridsPerCommunity: 2,
    cadresPerGrid: 4,
    issuesPerCity: 20_000,
    roundSeconds: 4,
    rounds: 3,
    statsSamples: 20,
  },
  city: {
    name: 'city',
    cities: 1,
    countiesPerCity: 10,
    townshipsPerCounty: 10,
    communitiesPerTownship: 15,
    gridsPerCommunity: 2,
    cadresPerGrid: 4,
    issuesPerCity: 1_000_000,
    roundSeconds: 8,
    rounds: 3,
    statsSamples: 40,
  },
  province: {
    name: 'province',
    cities: 10,
    countiesPerCity: 10,
    townshipsPerCounty: 10,
    communitiesPerTownship: 15,
    gridsPerCommunity: 2,
    cadresPerGrid: 4,
    issuesPerCity: 1_000_000,
    roundSeconds: 8,
    rounds: 3,
    statsSamples: 40,
  },
};

/** Totals of each kind of row. */
export function totals(s: Scale) {
  const counties = s.cities * s.countiesPerCity;
  const townships = counties * s.townshipsPerCounty;
  const communities = townships * s.communitiesPerTownship;
  const grids = communities * s.gridsPerCommunity;
  return { cities: s.cities, counties, townships, communities, grids, cadres: grids * s.cadresPerGrid, issues: s.cities * s.issuesPerCity };
}
