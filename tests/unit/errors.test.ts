import { ValidationError } from '@linli/shared';
import { describe, expect, it } from 'vitest';

describe('validation errors speak to people', () => {
  it('names the field in Chinese before what is wrong with it', () => {
    const error = new ValidationError([{ field: 'body.location.unit', message: '不能大于 30' }]);
    expect(error.message).toBe('单元：不能大于 30');
    expect(error.details?.[0]?.field).toBe('body.location.unit');
    expect(error.status).toBe(400);
  });

  it('keeps a message that already names its field', () => {
    expect(new ValidationError([{ field: 'body.room', message: '请填写门牌号' }]).message).toBe('请填写门牌号');
  });

  it('falls back to the plain message for a field it has no name for', () => {
    expect(new ValidationError([{ field: 'body.zzz', message: '格式不正确' }]).message).toBe('格式不正确');
  });
});
