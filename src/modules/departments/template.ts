/**
 * 数据模板: the .xlsx a department fills in. Sheet 1 has the headings the reader recognises and example rows (made-up
 * people with valid ID numbers, IDs as text cells); sheet 2 explains every column: kind, required, allowed codes.
 */
import ExcelJS from 'exceljs';
import { CODE_LISTS, type CodeListName } from '../../domain/codes.js';
import { templateColumns, type DatasetColumn, type DatasetType } from '../../domain/departments/datasets.js';
import { makeIdNumber } from '../../domain/id-number.js';

const KIND_ZH: Record<string, string> = {
  text: '文字',
  name: '姓名',
  id: '18位身份证号（文本格式）',
  date: '日期，如 2020-06-30',
  amount: '金额/数值',
  integer: '整数',
  boolean: '是/否',
  phone: '电话号码',
  digits: '编号（文本格式）',
};

const PEOPLE = [
  { name: '张秀英', sex: 'female', birth: '2009-03-14', seq: 122 },
  { name: '李建国', sex: 'male', birth: '1956-11-02', seq: 311 },
  { name: '王小明', sex: 'male', birth: '2012-07-21', seq: 57 },
];

function exampleValue(col: DatasetColumn, i: number): string | number {
  if (col.kind.startsWith('coded:')) {
    const list = CODE_LISTS[col.kind.slice(6) as CodeListName];
    return list[i % list.length]!.zh;
  }
  switch (col.kind) {
    case 'date':
      return ['2020-03-01', '2019-09-01', '2020-05-15'][i % 3]!;
    case 'amount':
      return [650, 1200.5, 320][i % 3]!;
    case 'integer':
      return 2020;
    case 'boolean':
      return i % 2 === 0 ? '是' : '否';
    case 'digits':
      return `3715${String(20000000 + i * 7919).padStart(16, '0')}`.slice(0, 20);
    default:
      return `${col.label}示例${i + 1}`;
  }
}

export async function templateWorkbook(type: DatasetType): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const columns = templateColumns(type);
  const data = wb.addWorksheet(type.zh.slice(0, 31));
  data.addRow(columns.map((c) => (c.required ? `${c.label}` : c.label)));
  data.getRow(1).font = { bold: true };
  PEOPLE.forEach((p, i) => {
    const row = columns.map((c) => {
      switch (c.key) {
        case 'idNumber':
          return makeIdNumber('371502', p.birth, p.seq);
        case 'name':
          return p.name;
        case 'sex':
          return p.sex === 'male' ? '男' : '女';
        case 'birthDate':
          return p.birth;
        case 'villageName':
          return ['东关村', '西营村', '南街村'][i]!;
        default:
          return exampleValue(c, i);
      }
    });
    data.addRow(row);
  });
  columns.forEach((c, i) => {
    const column = data.getColumn(i + 1);
    column.width = Math.max(12, c.label.length * 2 + 4);
    // ID numbers and other codes as text: an 18-digit number loses its last digits in Excel.
    if (c.kind === 'id' || c.kind === 'digits') column.numFmt = '@';
  });
  data.views = [{ state: 'frozen', ySplit: 1 }];

  const notes = wb.addWorksheet('填表说明');
  notes.addRow([`${type.zh}（${type.en}）`]);
  notes.addRow([type.description]);
  notes.addRow(['每行一人；身份证号列请设为文本格式。可在第一行之上加标题行，列的顺序不限，表头可用括号中的同义写法。']);
  notes.addRow([]);
  notes.addRow(['列名', '英文', '必填', '内容', '可填写的值 / 同义表头']);
  notes.getRow(5).font = { bold: true };
  for (const c of columns) {
    const codes = c.kind.startsWith('coded:') ? CODE_LISTS[c.kind.slice(6) as CodeListName].map((x) => x.zh).join('、') : '';
    const kind = c.kind.startsWith('coded:') ? '代码（填写中文名称）' : (KIND_ZH[c.kind] ?? c.kind);
    notes.addRow([c.label, c.labelEn, c.required ? '是' : (c.key === 'idNumber' ? '应填（缺失时按姓名、出生日期比对）' : '否'), kind, [codes, c.synonyms.length ? `同义表头：${c.synonyms.join('、')}` : ''].filter(Boolean).join('；')]);
  }
  [16, 28, 10, 24, 80].forEach((w, i) => (notes.getColumn(i + 1).width = w));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
