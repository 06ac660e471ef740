import { STREAM } from './constants';
import { utf8 } from './csvText';
import { Rng } from './rng';
import { FEMALE_FIRST_NAMES, LAST_NAMES, MALE_FIRST_NAMES } from './vocab/people';
import { CITIES, City, REGIONS, STREETS, STREET_SUFFIXES, ZERO_ZIP_CITIES } from './vocab/places';

/** A warehouse, distribution centre or store (warehouse_locations rows). */
export interface Location {
  readonly id: string;
  readonly name: string;
  /** Index into LOCATION_TYPES. */
  readonly type: number;
  readonly city: City;
  readonly address: string;
  readonly capacity: number;
  readonly manager: string;
}

const WAREHOUSE_STREETS = ['Industrial Pkwy', 'Commerce Dr', 'Logistics Way', 'Distribution Blvd', 'Freight Rd', 'Enterprise Ave'];

/** Number of stores for a number of customers. */
export function storeCount(customers: number): number {
  return Math.max(3, Math.min(400, Math.floor(customers / 2500)));
}

/** Number of warehouses and distribution centres for a number of customers. */
export function warehouseCount(customers: number): number {
  return Math.max(4, Math.min(30, 4 + Math.floor(Math.sqrt(customers) / 40)));
}

/**
 * The retailer's sites: warehouses (ids `WH001`...) spread over the sales regions, and stores
 * (ids `ST0001`...) spread over the customer cities. Stores are the `store_id` of in-store sales;
 * warehouses are the `origin_location` of shipments.
 */
export class Locations {
  readonly warehouses: Location[] = [];
  readonly stores: Location[] = [];
  readonly warehouseIdBytes: Uint8Array[];
  readonly storeIdBytes: Uint8Array[];
  private readonly byRegion: number[][] = REGIONS.map(() => []);

  constructor(seed: number, customers: number) {
    const rng = new Rng();
    const names = new Map<string, number>();
    const uniqueName = (base: string): string => {
      const seen = (names.get(base) ?? 0) + 1;
      names.set(base, seen);
      return seen === 1 ? base : `${base} #${seen}`;
    };
    const manager = (): string => {
      const pool = rng.below(2) === 0 ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES;
      return `${pool[rng.below(pool.length)]} ${LAST_NAMES[rng.below(LAST_NAMES.length)]}`;
    };
    const allCities = [...CITIES, ...ZERO_ZIP_CITIES];
    const wh = warehouseCount(customers);
    for (let w = 0; w < wh; w++) {
      rng.reset(seed, STREAM.locations, w);
      const region = w % REGIONS.length;
      const candidates = allCities.filter((c) => c.region === region);
      const city = candidates[rng.below(candidates.length)];
      const type = rng.below(3) === 0 ? 1 : 0;
      const address = `${100 + rng.below(9900)} ${WAREHOUSE_STREETS[rng.below(WAREHOUSE_STREETS.length)]}`;
      const capacity = type === 0 ? 20000 + rng.below(130001) : 50000 + rng.below(200001);
      this.warehouses.push({
        id: `WH${String(w + 1).padStart(3, '0')}`,
        name: uniqueName(`${city.name} ${type === 0 ? 'Fulfillment Center' : 'Distribution Center'}`),
        type,
        city,
        address,
        capacity,
        manager: manager(),
      });
      this.byRegion[region].push(w);
    }
    const st = storeCount(customers);
    for (let s = 0; s < st; s++) {
      rng.reset(seed, STREAM.locations, 1000 + s);
      const city = CITIES[s % CITIES.length];
      const address = `${10 + rng.below(9990)} ${STREETS[rng.below(STREETS.length)]} ${STREET_SUFFIXES[rng.below(STREET_SUFFIXES.length)]}`;
      this.stores.push({
        id: `ST${String(s + 1).padStart(4, '0')}`,
        name: uniqueName(`${city.name} Store`),
        type: 2,
        city,
        address,
        capacity: 300 + rng.below(2701),
        manager: manager(),
      });
    }
    this.warehouseIdBytes = this.warehouses.map((l) => utf8(l.id));
    this.storeIdBytes = this.stores.map((l) => utf8(l.id));
  }

  /** The usual store of a customer of CITIES[cityIndex] (a store in that city when there is one). */
  homeStore(rng: Rng, cityIndex: number, inZeroZipCity: boolean): number {
    const stores = this.stores.length;
    const cities = CITIES.length;
    if (inZeroZipCity || cityIndex >= stores) return rng.below(stores);
    const inCity = Math.floor((stores - 1 - cityIndex) / cities) + 1;
    return cityIndex + cities * rng.below(inCity);
  }

  /** The warehouse that ships to a region (one of the region's, or any when it has none). */
  originFor(rng: Rng, region: number): number {
    const own = this.byRegion[region];
    return own.length > 0 ? own[rng.below(own.length)] : rng.below(this.warehouses.length);
  }
}
