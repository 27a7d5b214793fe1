// The order a register lists students in, whatever order the core answers in.
/** Students in the order a register lists them: last name, then first name, accents folded. */
const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
export function byLastThenFirst<T extends { lastName: string; firstName: string }>(a: T, b: T): number {
  return collator.compare(a.lastName, b.lastName) || collator.compare(a.firstName, b.firstName);
}
