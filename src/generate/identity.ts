import { civilFromDay } from './calendar';
import { STREAM } from './constants';
import { GenContext } from './context';
import { CustomerCore } from './customerCore';
import { Rng, weightTable } from './rng';
import {
  EMAIL_DOMAINS,
  EMAIL_DOMAIN_WEIGHTS,
  FEMALE_FIRST_NAMES,
  LAST_NAMES,
  MALE_FIRST_NAMES,
  NAME_SUFFIXES,
  NICKNAMES,
  NON_ASCII_FEMALE_NAMES,
  NON_ASCII_LAST_NAMES,
  NON_ASCII_MALE_NAMES,
} from './vocab/people';
import { STREETS, STREET_SUFFIXES } from './vocab/places';

const DOMAIN_TABLE = weightTable(EMAIL_DOMAIN_WEIGHTS);

function emailPart(name: string): string {
  return name.toLowerCase().replace(/[^a-z]/g, '');
}

const FEMALE_EMAIL = FEMALE_FIRST_NAMES.map(emailPart);
const MALE_EMAIL = MALE_FIRST_NAMES.map(emailPart);
const LAST_EMAIL = LAST_NAMES.map(emailPart);

/** Which tricky-name dirt a customer's name carries. */
export type NameDirt = 'none' | 'non_ascii_name' | 'name_with_comma_or_quote';

/**
 * Who a customer is: name, e-mail, phone and street address, drawn from the customer's own
 * stream. Names may carry dirt (accents and other scripts; commas and quotes).
 */
export class CustomerIdentity {
  firstName = '';
  lastName = '';
  email = '';
  phone = '';
  address = '';
  nameDirt: NameDirt = 'none';
  private readonly rng = new Rng();

  constructor(private readonly ctx: GenContext) {}

  /** Draws the identity of the customer whose core is loaded. */
  load(core: CustomerCore): void {
    const ctx = this.ctx;
    const rng = this.rng.reset(ctx.seed, STREAM.identity, core.index);
    const female = core.gender === 0 || (core.gender === 2 && rng.below(2) === 0);
    const firstPool = female ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES;
    const first = rng.below(firstPool.length);
    const last = rng.below(LAST_NAMES.length);
    let firstName = firstPool[first];
    let lastName = LAST_NAMES[last];
    let firstEmail = (female ? FEMALE_EMAIL : MALE_EMAIL)[first];
    let lastEmail = LAST_EMAIL[last];

    const style = rng.below(100);
    const suffixKind = rng.below(100);
    const suffixNumber = rng.below(100);
    const domain = EMAIL_DOMAINS[rng.pick(DOMAIN_TABLE)];
    const hasPhone = rng.below(100) >= 3;
    const phoneTail = rng.below(100);
    const houseNumber = 1 + rng.below(9899);
    const street = STREETS[rng.below(STREETS.length)];
    const streetSuffix = STREET_SUFFIXES[rng.below(STREET_SUFFIXES.length)];
    const apartment = rng.below(100) < 15 ? 1 + rng.below(40) : 0;

    // Dirt: names in other scripts or with accents; names holding commas or quotes.
    const dirtDraw = rng.next();
    const dirtPick = rng.next();
    const t = ctx.dirt;
    this.nameDirt = 'none';
    if (dirtDraw < t.non_ascii_name) {
      this.nameDirt = 'non_ascii_name';
      const which = dirtPick % 3;
      if (which !== 1) {
        const pool = female ? NON_ASCII_FEMALE_NAMES : NON_ASCII_MALE_NAMES;
        const n = pool[(dirtPick >>> 2) % pool.length];
        firstName = n.name;
        firstEmail = n.ascii;
      }
      if (which !== 0) {
        const n = NON_ASCII_LAST_NAMES[(dirtPick >>> 8) % NON_ASCII_LAST_NAMES.length];
        lastName = n.name;
        lastEmail = n.ascii;
      }
    } else if (dirtDraw < t.non_ascii_name + t.name_with_comma_or_quote) {
      // A nickname in quotes when the first name has one, else a suffix after a comma.
      this.nameDirt = 'name_with_comma_or_quote';
      const nickname = NICKNAMES[firstName];
      if (nickname !== undefined && dirtPick % 2 === 0) firstName = `${firstName} "${nickname}"`;
      else lastName = `${lastName}, ${NAME_SUFFIXES[(dirtPick >>> 4) % NAME_SUFFIXES.length]}`;
    }

    this.firstName = firstName;
    this.lastName = lastName;
    const local =
      style < 45 ? `${firstEmail}.${lastEmail}` : style < 65 ? `${firstEmail}${lastEmail}` : style < 85 ? `${firstEmail[0]}.${lastEmail}` : `${firstEmail}_${lastEmail}`;
    const suffix = suffixKind < 40 ? '' : suffixKind < 70 ? String(suffixNumber) : String(civilFromDay(core.dobDay)[0]);
    this.email = `${local}${suffix}@${domain}`;
    this.phone = hasPhone ? `+1-${core.city.areaCode}-555-01${phoneTail < 10 ? '0' : ''}${phoneTail}` : '';
    this.address = `${houseNumber} ${street} ${streetSuffix}${apartment > 0 ? ` Apt ${apartment}` : ''}`;
  }
}
