// Turns JSON pointers (`/suppress/3/client`) into the paths people write in
// messages (`suppress[3].client`), reading the data to tell array indexes from keys.

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function childOf(container: unknown, key: string): unknown {
  if (container === null || typeof container !== 'object') return undefined;
  return Object.prototype.hasOwnProperty.call(container, key) ? (container as Record<string, unknown>)[key] : undefined;
}

/** `['suppress', '3', 'client']` → `suppress[3].client`; keys that are not identifiers are quoted: `defaults.map["a b"]`. */
export function formatConfigPath(segments: readonly string[], root: unknown): string {
  let path = '';
  let node: unknown = root;
  for (const segment of segments) {
    if (Array.isArray(node) && /^\d+$/.test(segment)) path += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) path += path === '' ? segment : `.${segment}`;
    else path += `[${JSON.stringify(segment)}]`;
    node = childOf(node, segment);
  }
  return path;
}

export function valueAt(root: unknown, segments: readonly string[]): unknown {
  let node = root;
  for (const segment of segments) node = childOf(node, segment);
  return node;
}

/** Pre-order position of every path in the document, so the first problem in reading order can be reported. */
export function documentOrder(root: unknown): Map<string, number> {
  const order = new Map<string, number>();
  const visit = (node: unknown, pointer: string): void => {
    order.set(pointer, order.size);
    if (node === null || typeof node !== 'object') return;
    for (const key of Object.keys(node)) {
      visit((node as Record<string, unknown>)[key], `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    }
  };
  visit(root, '');
  return order;
}
