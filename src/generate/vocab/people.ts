/** Name pools for customers, contacts and managers. All invented combinations; no real people. */

/** Common US first names, female. */
export const FEMALE_FIRST_NAMES: readonly string[] = [
  'Sarah', 'Emily', 'Jessica', 'Amanda', 'Lisa', 'Maria', 'Nicole', 'Stephanie', 'Jennifer', 'Ashley',
  'Michelle', 'Laura', 'Rachel', 'Megan', 'Hannah', 'Olivia', 'Emma', 'Sophia', 'Isabella', 'Ava',
  'Mia', 'Abigail', 'Madison', 'Chloe', 'Grace', 'Natalie', 'Samantha', 'Lauren', 'Victoria', 'Elizabeth',
  'Rebecca', 'Katherine', 'Christina', 'Angela', 'Melissa', 'Heather', 'Kimberly', 'Amy', 'Danielle', 'Brittany',
  'Kayla', 'Alexis', 'Zoe', 'Lily', 'Aaliyah', 'Priya', 'Mei', 'Fatima', 'Keisha', 'Rosa',
  'Linda', 'Patricia', 'Barbara', 'Susan', 'Karen', 'Nancy', 'Margaret', 'Sandra', 'Donna', 'Carol',
];

/** Common US first names, male. */
export const MALE_FIRST_NAMES: readonly string[] = [
  'Michael', 'David', 'James', 'Robert', 'Christopher', 'Daniel', 'Kevin', 'John', 'William', 'Joseph',
  'Matthew', 'Anthony', 'Mark', 'Andrew', 'Joshua', 'Ryan', 'Brandon', 'Justin', 'Tyler', 'Jacob',
  'Ethan', 'Noah', 'Liam', 'Mason', 'Logan', 'Lucas', 'Aiden', 'Jayden', 'Caleb', 'Nathan',
  'Benjamin', 'Samuel', 'Jonathan', 'Eric', 'Steven', 'Brian', 'Jason', 'Timothy', 'Richard', 'Thomas',
  'Charles', 'Paul', 'Kenneth', 'George', 'Edward', 'Raj', 'Wei', 'Omar', 'Malik', 'Carlos',
  'Luis', 'Diego', 'Hiroshi', 'Kwame', 'Gary', 'Larry', 'Frank', 'Dennis', 'Walter', 'Harold',
];

/** Common US last names. */
export const LAST_NAMES: readonly string[] = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez',
  'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin',
  'Lee', 'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson',
  'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores',
  'Green', 'Adams', 'Nelson', 'Baker', 'Hall', 'Rivera', 'Campbell', 'Mitchell', 'Carter', 'Roberts',
  'Chen', 'Kim', 'Patel', 'Shah', 'Singh', 'Wong', 'Kowalski', 'Murphy', 'Sullivan', 'Cohen',
  'Rossi', 'Schmidt', 'Okafor', 'Mensah', 'Tanaka', 'Park', 'Ali', 'Hassan', 'Ivanov', 'Novak',
  'Fischer', "O'Brien", "O'Connor", 'Bennett', 'Brooks', 'Price', 'Reed', 'Cooper', 'Howard', 'Ward',
];

/** A name with non-ASCII letters and the ASCII spelling used in its e-mail address. */
export interface AccentedName {
  readonly name: string;
  readonly ascii: string;
}

function accented(pairs: readonly (readonly [string, string])[]): AccentedName[] {
  return pairs.map(([name, ascii]) => ({ name, ascii }));
}

/** Female first names with non-ASCII letters (dirt kind non_ascii_name). */
export const NON_ASCII_FEMALE_NAMES: readonly AccentedName[] = accented([
  ['María', 'maria'], ['Zoë', 'zoe'], ['Renée', 'renee'], ['Chloé', 'chloe'], ['Çağla', 'cagla'],
  ['Dóra', 'dora'], ['Anaïs', 'anais'], ['美咲', 'misaki'], ['Анна', 'anna'], ['Ζωή', 'zoi'],
]);

/** Male first names with non-ASCII letters (dirt kind non_ascii_name). */
export const NON_ASCII_MALE_NAMES: readonly AccentedName[] = accented([
  ['José', 'jose'], ['François', 'francois'], ['Björn', 'bjorn'], ['Søren', 'soren'], ['Łukasz', 'lukasz'],
  ['Jürgen', 'jurgen'], ['Ángel', 'angel'], ['Iñaki', 'inaki'], ['Дмитрий', 'dmitrii'], ['Håkon', 'hakon'],
]);

/** Last names with non-ASCII letters (dirt kind non_ascii_name). */
export const NON_ASCII_LAST_NAMES: readonly AccentedName[] = [
  { name: 'Müller', ascii: 'muller' }, { name: 'Gómez', ascii: 'gomez' }, { name: 'Søndergaard', ascii: 'sondergaard' },
  { name: 'Łukaszewski', ascii: 'lukaszewski' }, { name: 'Nguyễn', ascii: 'nguyen' }, { name: 'Öztürk', ascii: 'ozturk' },
  { name: 'Dvořák', ascii: 'dvorak' }, { name: 'Béland', ascii: 'beland' }, { name: 'García-Márquez', ascii: 'garcia-marquez' },
  { name: 'Þórsson', ascii: 'thorsson' }, { name: 'Peña', ascii: 'pena' }, { name: 'Ødegård', ascii: 'odegard' },
  { name: '山田', ascii: 'yamada' }, { name: 'Иванова', ascii: 'ivanova' }, { name: 'Παπαδόπουλος', ascii: 'papadopoulos' },
];

/** Suffixes CRM exports put after a comma in the last name (dirt kind name_with_comma_or_quote). */
export const NAME_SUFFIXES: readonly string[] = ['Jr.', 'Sr.', 'II', 'III', 'PhD', 'MD'];

/** Nicknames that CRM exports put in quotes after the first name (dirt kind name_with_comma_or_quote). */
export const NICKNAMES: Readonly<Record<string, string>> = {
  Robert: 'Bob', Elizabeth: 'Liz', William: 'Bill', Katherine: 'Kate', James: 'Jim', Margaret: 'Peggy', Richard: 'Rick',
  Jennifer: 'Jen', Michael: 'Mike', Christopher: 'Chris', Daniel: 'Dan', Matthew: 'Matt', Anthony: 'Tony', Joseph: 'Joe',
  Samantha: 'Sam', Rebecca: 'Becky', Patricia: 'Trish', Kimberly: 'Kim', Jessica: 'Jess', Nicole: 'Nikki',
  Stephanie: 'Steph', Victoria: 'Vicky', Benjamin: 'Ben', Jonathan: 'Jon', Thomas: 'Tom', Edward: 'Ed',
  Kenneth: 'Ken', Timothy: 'Tim', Steven: 'Steve', Alexis: 'Lexi', Abigail: 'Abby', Nathan: 'Nate',
};

/** E-mail domains (reserved example domains: no real mailbox is ever named). */
export const EMAIL_DOMAINS: readonly string[] = [
  'example.com', 'example.net', 'example.org', 'mail.example.com', 'inbox.example.net', 'post.example.org',
];

/** Relative weights of EMAIL_DOMAINS. */
export const EMAIL_DOMAIN_WEIGHTS: readonly number[] = [40, 20, 15, 10, 10, 5];

/** Customer segments of the CRM, with their weights. */
export const CUSTOMER_SEGMENTS: readonly string[] = ['Premium', 'Standard', 'Basic'];
