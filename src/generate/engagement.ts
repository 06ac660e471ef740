import { STREAM } from './constants';
import { GenContext } from './context';
import { CustomerCore } from './customerCore';
import { DirtSelector } from './dirt';
import { Rng, weightTable } from './rng';
import { MOBILE_HOURS, OFFICE_HOURS, RESOLUTION_HOURS, SATISFACTION_BY_OUTCOME } from './tables';
import { TICKET_CATEGORY_WEIGHTS, TICKET_CHANNEL_WEIGHTS, TICKET_PRIORITY_WEIGHTS } from './vocab/commerce';

/** Most app sessions one customer has. */
export const MAX_SESSIONS = 150;
/** Days between app releases. */
export const RELEASE_INTERVAL_DAYS = 28;
/** App releases before the as-of date that sessions may run. */
export const RELEASES_BACK = 16;

/** The app version string of release number k (0 = oldest). */
export function appVersion(k: number): string {
  return `${3 + Math.floor(k / 10)}.${k % 10}.${(k * 7) % 4}`;
}

/**
 * One customer's app sessions in the last year of their activity: more for mobile-first,
 * younger and more frequent buyers, none after they lapse.
 */
export class AppSessions {
  count = 0;
  /** Number of this customer's first session (ids are `USG` + number). */
  firstUsage = 1;
  readonly day = new Int32Array(MAX_SESSIONS);
  readonly second = new Int32Array(MAX_SESSIONS);
  readonly minutes = new Int32Array(MAX_SESSIONS);
  readonly pages = new Int32Array(MAX_SESSIONS);
  readonly actions = new Int32Array(MAX_SESSIONS);
  readonly device = new Uint8Array(MAX_SESSIONS);
  /** Release number (see appVersion). */
  readonly release = new Int32Array(MAX_SESSIONS);
  private nextUsage = 1;
  private readonly rng = new Rng();
  private readonly releaseBase: number;

  constructor(private readonly ctx: GenContext) {
    this.releaseBase = ctx.asOfDay - RELEASE_INTERVAL_DAYS * RELEASES_BACK;
  }

  /** Simulates the sessions of the customer whose core is loaded. */
  simulate(core: CustomerCore): void {
    const rng = this.rng.reset(this.ctx.seed, STREAM.app, core.index);
    const n = core.appSessions;
    this.count = n;
    this.firstUsage = this.nextUsage;
    this.nextUsage += n;
    const days = this.day;
    const span = core.appEnd - core.appStart + 1;
    for (let k = 0; k < n; k++) {
      const d = core.appStart + rng.below(span);
      let j = k;
      while (j > 0 && days[j - 1] > d) {
        days[j] = days[j - 1];
        j--;
      }
      days[j] = d;
    }
    for (let k = 0; k < n; k++) {
      this.second[k] = rng.pick(MOBILE_HOURS) * 3600 + rng.below(3600);
      const minutes = Math.min(180, 1 + Math.floor(8 * (rng.pareto2() - 0.5)));
      const pages = 1 + Math.floor((minutes * (20 + rng.below(60))) / 100);
      this.minutes[k] = minutes;
      this.pages[k] = pages;
      this.actions[k] = Math.floor((pages * rng.below(90)) / 100);
      this.device[k] = rng.below(100) < 85 ? core.device : rng.below(3);
      const lag = rng.below(100);
      const current = Math.floor((days[k] - this.releaseBase) / RELEASE_INTERVAL_DAYS);
      this.release[k] = Math.max(0, current - (lag < 70 ? 0 : lag < 90 ? 1 : 2));
    }
  }
}

/** Ticket status codes (index into TICKET_STATUSES). */
const OPEN = 0;
const IN_PROGRESS = 1;
const RESOLVED = 2;
const CLOSED = 3;

const CATEGORY_TABLE = weightTable(TICKET_CATEGORY_WEIGHTS);
const PRIORITY_TABLE = weightTable(TICKET_PRIORITY_WEIGHTS);
const CHANNEL_TABLE = weightTable(TICKET_CHANNEL_WEIGHTS);
const MAX_TICKETS = 21;

/** Index of each ticket dirt kind in `Tickets.selector.kinds`. */
export const TICKET_DIRT = { orphan: 0, unscored: 1 } as const;

/**
 * One customer's support tickets: more for customers who buy more; recent ones still open;
 * resolved ones scored 1-5 by how fast and how serious they were.
 */
export class Tickets {
  count = 0;
  /** Number of this customer's first ticket (ids are `TKT` + number). */
  firstTicket = 1;
  readonly createdDay = new Int32Array(MAX_TICKETS);
  readonly createdSecond = new Int32Array(MAX_TICKETS);
  /** -1 when not resolved. */
  readonly resolvedDay = new Int32Array(MAX_TICKETS);
  readonly resolvedSecond = new Int32Array(MAX_TICKETS);
  readonly category = new Uint8Array(MAX_TICKETS);
  readonly priority = new Uint8Array(MAX_TICKETS);
  readonly status = new Uint8Array(MAX_TICKETS);
  readonly channel = new Uint8Array(MAX_TICKETS);
  /** 1-5, or 0 when unscored. */
  readonly score = new Uint8Array(MAX_TICKETS);
  /** Index into the selector's kinds, or -1. */
  readonly dirt = new Int8Array(MAX_TICKETS);
  readonly orphanNumber = new Int32Array(MAX_TICKETS);
  readonly selector: DirtSelector;
  private nextTicket = 1;
  private readonly rng = new Rng();

  constructor(private readonly ctx: GenContext) {
    this.selector = new DirtSelector(['orphan_ticket', 'unscored_ticket'], ctx.dirt);
  }

  /** Simulates the tickets of the customer whose core is loaded. */
  simulate(core: CustomerCore): void {
    const ctx = this.ctx;
    const asOf = ctx.asOfDay;
    const rng = this.rng.reset(ctx.seed, STREAM.tickets, core.index);
    const first = Math.max(core.regDay + 1, ctx.historyStart);
    const n = first <= asOf ? core.tickets : 0;
    this.count = n;
    this.firstTicket = this.nextTicket;
    this.nextTicket += n;
    for (let k = 0; k < n; k++) {
      const day = first + rng.below(asOf - first + 1);
      const second = rng.pick(OFFICE_HOURS) * 3600 + rng.below(3600);
      const priority = rng.pick(PRIORITY_TABLE);
      this.createdDay[k] = day;
      this.createdSecond[k] = second;
      this.category[k] = rng.pick(CATEGORY_TABLE);
      this.priority[k] = priority;
      this.channel[k] = rng.pick(CHANNEL_TABLE);
      const age = asOf - day;
      const s = rng.below(100);
      let status =
        age <= 2 ? (s < 50 ? OPEN : s < 80 ? IN_PROGRESS : RESOLVED) : age <= 7 ? (s < 15 ? OPEN : s < 40 ? IN_PROGRESS : RESOLVED) : s < 86 ? RESOLVED : s < 97 ? CLOSED : s < 98 ? OPEN : IN_PROGRESS;
      const range = RESOLUTION_HOURS[priority];
      const minHours = range[0];
      const maxHours = range[1];
      const hours = rng.between(minHours, maxHours);
      const resolvedAt = second + hours * 3600 + rng.below(3600);
      const resolvedDay = day + Math.floor(resolvedAt / 86400);
      const outcome = hours * 2 <= minHours + maxHours ? 0 : priority >= 2 ? 2 : 1;
      const score = rng.pick(SATISFACTION_BY_OUTCOME[outcome]) + 1;
      if ((status === RESOLVED || status === CLOSED) && resolvedDay > asOf) status = IN_PROGRESS;
      this.status[k] = status;
      const done = status === RESOLVED || status === CLOSED;
      this.resolvedDay[k] = done ? resolvedDay : -1;
      this.resolvedSecond[k] = resolvedAt % 86400;
      this.score[k] = done ? score : 0;

      let kind = -1;
      if (this.selector.total > 0) {
        const dirtDraw = rng.next();
        const orphan = ctx.orphanCustomerNumber(rng);
        kind = this.selector.choose(dirtDraw);
        if (kind === TICKET_DIRT.orphan) this.orphanNumber[k] = orphan;
        else if (kind === TICKET_DIRT.unscored) {
          if (done) this.score[k] = 0;
          else kind = -1;
        }
      }
      this.dirt[k] = kind;
    }
  }
}
