/**
 * A bounded memo for pure lookups on short phrases that repeat across a corpus (source phrases,
 * role descriptions): the value is computed once per key; when the map reaches its limit it is
 * emptied rather than grown, so memory stays bounded however large the corpus.
 *
 * @module
 */

/**
 * The value of `key` in `memo`, computed with `compute` and stored when absent. A full memo
 * (`limit` entries) is cleared before the new value is stored.
 *
 * @example
 * ```ts
 * const memo = new Map<string, number>();
 * remembered(memo, "Kim Jong Un", 50_000, (k) => k.length); // 11, computed
 * remembered(memo, "Kim Jong Un", 50_000, () => 0); // 11, from the memo
 * ```
 */
export function remembered<K, V>(
  memo: Map<K, V>,
  key: K,
  limit: number,
  compute: (key: K) => V,
): V {
  let value = memo.get(key);
  if (value === undefined) {
    value = compute(key);
    if (memo.size >= limit) memo.clear();
    memo.set(key, value);
  }
  return value;
}
