/**
 * `attribute[code]` answers checked against the service definition: required
 * ones present, list answers among the listed keys, numbers and times well
 * formed. A refusal is the specification's 400 naming the attribute.
 */
import { isIsoDateTimeWithZone, type ServiceAttribute, ValidationError } from '@linli/shared';

export type AttributeAnswers = Readonly<Record<string, string | readonly string[]>>;

/** An answer as staff read it: the question and the answer's name. */
export interface AttributeDetail {
  code: string;
  label: string;
  value: string;
}

const MAX_TEXT = { string: 30, text: 500 } as const;

function refuse(code: string, message: string): never {
  throw new ValidationError([{ field: `attribute[${code}]`, message }]);
}

function answerOf(attribute: ServiceAttribute, given: string | readonly string[]): string | undefined {
  const values = (typeof given === 'string' ? [given] : [...given]).map((v) => v.trim()).filter(Boolean);
  if (!values.length) return undefined;
  const { code, datatype, description } = attribute;
  const nameOf = (key: string) =>
    attribute.values.find((v) => v.key === key)?.name ??
    refuse(code, `${description}只能是 ${attribute.values.map((v) => v.key).join('、')} 之一`);
  switch (datatype) {
    case 'multivaluelist':
      return [...new Set(values)].map(nameOf).join('、');
    case 'singlevaluelist':
      if (values.length > 1) refuse(code, `${description}只能选一项`);
      return nameOf(values[0] as string);
    case 'number':
      if (values.length > 1 || !/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(values[0] as string))
        refuse(code, `${description}须为数字`);
      return values[0];
    case 'datetime': {
      const value = values[0] as string;
      if (values.length > 1 || !isIsoDateTimeWithZone(value)) refuse(code, `${description}须为带时区的 ISO 8601 时间`);
      return new Date(value).toISOString();
    }
    default: {
      const value = values.join(' ');
      if ([...value].length > MAX_TEXT[datatype]) refuse(code, `${description}最多 ${MAX_TEXT[datatype]} 个字`);
      return value;
    }
  }
}

/**
 * The answers to a service's questions, in the questions' order; an answer to
 * a question the service does not ask is refused, so nothing is silently lost.
 */
export function checkAttributes(
  attributes: readonly ServiceAttribute[],
  given: AttributeAnswers = {},
): AttributeDetail[] {
  for (const code of Object.keys(given))
    if (!attributes.some((a) => a.code === code && a.variable)) refuse(code, '该服务没有这一项');
  const details: AttributeDetail[] = [];
  for (const attribute of attributes) {
    if (!attribute.variable) continue;
    const answer = given[attribute.code] === undefined ? undefined : answerOf(attribute, given[attribute.code] ?? '');
    if (answer === undefined) {
      if (attribute.required) refuse(attribute.code, `缺少${attribute.description}`);
      continue;
    }
    details.push({ code: attribute.code, label: attribute.description, value: answer });
  }
  return details;
}
