// JSON merge patches (RFC 7396) made in the page: the settings form sends only what its user changed, so two people
// editing different settings at once both keep their change; a change to a setting someone else changed meanwhile
// is caught before it is sent.

const isObject = v => v !== null && typeof v === 'object' && !Array.isArray(v);
const same = (a, b) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The merge patch turning `before` into `after`: objects member by member, anything else whole; undefined when equal. */
export function diff(before, after) {
  if (!isObject(before) || !isObject(after)) return same(before, after) ? undefined : (after ?? null);
  const patch = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const change = after[key] === undefined ? (before[key] == null ? undefined : null) : diff(before[key], after[key]);
    if (change !== undefined) patch[key] = change;
  }
  return Object.keys(patch).length ? patch : undefined;
}

/** The dotted paths a patch sets (its leaves): callFlow.greeting, businessHours.week, … */
export function paths(patch, prefix = '') {
  return Object.entries(patch).flatMap(([key, value]) => isObject(value) ? paths(value, `${prefix}${key}.`) : [`${prefix}${key}`]);
}

function at(object, path) {
  return path.split('.').reduce((o, key) => (o == null ? undefined : o[key]), object);
}

/** The paths of `patch` whose value on the server moved between `base` (what the form was opened with) and `current`. */
export function conflicts(patch, base, current) {
  return paths(patch).filter(path => !same(at(base, path), at(current, path)));
}
