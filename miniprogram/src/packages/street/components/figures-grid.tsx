import type { CommunityFigures } from '@linli/shared';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { type Column, type Sort, sortRows } from '@/components/data-table';
import { SideScroll } from '@/components/side-scroll';
import { FIGURES } from '../lib/columns';
import './figures-grid.scss';

export interface FiguresRow {
  key: string;
  name: string;
  figures: CommunityFigures;
}

interface FiguresGridProps {
  rows: FiguresRow[];
  nameHeader: string;
  /** Headers sort on a click (▲/▼, `aria-sort`). */
  sortable?: boolean;
  /** A row opens on a click (the drill-down). */
  onOpen?: (row: FiguresRow) => void;
}

const ARROWS = { asc: '▲', desc: '▼' } as const;

const COLUMNS: Column<FiguresRow>[] = [
  { key: 'name', title: '', width: '', render: (r) => r.name, sortValue: (r) => r.name },
  ...FIGURES.map((f) => ({
    key: f.key,
    title: f.title,
    width: '',
    render: (r: FiguresRow) => f.text(r.figures),
    sortValue: (r: FiguresRow) => f.value(r.figures),
  })),
];

/** One row per community (or month), every figure in its column; scrolls sideways on a phone, and says so. */
export function FiguresGrid({ rows, nameHeader, sortable, onOpen }: FiguresGridProps) {
  const [sort, setSort] = useState<Sort>();
  const sorted = sortable ? sortRows(rows, COLUMNS, sort) : rows;
  return (
    <SideScroll hint="左右滑动查看更多" frameClassName="figures-grid">
      <View className="figures-grid__table" aria-role="table">
        <View className="figures-grid__row figures-grid__row--head" aria-role="row">
          {COLUMNS.map((column) => {
            const active = sort?.key === column.key ? sort.direction : undefined;
            const title = column.key === 'name' ? nameHeader : column.title;
            return (
              <View
                key={column.key}
                className={`figures-grid__cell${column.key === 'name' ? ' figures-grid__cell--name' : ''}${sortable ? ' figures-grid__cell--sortable' : ''}`}
                data-key={column.key}
                aria-role="columnheader"
                aria-sort={sortable ? (active ? (active === 'asc' ? 'ascending' : 'descending') : 'none') : undefined}
                onClick={() => {
                  if (sortable) setSort({ key: column.key, direction: active === 'asc' ? 'desc' : 'asc' });
                }}
              >
                <Text>{`${title}${active ? ` ${ARROWS[active]}` : ''}`}</Text>
              </View>
            );
          })}
        </View>
        {sorted.map((row) => (
          <View
            key={row.key}
            className={`figures-grid__row${onOpen ? ' figures-grid__row--open' : ''}`}
            data-key={row.key}
            aria-role="row"
            hoverClass={onOpen ? 'figures-grid__row--pressed' : undefined}
            onClick={() => onOpen?.(row)}
          >
            {COLUMNS.map((column) => (
              <Text
                key={column.key}
                className={`figures-grid__cell${column.key === 'name' ? ' figures-grid__cell--name' : ''}`}
                data-key={column.key}
              >
                {column.render(row)}
                {column.key === 'name' && onOpen ? ' ›' : ''}
              </Text>
            ))}
          </View>
        ))}
      </View>
    </SideScroll>
  );
}
