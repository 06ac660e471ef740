/** Sales, support, app and logistics vocabulary. */

/** Sales channels; index 3 (phone) is rare. */
export const CHANNELS: readonly string[] = ['online', 'mobile', 'store', 'phone'];

/** Payment methods. */
export const PAYMENT_METHODS: readonly string[] = ['credit_card', 'debit_card', 'paypal', 'apple_pay', 'google_pay', 'gift_card', 'cash'];

/** Weights of PAYMENT_METHODS per channel (online, mobile, store, phone). */
export const PAYMENT_WEIGHTS_BY_CHANNEL: readonly (readonly number[])[] = [
  [45, 20, 20, 5, 5, 5, 0],
  [25, 5, 15, 30, 25, 0, 0],
  [35, 35, 0, 5, 0, 5, 20],
  [80, 20, 0, 0, 0, 0, 0],
];

/** Transaction statuses, indexed by the generator's status codes. */
export const TRANSACTION_STATUSES: readonly string[] = ['completed', 'pending', 'cancelled', 'refunded'];

/** Loyalty tiers, lowest first. */
export const LOYALTY_TIERS: readonly string[] = ['Bronze', 'Silver', 'Gold', 'Platinum'];

/** Support ticket categories. */
export const TICKET_CATEGORIES: readonly string[] = ['billing', 'product', 'shipping', 'account', 'technical', 'returns'];
/** Weights of TICKET_CATEGORIES. */
export const TICKET_CATEGORY_WEIGHTS: readonly number[] = [18, 22, 24, 12, 12, 12];
/** Ticket priorities. */
export const TICKET_PRIORITIES: readonly string[] = ['low', 'medium', 'high', 'urgent'];
/** Weights of TICKET_PRIORITIES. */
export const TICKET_PRIORITY_WEIGHTS: readonly number[] = [35, 40, 18, 7];
/** Ticket statuses. */
export const TICKET_STATUSES: readonly string[] = ['open', 'in_progress', 'resolved', 'closed'];
/** Ticket channels. */
export const TICKET_CHANNELS: readonly string[] = ['email', 'phone', 'chat', 'store', 'social'];
/** Weights of TICKET_CHANNELS. */
export const TICKET_CHANNEL_WEIGHTS: readonly number[] = [30, 25, 30, 10, 5];

/** App device types. */
export const DEVICE_TYPES: readonly string[] = ['ios', 'android', 'web'];

/** Parcel carriers. */
export const CARRIERS: readonly string[] = ['UPS', 'FedEx', 'USPS', 'DHL'];
/** Weights of CARRIERS. */
export const CARRIER_WEIGHTS: readonly number[] = [35, 30, 25, 10];
/** Shipping service levels. */
export const SERVICE_LEVELS: readonly string[] = ['standard', 'two_day', 'express', 'overnight'];
/** Weights of SERVICE_LEVELS. */
export const SERVICE_LEVEL_WEIGHTS: readonly number[] = [65, 18, 12, 5];
/** Transit days (min, max) per service level. */
export const SERVICE_TRANSIT_DAYS: readonly (readonly [number, number])[] = [[3, 7], [2, 2], [1, 3], [1, 1]];
/** Base shipping price in cents per service level. */
export const SERVICE_BASE_CENTS: readonly number[] = [599, 999, 1499, 2499];
/** Shipment delivery statuses. */
export const DELIVERY_STATUSES: readonly string[] = ['processing', 'in_transit', 'out_for_delivery', 'delivered', 'delayed', 'returned', 'lost'];

/** Tracking event types with their description and carrier status code. */
export const TRACKING_EVENTS: readonly { readonly type: string; readonly description: string; readonly code: string }[] = [
  { type: 'label_created', description: 'Label created', code: 'LC' },
  { type: 'picked_up', description: 'Picked up', code: 'PU' },
  { type: 'in_transit', description: 'At carrier facility', code: 'IT' },
  { type: 'out_for_delivery', description: 'Out for delivery', code: 'OD' },
  { type: 'delivered', description: 'Delivered, front door', code: 'DL' },
  { type: 'exception', description: 'Exception: weather delay', code: 'EX' },
  { type: 'returned', description: 'Returned to sender', code: 'RS' },
];

/** Warehouse location types. */
export const LOCATION_TYPES: readonly string[] = ['warehouse', 'distribution_center', 'retail_store'];

/** Supplier name parts. */
export const SUPPLIER_PREFIXES: readonly string[] = [
  'Pacific', 'Atlas', 'Summit', 'Evergreen', 'Harbor', 'Keystone', 'Pioneer', 'Silverline', 'Northstar', 'Bluewater',
  'Redwood', 'Granite', 'Meridian', 'Liberty', 'Coastal', 'Prairie', 'Crescent', 'Orion', 'Sterling', 'Apex',
];
/** Supplier name endings. */
export const SUPPLIER_SUFFIXES: readonly string[] = [
  'Trading Co.', 'Manufacturing', 'Supply', 'Industries', 'Goods Ltd.', 'Imports', 'Wholesale', 'Global', 'Sourcing', 'Partners',
];
/** Supplier countries with their phone prefix. */
export const SUPPLIER_COUNTRIES: readonly { readonly name: string; readonly phone: string }[] = [
  { name: 'USA', phone: '+1' }, { name: 'China', phone: '+86' }, { name: 'Vietnam', phone: '+84' },
  { name: 'Mexico', phone: '+52' }, { name: 'Germany', phone: '+49' }, { name: 'India', phone: '+91' },
  { name: 'Taiwan', phone: '+886' }, { name: 'Italy', phone: '+39' }, { name: 'Canada', phone: '+1' },
  { name: 'Bangladesh', phone: '+880' }, { name: 'Japan', phone: '+81' }, { name: 'South Korea', phone: '+82' },
];
/** Supplier payment terms. */
export const PAYMENT_TERMS: readonly string[] = ['Net 30', 'Net 45', 'Net 60', '2/10 Net 30', 'Due on Receipt'];
