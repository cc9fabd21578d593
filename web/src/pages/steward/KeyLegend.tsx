// The keys a page answers, always on screen: people learn them by seeing them.
import { Flex, Typography } from 'antd';

export function KeyLegend({ keys, testId }: { keys: Array<[string, string]>; testId?: string }) {
  return (
    <Flex wrap gap={12} data-testid={testId} style={{ margin: '8px 0' }}>
      {keys.map(([k, what]) => (
        <Typography.Text key={k} type="secondary"><Typography.Text keyboard>{k}</Typography.Text> {what}</Typography.Text>
      ))}
    </Flex>
  );
}
