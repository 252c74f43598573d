import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../domain/id-number.js';
import { maskIdNumbers } from './presenter.js';

describe('maskIdNumbers', () => {
  const id = makeIdNumber('371525', '1950-01-01', 11);
  const masked = `371525********${id.slice(14)}`;

  it('masks ID-number fields at any depth and ID numbers inside text', () => {
    expect(
      maskIdNumbers({
        idNumber: id,
        headIdNumber: id.slice(0, 15),
        members: [{ name: '张三', idNumber: id }],
        filters: { q: id },
        message: `身份证号${id}重复`,
      }),
    ).toEqual({
      idNumber: masked,
      headIdNumber: '371525*****' + id.slice(11, 15),
      members: [{ name: '张三', idNumber: masked }],
      filters: { q: masked },
      message: `身份证号${masked}重复`,
    });
  });

  it('leaves other values alone', () => {
    const values = { householdNo: '3715251010010001', phone: '13800000000', size: 3, ok: true, none: null, list: ['a'] };
    expect(maskIdNumbers(values)).toEqual(values);
    expect(maskIdNumbers(null)).toBeNull();
  });
});
