/** US places: customer cities, sales regions, streets, carrier hubs. */

/** A city customers live in. */
export interface City {
  readonly name: string;
  readonly state: string;
  /** First zip code of the city (zip codes are the base plus 0..19, five digits). */
  readonly zip: number;
  readonly areaCode: number;
  /** Index into REGIONS. */
  readonly region: number;
  /** Relative population weight. */
  readonly weight: number;
  /** Combined sales tax, basis points. */
  readonly taxBp: number;
}

/** Sales regions (regional_sales rows). */
export const REGIONS: readonly string[] = [
  'Northeast', 'Mid-Atlantic', 'Southeast', 'Midwest', 'Southwest', 'Mountain', 'West', 'Pacific Northwest',
];

const NE = 0, MA = 1, SE = 2, MW = 3, SW = 4, MO = 5, WE = 6, PN = 7;

function city(name: string, state: string, zip: number, areaCode: number, region: number, weight: number, taxBp: number): City {
  return { name, state, zip, areaCode, region, weight, taxBp };
}

/** Cities whose zip codes do not start with 0. */
export const CITIES: readonly City[] = [
  city('New York', 'NY', 10001, 212, MA, 85, 888), city('Los Angeles', 'CA', 90012, 213, WE, 40, 950),
  city('Chicago', 'IL', 60601, 312, MW, 27, 1025), city('Houston', 'TX', 77002, 713, SW, 23, 825),
  city('Phoenix', 'AZ', 85001, 602, SW, 16, 860), city('Philadelphia', 'PA', 19102, 215, MA, 16, 800),
  city('San Antonio', 'TX', 78205, 210, SW, 15, 825), city('San Diego', 'CA', 92101, 619, WE, 14, 775),
  city('Dallas', 'TX', 75201, 214, SW, 13, 825), city('Austin', 'TX', 78701, 512, SW, 10, 825),
  city('Jacksonville', 'FL', 32202, 904, SE, 9, 750), city('San Jose', 'CA', 95113, 408, WE, 10, 938),
  city('Columbus', 'OH', 43215, 614, MW, 9, 750), city('Charlotte', 'NC', 28202, 704, SE, 9, 725),
  city('Indianapolis', 'IN', 46204, 317, MW, 9, 700), city('San Francisco', 'CA', 94102, 415, WE, 9, 863),
  city('Seattle', 'WA', 98101, 206, PN, 8, 1035), city('Denver', 'CO', 80202, 303, MO, 8, 881),
  city('Washington', 'DC', 20001, 202, MA, 7, 600), city('Nashville', 'TN', 37201, 615, SE, 7, 925),
  city('Oklahoma City', 'OK', 73102, 405, SW, 7, 863), city('El Paso', 'TX', 79901, 915, SW, 7, 825),
  city('Las Vegas', 'NV', 89101, 702, MO, 7, 838), city('Portland', 'OR', 97201, 503, PN, 7, 0),
  city('Detroit', 'MI', 48201, 313, MW, 6, 600), city('Memphis', 'TN', 38103, 901, SE, 6, 975),
  city('Louisville', 'KY', 40202, 502, SE, 6, 600), city('Baltimore', 'MD', 21201, 410, MA, 6, 600),
  city('Milwaukee', 'WI', 53202, 414, MW, 6, 550), city('Albuquerque', 'NM', 87102, 505, SW, 6, 788),
  city('Tucson', 'AZ', 85701, 520, SW, 5, 870), city('Fresno', 'CA', 93721, 559, WE, 5, 835),
  city('Sacramento', 'CA', 95814, 916, WE, 5, 875), city('Kansas City', 'MO', 64106, 816, MW, 5, 885),
  city('Atlanta', 'GA', 30303, 404, SE, 5, 890), city('Miami', 'FL', 33101, 305, SE, 5, 700),
  city('Raleigh', 'NC', 27601, 919, SE, 5, 725), city('Omaha', 'NE', 68102, 402, MW, 5, 700),
  city('Minneapolis', 'MN', 55401, 612, MW, 4, 903), city('Tampa', 'FL', 33602, 813, SE, 4, 750),
  city('New Orleans', 'LA', 70112, 504, SE, 4, 945), city('Cleveland', 'OH', 44113, 216, MW, 4, 800),
  city('Salt Lake City', 'UT', 84101, 801, MO, 3, 775), city('Boise', 'ID', 83702, 208, MO, 3, 600),
  city('Spokane', 'WA', 99201, 509, PN, 2, 900), city('Anchorage', 'AK', 99501, 907, PN, 3, 0),
  city('Honolulu', 'HI', 96813, 808, WE, 3, 450), city('Pittsburgh', 'PA', 15222, 412, MA, 3, 700),
  city('St. Louis', 'MO', 63101, 314, MW, 3, 968), city('Orlando', 'FL', 32801, 407, SE, 3, 650),
  city('Birmingham', 'AL', 35203, 205, SE, 2, 1000), city('Richmond', 'VA', 23219, 804, MA, 2, 600),
  city('Charleston', 'SC', 29401, 843, SE, 2, 900), city('Des Moines', 'IA', 50309, 515, MW, 2, 700),
  city('Cheyenne', 'WY', 82001, 307, MO, 1, 600), city('Billings', 'MT', 59101, 406, MO, 1, 0),
  city('Fargo', 'ND', 58102, 701, MW, 1, 750), city('Sioux Falls', 'SD', 57104, 605, MW, 1, 620),
  city('Little Rock', 'AR', 72201, 501, SE, 1, 950), city('Jackson', 'MS', 39201, 601, SE, 1, 800),
  city('Wilmington', 'DE', 19801, 302, MA, 1, 0), city('Charleston', 'WV', 25301, 304, MA, 1, 700),
];

/** Cities whose zip codes start with 0 (dirt kind leading_zero_zip: tools that read zips as numbers break). */
export const ZERO_ZIP_CITIES: readonly City[] = [
  city('Boston', 'MA', 2108, 617, NE, 10, 625), city('Cambridge', 'MA', 2139, 617, NE, 3, 625),
  city('Worcester', 'MA', 1608, 508, NE, 3, 625), city('Springfield', 'MA', 1103, 413, NE, 2, 625),
  city('Providence', 'RI', 2903, 401, NE, 3, 700), city('Hartford', 'CT', 6103, 860, NE, 2, 635),
  city('New Haven', 'CT', 6510, 203, NE, 2, 635), city('Stamford', 'CT', 6901, 203, NE, 2, 635),
  city('Portland', 'ME', 4101, 207, NE, 2, 550), city('Burlington', 'VT', 5401, 802, NE, 1, 700),
  city('Manchester', 'NH', 3101, 603, NE, 2, 0), city('Newark', 'NJ', 7102, 973, MA, 4, 663),
  city('Jersey City', 'NJ', 7302, 201, MA, 4, 663), city('San Juan', 'PR', 901, 787, SE, 2, 1150),
];

/** Street names. */
export const STREETS: readonly string[] = [
  'Main', 'Oak', 'Pine', 'Maple', 'Cedar', 'Elm', 'Washington', 'Lake', 'Hill', 'Park',
  'Walnut', 'Sunset', 'Lincoln', 'Jackson', 'Church', 'River', 'Highland', 'Forest', 'Spring', 'Willow',
  'Birch', 'Chestnut', 'Meadow', 'Ridge', 'Franklin', 'Jefferson', 'Madison', 'Adams', 'Cherry', 'Dogwood',
  'Magnolia', 'Sycamore', 'Spruce', 'Poplar', 'Ash', 'Holly', 'Laurel', 'Valley', 'Prospect', 'Union',
  'Center', 'Market', 'Broad', 'Mill', 'Railroad', 'Bridge', 'Water', 'School', 'Green', 'Liberty',
];

/** Street suffixes. */
export const STREET_SUFFIXES: readonly string[] = ['St', 'Ave', 'Blvd', 'Dr', 'Ln', 'Rd', 'Way', 'Ct', 'Pl', 'Pkwy'];

/** Carrier hubs where parcels pass in transit (`City, ST`). */
export const CARRIER_HUBS: readonly string[] = [
  'Louisville, KY', 'Memphis, TN', 'Indianapolis, IN', 'Chicago, IL', 'Dallas, TX', 'Ontario, CA',
  'Newark, NJ', 'Atlanta, GA', 'Oakland, CA', 'Denver, CO', 'Hebron, KY', 'Jacksonville, FL',
];
