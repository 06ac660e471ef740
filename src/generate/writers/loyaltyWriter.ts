import { STREAM } from '../constants';
import { GenContext } from '../context';
import { IdCounter } from '../idCounter';
import { CsvBuffer } from '../csvBuffer';
import { fieldBytesList } from '../csvText';
import { DirtSelector, emptyDirtCounts } from '../dirt';
import { Rng } from '../rng';
import { LOYALTY_TIERS } from '../vocab/commerce';
import { BYTES, CustomerState, RowWriter } from './rowWriter';

const TIERS = fieldBytesList(LOYALTY_TIERS);
/** Lifetime value (cents) from which each tier starts: Silver 1,000, Gold 4,000, Platinum 10,000. */
const TIER_FLOORS = [0, 100000, 400000, 1000000];
const DIRT = { duplicate: 0, nullId: 1, notANumber: 2 } as const;

/**
 * customer/loyalty_program.csv: one row per member. Lifetime value is the member's completed
 * spend in the history window plus an estimate of what they spent before it, and the tier
 * follows it (a few members still wait for their upgrade). Points follow this year's spend.
 */
export class LoyaltyWriter implements RowWriter {
  readonly dirt = emptyDirtCounts();
  private readonly rng = new Rng();
  private readonly dirtRng = new Rng();
  private readonly selector: DirtSelector;
  private readonly customerIds: IdCounter;

  constructor(
    private readonly ctx: GenContext,
    private readonly out: CsvBuffer,
  ) {
    this.customerIds = new IdCounter('CUST', ctx.widths.customer);
    this.selector = new DirtSelector(['duplicate_loyalty_member', 'null_id', 'non_numeric_amount'], ctx.dirt);
  }

  customer({ core, purchases }: CustomerState): void {
    if (!core.isMember) return;
    const ctx = this.ctx;
    const asOf = ctx.asOfDay;
    const rng = this.rng.reset(ctx.seed, STREAM.loyalty, core.index);
    const observed = purchases.completedCents;
    const before = Math.max(0, ctx.historyStart - core.regDay);
    const prior = Math.floor((observed * before * (30 + rng.below(71))) / (730 * 100));
    const value = observed + prior;
    let tier = 0;
    while (tier < 3 && value >= TIER_FLOORS[tier + 1]) tier++;
    if (tier > 0 && rng.below(100) < 12) tier--;
    const earliest = Math.max(core.regDay, asOf - 1400);
    const tierStart = earliest < asOf ? earliest + rng.below(asOf - earliest) : asOf;
    const earned = Math.floor((purchases.yearToDateCents * (2 + tier)) / 200);
    const redeemed = earned === 0 ? 0 : Math.floor((earned * rng.below(81)) / 100);
    const carried = Math.floor((value * rng.below(30)) / 10000);
    const balance = carried + earned - redeemed;

    let kind = -1;
    let olderStart = tierStart;
    if (this.selector.total > 0) {
      const d = this.dirtRng.reset(ctx.seed, STREAM.loyaltyDirt, core.index);
      kind = this.selector.choose(d.next());
      olderStart = tierStart - 60 - d.below(500);
    }
    if (kind === DIRT.nullId) {
      this.row(-1, tier, balance, earned, redeemed, tierStart, value, false);
      this.dirt.null_id++;
    }
    this.row(core.index + 1, tier, balance, earned, redeemed, tierStart, value, kind === DIRT.notANumber);
    if (kind === DIRT.notANumber) this.dirt.non_numeric_amount++;
    if (kind === DIRT.duplicate) {
      // An older membership record of the same customer, one tier lower.
      this.row(core.index + 1, Math.max(0, tier - 1), balance, earned, redeemed, olderStart, Math.floor((value * 6) / 10), false);
      this.dirt.duplicate_loyalty_member++;
    }
  }

  private row(
    customerNumber: number,
    tier: number,
    balance: number,
    earned: number,
    redeemed: number,
    tierStart: number,
    valueCents: number,
    valueNotANumber: boolean,
  ): void {
    const out = this.out;
    if (customerNumber > 0) out.raw(this.customerIds.at(customerNumber));
    out.sep();
    out.raw(TIERS[tier]);
    out.sep();
    out.int(balance);
    out.sep();
    out.int(earned);
    out.sep();
    out.int(redeemed);
    out.sep();
    out.date(tierStart);
    out.sep();
    if (valueNotANumber) out.raw(BYTES.notANumber);
    else out.cents(valueCents);
    out.endRow();
  }
}
