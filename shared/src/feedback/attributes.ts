/**
 * Details a category asks for beyond the description: the attributes of its
 * Open311 service definition (GeoReport v2 `service_definition`), kept as data
 * beside the categories. A category with attributes is listed with
 * `metadata: true`; the others need none.
 */

/** The specification's datatypes. */
export const ATTRIBUTE_DATATYPES = [
  'string',
  'number',
  'datetime',
  'text',
  'singlevaluelist',
  'multivaluelist',
] as const;
export type AttributeDatatype = (typeof ATTRIBUTE_DATATYPES)[number];

export interface ServiceAttribute {
  /** Stable key: `attribute[code]` in a POST. */
  code: string;
  /** True: a question for the person reporting; false: information only (shown, never answered). */
  variable: boolean;
  datatype: AttributeDatatype;
  required: boolean;
  /** How to fill it in, for the client's form. */
  datatypeDescription: string | null;
  order: number;
  /** The question itself. */
  description: string;
  /** For the list datatypes: the allowed answers. */
  values: readonly { key: string; name: string }[];
}

const list = (code: string, order: number, description: string, required: boolean, names: string[][]) => ({
  code,
  variable: true,
  datatype: 'singlevaluelist' as const,
  required,
  datatypeDescription: '从列表中选择一项',
  order,
  description,
  values: names.map(([key, name]) => ({ key: key as string, name: name as string })),
});

/** Attributes by category code; a community's own category of the same code asks the same. */
export const CATEGORY_ATTRIBUTES: Readonly<Record<string, readonly ServiceAttribute[]>> = {
  leak: [
    list('leak_place', 1, '漏水位置', true, [
      ['indoor', '室内'],
      ['stairwell', '楼道'],
      ['outdoor', '室外'],
    ]),
    list('leak_severity', 2, '漏水程度', false, [
      ['drip', '滴水'],
      ['flow', '流水'],
      ['flood', '积水'],
    ]),
  ],
  noise: [
    {
      ...list('noise_time', 1, '时段', false, [
        ['morning', '清晨（6点前）'],
        ['day', '白天'],
        ['evening', '傍晚'],
        ['night', '夜间（22点后）'],
      ]),
      datatype: 'multivaluelist',
      datatypeDescription: '可选多项',
    },
  ],
  elevator: [
    {
      code: 'elevator_stuck',
      variable: true,
      datatype: 'singlevaluelist',
      required: true,
      datatypeDescription: '从列表中选择一项',
      order: 1,
      description: '是否有人被困',
      values: [
        { key: 'yes', name: '有人被困' },
        { key: 'no', name: '无人被困' },
      ],
    },
    {
      code: 'elevator_number',
      variable: true,
      datatype: 'string',
      required: false,
      datatypeDescription: '电梯轿厢内的编号，最多 30 个字',
      order: 2,
      description: '电梯编号',
      values: [],
    },
  ],
  parking: [
    {
      code: 'parking_plate',
      variable: true,
      datatype: 'string',
      required: false,
      datatypeDescription: '车牌号，最多 30 个字',
      order: 1,
      description: '车牌号',
      values: [],
    },
    {
      code: 'parking_since',
      variable: true,
      datatype: 'datetime',
      required: false,
      datatypeDescription: 'ISO 8601 时间，如 2026-03-06T08:00:00+08:00',
      order: 2,
      description: '从何时停在此处',
      values: [],
    },
  ],
};

/** The attributes a category asks for, in their order (none for most). */
export function attributesOf(category: string): readonly ServiceAttribute[] {
  return [...(CATEGORY_ATTRIBUTES[category] ?? [])].sort((a, b) => a.order - b.order);
}
