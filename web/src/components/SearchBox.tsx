import { useEffect, useState } from 'react';
import { Button, Input, Space } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useT } from '../i18n';

interface Props {
  value: string | undefined;
  placeholder: string;
  onSearch: (value: string | undefined) => void;
  /** Put on the <input> itself (Input.Search would put it on its wrapper), so tests can type into it. */
  testId: string;
}

/** A text box with a search button; searches on Enter or click, and empties the filter when cleared. */
export function SearchBox({ value, placeholder, onSearch, testId }: Props) {
  const t = useT();
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText(value ?? ''), [value]);
  const submit = (next = text) => onSearch(next.trim() || undefined);
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input
        allowClear
        value={text}
        placeholder={placeholder}
        aria-label={placeholder}
        onChange={(e) => {
          setText(e.target.value);
          // The clear icon empties the box: the filter should go at once, as it visibly has.
          if (e.type === 'click' && e.target.value === '') submit('');
        }}
        onPressEnter={() => submit()}
        data-testid={testId}
      />
      <Button type="primary" icon={<SearchOutlined />} onClick={() => submit()} data-testid={`${testId}-submit`}>
        {t('common.search')}
      </Button>
    </Space.Compact>
  );
}
