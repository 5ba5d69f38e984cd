import { Button, DatePicker, Space, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useAsOf } from '../shared/hooks/use-as-of.ts';

/** 截至日期: the date every figure is as of, kept in the URL (`?asOf=`), today by default. */
export function AsOfPicker() {
  const { asOf, isToday, setAsOf, today } = useAsOf();
  return (
    <Space size={8}>
      <label htmlFor="as-of-date" style={{ whiteSpace: 'nowrap' }}>
        截至日期
      </label>
      <Tooltip title="页面上的所有数字均为该日的情况">
        <DatePicker
          id="as-of-date"
          value={dayjs(asOf)}
          format="YYYY-MM-DD"
          allowClear={false}
          style={{ width: 140 }}
          onChange={(date) => setAsOf(date ? date.format('YYYY-MM-DD') : null)}
        />
      </Tooltip>
      {!isToday && (
        <Button size="small" onClick={() => setAsOf(null)} title={`回到今天（${today}）`}>
          回到今天
        </Button>
      )}
    </Space>
  );
}
