import Taro from '@tarojs/taro';
import { useState } from 'react';
import { matchesSearch } from '@/components/list-search';
import { useBulkWrite } from './use-write';

interface BulkTableOptions<T> {
  /** The rows loaded so far. */
  items: readonly T[];
  idOf: (item: T) => string;
  /** What the search looks in, for one row. */
  searchIn: (item: T) => readonly (string | null | undefined)[];
  /** Whether the action applies to a row (a chosen row it does not apply to is left out). */
  applies?: (item: T) => boolean;
  /** The action's verb (受理, 通过), in the confirmation and the toast after. */
  verb: string;
  /** What the confirmation says before the action runs on `count` rows. */
  confirm: (count: number) => { title: string; content: string };
  /** One row's request. */
  send: (item: T, idempotencyKey: string) => Promise<unknown>;
}

/**
 * A desktop table's search, selection and one action on the chosen rows: asked once, then one
 * request a row (see `useBulkWrite`); what did not go through stays chosen, to try again.
 */
export function useBulkTable<T>({
  items,
  idOf,
  searchIn,
  applies = () => true,
  verb,
  confirm,
  send,
}: BulkTableOptions<T>) {
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const bulk = useBulkWrite(idOf, send);
  const rows = items.filter((item) => matchesSearch(search, searchIn(item)));
  const chosen = rows.filter((item) => selected.has(idOf(item)) && applies(item));

  async function runChosen() {
    if (!chosen.length || bulk.progress) return;
    const answer = await Taro.showModal({
      ...confirm(chosen.length),
      confirmText: verb,
      cancelText: '取消',
      confirmColor: '#b71c1c',
    });
    if (!answer.confirm) return;
    const { succeeded, failed } = await bulk.run(chosen);
    setSelected(new Set(failed.map((f) => idOf(f.item))));
    if (succeeded.length) void Taro.showToast({ title: `已${verb} ${succeeded.length} 条`, icon: 'success' });
  }

  return {
    rows,
    chosen,
    search,
    setSearch,
    selected,
    setSelected,
    bulk,
    runChosen,
    clear: () => {
      setSelected(new Set());
      bulk.clearFailures();
    },
  };
}
