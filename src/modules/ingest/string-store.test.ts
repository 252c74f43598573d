import { expect, it } from 'vitest';
import { StringStore } from './string-store.js';

it('gives back every string across block boundaries, and undefined outside', () => {
  const store = new StringStore();
  const strings = Array.from({ length: 150_000 }, (_, i) => (i % 7 === 0 ? '' : i % 3 === 0 ? `张三${i}` : `371522${i}`));
  for (const s of strings) store.push(s);
  expect(store.get(70_000)).toBe(strings[70_000]);
  store.seal();
  expect(store.size).toBe(strings.length);
  for (let i = 0; i < strings.length; i += 997) expect(store.get(i)).toBe(strings[i]);
  for (const i of [0, 65_535, 65_536, 131_071, 131_072, 149_999]) expect(store.get(i)).toBe(strings[i]);
  for (const i of [-1, 150_000, 1.5, Number.NaN]) expect(store.get(i)).toBeUndefined();
});
