import { Text, View } from '@tarojs/components';
import { type ReactNode, useState } from 'react';
import './index.scss';

export interface Column<T> {
  key: string;
  title: string;
  render: (row: T) => ReactNode;
  /** Given: the header sorts by it (nulls last either way). */
  sortValue?: (row: T) => string | number | null;
  /** A CSS grid track: `8em`, `minmax(12em, 1fr)`. */
  width: string;
}

export interface Sort {
  key: string;
  direction: 'asc' | 'desc';
}

export interface Selection<T> {
  selected: ReadonlySet<string>;
  /** Rows that cannot take the bulk action have no box. */
  selectable: (row: T) => boolean;
  onChange: (selected: Set<string>) => void;
}

interface DataTableProps<T> {
  rows: readonly T[];
  columns: readonly Column<T>[];
  rowKey: (row: T) => string;
  initialSort?: Sort;
  selection?: Selection<T>;
  onOpen?: (row: T) => void;
  className?: string;
}

const ARROWS = { asc: '▲', desc: '▼' } as const;
const collator = new Intl.Collator('zh-CN', { numeric: true });

function compare(a: string | number | null, b: string | number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return typeof a === 'number' && typeof b === 'number' ? a - b : collator.compare(String(a), String(b));
}

/** The rows in the order of `sort` (stable: equal rows keep their order). */
export function sortRows<T>(rows: readonly T[], columns: readonly Column<T>[], sort: Sort | undefined): T[] {
  const value = columns.find((c) => c.key === sort?.key)?.sortValue;
  if (!sort || !value) return [...rows];
  const sign = sort.direction === 'asc' ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, v: value(row) }))
    .sort((x, y) => {
      // Nulls stay last whichever way the column is sorted.
      if (x.v === null || y.v === null) return compare(x.v, y.v) || x.index - y.index;
      return sign * compare(x.v, y.v) || x.index - y.index;
    })
    .map((x) => x.row);
}

function CheckBox({ checked, label, onToggle }: { checked: boolean; label: string; onToggle: () => void }) {
  return (
    <View
      className={`data-table__check${checked ? ' data-table__check--on' : ''}`}
      aria-role="checkbox"
      aria-checked={checked}
      aria-label={label}
      onClick={(e) => {
        e.stopPropagation();
        onToggle();
      }}
    >
      <Text className="data-table__check-mark">{checked ? '✓' : ''}</Text>
    </View>
  );
}

/**
 * A desktop table (H5 ≥ 1024 px): a header that sorts on click (▲/▼, `aria-sort`), a row that opens
 * on click, and, with `selection`, a box per row and one in the header for all.
 */
export function DataTable<T>({
  rows,
  columns,
  rowKey,
  initialSort,
  selection,
  onOpen,
  className = '',
}: DataTableProps<T>) {
  const [sort, setSort] = useState<Sort | undefined>(initialSort);
  const sorted = sortRows(rows, columns, sort);
  const tracks = [...(selection ? ['48PX'] : []), ...columns.map((c) => c.width)].join(' ');
  const selectable = selection ? sorted.filter(selection.selectable).map(rowKey) : [];
  const allChosen = selectable.length > 0 && selectable.every((k) => selection?.selected.has(k));

  const toggle = (key: string) => {
    if (!selection) return;
    const next = new Set(selection.selected);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    selection.onChange(next);
  };

  return (
    <View className={`data-table ${className}`} aria-role="table">
      <View className="data-table__row data-table__row--head" style={{ gridTemplateColumns: tracks }} aria-role="row">
        {selection && (
          <View className="data-table__cell data-table__cell--check">
            {selectable.length > 0 && (
              <CheckBox
                checked={allChosen}
                label="全选"
                onToggle={() => selection.onChange(new Set(allChosen ? [] : selectable))}
              />
            )}
          </View>
        )}
        {columns.map((column) => {
          const active = sort?.key === column.key ? sort.direction : undefined;
          return (
            <View
              key={column.key}
              className={`data-table__cell data-table__th${column.sortValue ? ' data-table__th--sortable' : ''}`}
              data-key={column.key}
              aria-role="columnheader"
              aria-sort={active ? (active === 'asc' ? 'ascending' : 'descending') : 'none'}
              onClick={() => {
                if (!column.sortValue) return;
                setSort({ key: column.key, direction: active === 'asc' ? 'desc' : 'asc' });
              }}
            >
              <Text className="data-table__th-label">{`${column.title}${active ? ` ${ARROWS[active]}` : ''}`}</Text>
            </View>
          );
        })}
      </View>
      {sorted.map((row) => {
        const key = rowKey(row);
        const chosen = selection?.selected.has(key) ?? false;
        return (
          <View
            key={key}
            className={`data-table__row${chosen ? ' data-table__row--chosen' : ''}${onOpen ? ' data-table__row--open' : ''}`}
            style={{ gridTemplateColumns: tracks }}
            data-key={key}
            aria-role="row"
            onClick={() => onOpen?.(row)}
          >
            {selection && (
              <View className="data-table__cell data-table__cell--check">
                {selection.selectable(row) && <CheckBox checked={chosen} label="选择" onToggle={() => toggle(key)} />}
              </View>
            )}
            {columns.map((column) => (
              <View key={column.key} className="data-table__cell" data-key={column.key}>
                {column.render(row)}
              </View>
            ))}
          </View>
        );
      })}
    </View>
  );
}
