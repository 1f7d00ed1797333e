import { ScrollView, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import './index.scss';

let lastId = 0;

interface SideScrollProps {
  /** One wide block: its own width (inline-flex, max-content) is what is measured against the frame. */
  children: ReactNode;
  /** Said above the frame while there is more to the side ("左右滑动查看更多"); without it only the edges show. */
  hint?: string;
  className?: string;
  /** The class of the scrolling frame itself (kept from before this component existed: `chips chips--scroll`). */
  frameClassName?: string;
}

interface Rect {
  width?: number;
}

/**
 * Content wider than the screen scrolls sideways, and says so: a shaded edge on the side with more
 * (and an arrow), and optionally a line of text. Fits on the screen → nothing is added.
 */
export function SideScroll({ children, hint, className = '', frameClassName = '' }: SideScrollProps) {
  const [id] = useState(() => `side-scroll-${++lastId}`);
  const [overflow, setOverflow] = useState(false);
  const [start, setStart] = useState(true);
  const [end, setEnd] = useState(false);
  const frameWidth = useRef(0);

  // Measured after every render: the content (chips, rows) may have changed; equal values change nothing.
  useEffect(() => {
    let live = true;
    Taro.nextTick(() => {
      Taro.createSelectorQuery()
        .select(`#${id}`)
        .boundingClientRect()
        .select(`#${id}-content`)
        .boundingClientRect()
        .exec((rects: (Rect | null)[]) => {
          if (!live) return;
          const frame = rects[0]?.width ?? 0;
          const content = rects[1]?.width ?? 0;
          frameWidth.current = frame;
          // A hidden page measures 0: nothing to say there.
          setOverflow(frame > 0 && content > frame + 1);
        });
    });
    return () => {
      live = false;
    };
  });

  return (
    <View
      className={`side-scroll${overflow ? ' side-scroll--overflow' : ''}${start ? '' : ' side-scroll--moved'}${end ? ' side-scroll--end' : ''} ${className}`}
    >
      {hint && overflow && <Text className="side-scroll__hint">{`${hint} →`}</Text>}
      <View className="side-scroll__frame">
        <ScrollView
          id={id}
          scrollX
          enhanced
          showScrollbar={false}
          className={`side-scroll__view ${frameClassName}`}
          onScroll={(e) => {
            const { scrollLeft, scrollWidth } = e.detail;
            setStart(scrollLeft <= 2);
            setEnd(scrollLeft + frameWidth.current >= scrollWidth - 2);
          }}
        >
          <View id={`${id}-content`} className="side-scroll__content">
            {children}
          </View>
        </ScrollView>
        {overflow && <View className="side-scroll__edge side-scroll__edge--left" />}
        {overflow && (
          <View className="side-scroll__edge side-scroll__edge--right">
            <Text className="side-scroll__arrow">›</Text>
          </View>
        )}
      </View>
    </View>
  );
}
